package dev.sluice.judge.intake;

import java.util.concurrent.Semaphore;

/**
 * The hard bound on judge calls in flight in this instance. The listener takes a slot before each call and waits
 * while none is free; the container's own pause (asynchronous acks) keeps that wait short and rare.
 */
public final class InFlightLimit {

  private final int max;
  private final Semaphore permits;

  public InFlightLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("sluice.judge.max-in-flight must be at least 1, was " + max);
    }
    this.max = max;
    this.permits = new Semaphore(max);
  }

  /** Takes a slot for one call, waiting while all are taken. */
  public void acquire() throws InterruptedException {
    permits.acquire();
  }

  /** Gives back the slot of a finished call. */
  public void release() {
    permits.release();
  }

  public int inFlight() {
    return max - permits.availablePermits();
  }

  public int max() {
    return max;
  }
}
