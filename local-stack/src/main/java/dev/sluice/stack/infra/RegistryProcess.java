package dev.sluice.stack.infra;

import dev.sluice.stack.StackLayout;
import dev.sluice.stack.process.ManagedProcess;
import dev.sluice.stack.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real Apicurio Registry 2.3.1 built by the schema-registry module, with the global BACKWARD compatibility rule
 * switched on so no producer can register a breaking schema. Its H2 storage lives in a file beside the broker's
 * data: records on the topics carry schema ids, so the registry must keep them for as long as Kafka keeps the records.
 */
public final class RegistryProcess implements AutoCloseable {

  private final ManagedProcess process;
  private final int port;

  private RegistryProcess(ManagedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  public static RegistryProcess start(StackLayout layout, int port) {
    ManagedProcess registry = ManagedProcess.start("registry",
        List.of(StackLayout.javaExecutable(), "-Xms64m", "-Xmx384m", "-jar", layout.registryRunnerJar().toString()),
        Map.of("HTTP_PORT", Integer.toString(port), "QUARKUS_HTTP_HOST", "127.0.0.1",
            "REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + storage(layout)),
        layout.repositoryRoot(), layout.logFile("registry"));
    RegistryProcess started = new RegistryProcess(registry, port);
    try {
      registry.awaitReady(Readiness.http(started.apiUrl() + "/system/info"), Duration.ofSeconds(90));
      started.enableBackwardCompatibilityRule();
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    return started;
  }

  private static Path storage(StackLayout layout) {
    Path dir = layout.data("registry");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.resolve("registry");
  }

  /** The v2 API the serdes use. */
  public String apiUrl() {
    return "http://127.0.0.1:" + port + "/apis/registry/v2";
  }

  private void enableBackwardCompatibilityRule() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl() + "/admin/rules"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}"))
        .build();
    try {
      int status = Readiness.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      // 409: the rule is already there (a registry that kept its state)
      if (status != 204 && status != 200 && status != 409) {
        throw new IllegalStateException("enabling the BACKWARD rule answered HTTP " + status);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the registry at " + apiUrl(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
