package dev.sluice.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/** A real listener container (its broker unreachable, which a running container survives), halted and paused. */
class ListenerHealthIndicatorTest {

  private KafkaMessageListenerContainer<String, String> container;
  private ListenerIntake intake;
  private InFlightGate gate;
  private ListenerHealthIndicator health;

  @BeforeEach
  void start() {
    DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
        ConsumerConfig.GROUP_ID_CONFIG, "health-test"),
        new StringDeserializer(), new StringDeserializer());
    ContainerProperties properties = new ContainerProperties("sluice.requests.guarded");
    properties.setMessageListener((MessageListener<String, String>) record -> { });
    container = new KafkaMessageListenerContainer<>(consumers, properties);
    intake = new ListenerIntake(() -> container);
    gate = new InFlightGate(2, 1, intake, Runnable::run);
    health = new ListenerHealthIndicator(container, intake, gate, new OffsetTracker());
    container.start();
  }

  @AfterEach
  void stop() {
    container.stop();
  }

  @Test
  void upWhileTheListenerRuns() {
    Health report = health.health();

    assertThat(report.getStatus()).isEqualTo(Status.UP);
    assertThat(report.getDetails()).containsEntry("listenerRunning", true).containsEntry("maxInFlight", 2);
  }

  @Test
  void aHaltStopsTheListenerForGoodAndReportsDown() {
    intake.halt(new IllegalStateException("sluice.completions unreachable"));
    intake.resume();

    await().atMost(Duration.ofSeconds(30)).until(() -> !container.isRunning());
    Health report = health.health();
    assertThat(report.getStatus()).isEqualTo(Status.DOWN);
    assertThat(report.getDetails()).containsEntry("halted", "sluice.completions unreachable");
  }

  @Test
  void aFullGatePausesTheContainer() {
    gate.submit(CompletableFuture::new);
    gate.submit(CompletableFuture::new);

    assertThat(container.isPauseRequested()).isTrue();
    assertThat(health.health().getDetails()).containsEntry("intakePaused", true).containsEntry("running", 2);
  }
}
