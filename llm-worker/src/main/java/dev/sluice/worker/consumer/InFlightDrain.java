package dev.sluice.worker.consumer;

import dev.sluice.worker.dedupe.RedeliveryLedger;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * On shutdown, stops intake and lets requests in hand finish (within a bound) before the listener container stops
 * and commits what they completed; whatever is still unfinished then is handed back: its offset was never committed,
 * so the partition's next owner gets it again, and its claim in the {@link RedeliveryLedger} is given up, so that
 * owner works on it at once instead of waiting for the claim to expire.
 */
public final class InFlightDrain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InFlightDrain.class);

  /** How long giving up the claims may take; Redis answers in milliseconds, or the claims are left to expire. */
  private static final Duration HAND_BACK_TIMEOUT = Duration.ofSeconds(5);

  private final InFlightGate gate;
  private final RedeliveryLedger ledger;
  private final Duration timeout;
  private volatile boolean running;

  public InFlightDrain(InFlightGate gate, RedeliveryLedger ledger, Duration timeout) {
    this.gate = gate;
    this.ledger = ledger;
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
        int inHand = gate.running() + gate.waiting();
        int released = ledger.handBack().get(HAND_BACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        log.warn("{} requests still in hand after {}; handed back to the partitions' next owners, {} claims given up",
            inHand, timeout, released);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Claims of unfinished requests could not all be given up within {}; they expire on their own",
          HAND_BACK_TIMEOUT, e);
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
