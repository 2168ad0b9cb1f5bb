package dev.sluice.registry;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The built registry runner jar, started as a child process on a free local port and stopped on close. */
final class RegistryProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final Process process;
  private final Thread stopOnJvmExit;
  private final int port;
  private final Path log;

  private RegistryProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    // A test JVM that dies without running @AfterAll must not leave a registry holding the port.
    this.stopOnJvmExit = new Thread(process::destroyForcibly, "stop-registry-" + port);
    Runtime.getRuntime().addShutdownHook(stopOnJvmExit);
  }

  /** Starts {@code runnerJar} with the documented start command and returns once {@code /health/ready} is 200. */
  static RegistryProcess start(Path runnerJar, Duration readyWithin) throws IOException {
    if (!Files.isRegularFile(runnerJar)) {
      throw new IllegalStateException(
          "No registry runner at " + runnerJar + "; build it with mvn -pl schema-registry package");
    }
    int port = freePort();
    Path log = runnerJar.resolveSibling("schema-registry-it-" + port + ".log");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", runnerJar.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
    RegistryProcess registry = new RegistryProcess(builder.start(), port, log);
    try {
      registry.awaitReady(readyWithin);
      return registry;
    } catch (RuntimeException | Error e) {
      registry.close();
      throw e;
    }
  }

  /** The v2 REST API root, the URL the serdes take ({@code SLUICE_REGISTRY_URL}). */
  String apiUrl() {
    return "http://127.0.0.1:" + port + "/apis/registry/v2";
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnJvmExit);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook runs anyway and finds the process gone
      }
    }
  }

  private void awaitReady(Duration within) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    await("registry on port " + port + " ready (log: " + log + ")")
        .atMost(within)
        .pollInterval(Duration.ofMillis(250))
        .ignoreException(ConnectException.class)
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("registry exited with " + process.exitValue() + "; see " + log);
          }
          return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
