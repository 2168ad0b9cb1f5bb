package dev.sluice.guard.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while the guard's Streams client is RUNNING or REBALANCING: the liveness of this stage. */
public class GuardStreamsHealthIndicator implements HealthIndicator {

  private final GuardStreams streams;

  public GuardStreamsHealthIndicator(GuardStreams streams) {
    this.streams = streams;
  }

  @Override
  public Health health() {
    KafkaStreams.State state = streams.state();
    if (state != null && state.isRunningOrRebalancing()) {
      return Health.up().withDetail("state", state.name()).build();
    }
    return Health.down().withDetail("state", state == null ? "NOT_STARTED" : state.name()).build();
  }
}
