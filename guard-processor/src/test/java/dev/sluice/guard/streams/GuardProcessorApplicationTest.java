package dev.sluice.guard.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.GuardProcessorApplication;
import dev.sluice.runtime.streams.StreamsStage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service starts, wires the guard topology into a running Streams client and serves health and metrics over
 * real HTTP. No broker here: topic creation is off and the client points at a closed port, which leaves Streams
 * waiting in REBALANCING (alive, by the liveness rule). Broker round trips are the end-to-end suite's job.
 */
@SpringBootTest(classes = GuardProcessorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:1",
        "spring.kafka.admin.auto-create=false",
        "sluice.guard.close-timeout=5s",
        "management.endpoint.health.show-details=always",
        "logging.level.org.apache.kafka=WARN"})
class GuardProcessorApplicationTest {

  @TempDir
  static Path stateDir;

  @DynamicPropertySource
  static void stateDir(DynamicPropertyRegistry registry) {
    registry.add("sluice.guard.state-dir", () -> stateDir.toString());
  }

  @LocalServerPort
  int port;

  @Autowired
  StreamsStage guardStreams;

  @Autowired
  Topology guardTopology;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void runsTheGuardTopologyAndReportsItsLiveness() throws Exception {
    assertThat(guardStreams.isRunning()).isTrue();
    assertThat(guardTopology.describe().subtopologies()).hasSize(1);

    HttpResponse<String> liveness = get("/actuator/health/liveness");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).contains("\"guardStreams\"").contains("\"state\":\"REBALANCING\"");
  }

  @Test
  void exposesKafkaStreamsMetricsToPrometheus() throws Exception {
    HttpResponse<String> prometheus = get("/actuator/prometheus");

    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("kafka_stream_");
  }
}
