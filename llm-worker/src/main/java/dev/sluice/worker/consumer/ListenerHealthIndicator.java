package dev.sluice.worker.consumer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Reports the worker up while its listener container runs and has not been halted by a failed publish. */
public final class ListenerHealthIndicator implements HealthIndicator {

  private final MessageListenerContainer container;
  private final ListenerIntake intake;
  private final InFlightGate gate;
  private final OffsetTracker offsets;

  public ListenerHealthIndicator(MessageListenerContainer container, ListenerIntake intake, InFlightGate gate,
      OffsetTracker offsets) {
    this.container = container;
    this.intake = intake;
    this.gate = gate;
    this.offsets = offsets;
  }

  @Override
  public Health health() {
    Health.Builder health = container.isRunning() && intake.haltCause().isEmpty() ? Health.up() : Health.down();
    intake.haltCause().ifPresent(cause -> health.withDetail("halted", String.valueOf(cause.getMessage())));
    return health
        .withDetail("listenerRunning", container.isRunning())
        .withDetail("intakePaused", gate.intakePaused())
        .withDetail("running", gate.running())
        .withDetail("waiting", gate.waiting())
        .withDetail("maxInFlight", gate.maxInFlight())
        .withDetail("uncommittedRecords", offsets.tracked())
        .build();
  }
}
