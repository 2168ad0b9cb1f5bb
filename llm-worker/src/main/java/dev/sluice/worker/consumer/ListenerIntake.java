package dev.sluice.worker.consumer;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Intake of the guarded-request listener container: paused and resumed by the {@link InFlightGate}, and halted for
 * good when an outcome cannot be published (health then reports the worker down, so it gets restarted and redoes the
 * uncommitted records).
 */
public final class ListenerIntake implements IntakeControl {

  private static final Logger log = LoggerFactory.getLogger(ListenerIntake.class);

  private final Supplier<MessageListenerContainer> container;
  private final AtomicReference<Throwable> haltCause = new AtomicReference<>();

  /** @param container looked up on first use: the container is built with a listener that needs this intake */
  public ListenerIntake(Supplier<MessageListenerContainer> container) {
    this.container = container;
  }

  @Override
  public void pause() {
    container.get().pause();
  }

  @Override
  public void resume() {
    if (haltCause.get() == null) {
      container.get().resume();
    }
  }

  /** Stops taking records, once; the stop runs in the background as the caller may be a Kafka client thread. */
  public void halt(Throwable cause) {
    if (haltCause.compareAndSet(null, cause)) {
      log.error("Halting the worker: an outcome could not be published, so its offset must not be committed", cause);
      container.get().stop(() -> log.error("Listener container stopped after a failed publish"));
    }
  }

  public Optional<Throwable> haltCause() {
    return Optional.ofNullable(haltCause.get());
  }
}
