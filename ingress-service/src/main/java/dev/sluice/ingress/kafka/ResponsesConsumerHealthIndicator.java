package dev.sluice.ingress.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP once the responses consumer is positioned on every partition and its last poll worked. */
public final class ResponsesConsumerHealthIndicator implements HealthIndicator {

  private final ChatResponseConsumer consumer;

  public ResponsesConsumerHealthIndicator(ChatResponseConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public Health health() {
    Health.Builder health = consumer.isReady() && consumer.isHealthy() ? Health.up() : Health.down();
    return health
        .withDetail("positioned", consumer.isReady())
        .withDetail("partitions", consumer.assignedPartitions())
        .build();
  }
}
