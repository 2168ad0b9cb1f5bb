package dev.sluice.worker.dedupe;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Renews the claims this instance holds ({@link RedeliveryLedger#renewClaims}) every {@code interval} while the
 * worker runs, on a thread of its own that only sends the renewals.
 */
public final class ClaimRenewal implements SmartLifecycle {

  private final RedeliveryLedger ledger;
  private final Duration interval;
  private ScheduledExecutorService timer;

  public ClaimRenewal(RedeliveryLedger ledger, Duration interval) {
    this.ledger = ledger;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "llm-worker-claim-renewal");
        thread.setDaemon(true);
        return thread;
      });
      long period = interval.toMillis();
      timer.scheduleAtFixedRate(ledger::renewClaims, period, period, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }

  /**
   * Stops after the listener containers and the drain (higher phases stop first): claims of requests still being
   * drained are renewed until the drain is over.
   */
  @Override
  public int getPhase() {
    return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
  }
}
