package dev.sluice.testkit;

import dev.sluice.stack.StackLayout;
import dev.sluice.stack.infra.RedisProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Redis server for tests: the local stack's {@link RedisProcess} on a free loopback port, with its files in a
 * fresh temporary directory.
 */
public final class TestRedis implements AutoCloseable {

  private final RedisProcess redis;

  private TestRedis(RedisProcess redis) {
    this.redis = redis;
  }

  public static TestRedis start() {
    try {
      Path work = Files.createTempDirectory("sluice-test-redis");
      StackLayout layout = new StackLayout(work, work);
      return new TestRedis(RedisProcess.start(layout, freePort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return redis.uri();
  }

  public int port() {
    return redis.port();
  }

  @Override
  public void close() {
    redis.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
