package dev.sluice.worker.consumer;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * On shutdown, stops intake and lets requests in hand finish (within a bound) before the listener container stops
 * and commits what they completed; whatever is still unfinished then is handed back: it is redelivered after the
 * restart, as its offset was never committed.
 */
public final class InFlightDrain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InFlightDrain.class);

  private final InFlightGate gate;
  private final Duration timeout;
  private volatile boolean running;

  public InFlightDrain(InFlightGate gate, Duration timeout) {
    this.gate = gate;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    gate.close();
    try {
      if (!gate.awaitIdle(timeout)) {
        log.warn("{} requests still in hand after {}; they will be redelivered after the restart",
            gate.running() + gate.waiting(), timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the listener containers (higher phases stop first), so they can still commit the drained work. */
  @Override
  public int getPhase() {
    return AbstractMessageListenerContainer.DEFAULT_PHASE + 1;
  }
}
