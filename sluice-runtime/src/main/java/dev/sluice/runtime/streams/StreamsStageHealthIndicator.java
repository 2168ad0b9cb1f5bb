package dev.sluice.runtime.streams;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Liveness of a Streams stage: UP while Kafka Streams is RUNNING or REBALANCING. */
public class StreamsStageHealthIndicator implements HealthIndicator {

  private final StreamsStage lifecycle;

  public StreamsStageHealthIndicator(StreamsStage lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public Health health() {
    return healthOf(lifecycle.state());
  }

  static Health healthOf(Optional<KafkaStreams.State> state) {
    String shown = state.map(Enum::name).orElse("NOT_STARTED");
    boolean up = state.map(s -> s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING)
        .orElse(false);
    return (up ? Health.up() : Health.down()).withDetail("state", shown).build();
  }
}
