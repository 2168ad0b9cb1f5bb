package dev.sluice.judge.intake;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Liveness of the response listener: UP while its container runs; shows the judge calls in flight. */
public class JudgeListenerHealthIndicator implements HealthIndicator {

  private final KafkaListenerEndpointRegistry registry;
  private final InFlightLimit inFlight;

  public JudgeListenerHealthIndicator(KafkaListenerEndpointRegistry registry, InFlightLimit inFlight) {
    this.registry = registry;
    this.inFlight = inFlight;
  }

  @Override
  public Health health() {
    MessageListenerContainer container = registry.getListenerContainer(SampledResponseListener.ID);
    boolean running = container != null && container.isRunning();
    return (running ? Health.up() : Health.down())
        .withDetail("listener", running ? "running" : "stopped")
        .withDetail("judgeCallsInFlight", inFlight.inFlight())
        .withDetail("maxJudgeCallsInFlight", inFlight.max())
        .build();
  }
}
