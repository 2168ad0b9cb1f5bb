package dev.sluice.stack.infra;

import dev.sluice.stack.StackLayout;
import dev.sluice.stack.process.ManagedProcess;
import dev.sluice.stack.process.Readiness;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real {@code redis-server}: the one on PATH, else the Linux binary shipped inside the embedded-redis jar,
 * listening on loopback with persistence off.
 */
public final class RedisProcess implements AutoCloseable {

  private static final String SHIPPED_BINARY = "/redis-server-6.2.6-v5-linux-amd64";

  private final ManagedProcess process;
  private final int port;

  private RedisProcess(ManagedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  public static RedisProcess start(StackLayout layout, int port) {
    Path binary = findOnPath().orElseGet(() -> extractShipped(layout.data("bin")));
    Path dir = layout.data("redis");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ManagedProcess redis = ManagedProcess.start("redis",
        List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", dir.toString()),
        Map.of(), layout.repositoryRoot(), layout.logFile("redis"));
    try {
      redis.awaitReady(Readiness.tcp("127.0.0.1", port), Duration.ofSeconds(20));
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
    return new RedisProcess(redis, port);
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.close();
  }

  private static Optional<Path> findOnPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Path extractShipped(Path binDir) {
    Path target = binDir.resolve("redis-server");
    try (InputStream in = RedisProcess.class.getResourceAsStream(SHIPPED_BINARY)) {
      if (in == null) {
        throw new IllegalStateException("no redis-server on PATH and " + SHIPPED_BINARY
            + " is not in embedded-redis on the classpath");
      }
      Files.createDirectories(binDir);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      if (!target.toFile().setExecutable(true)) {
        throw new IllegalStateException("cannot make " + target + " executable");
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
