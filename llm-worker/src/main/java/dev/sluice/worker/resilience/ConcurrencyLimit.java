package dev.sluice.worker.resilience;

import java.util.concurrent.Semaphore;

/**
 * A bulkhead that never waits: a call either gets one of the provider's slots at once or is refused, so a full
 * provider sends the request on to its route's next target instead of queueing it.
 */
public final class ConcurrencyLimit {

  private final int limit;
  private final Semaphore slots;

  public ConcurrencyLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    this.limit = limit;
    this.slots = new Semaphore(limit);
  }

  /** Takes a slot if one is free; a caller that got one must {@link #release()} it once the call is over. */
  public boolean tryAcquire() {
    return slots.tryAcquire();
  }

  public void release() {
    slots.release();
  }

  public int limit() {
    return limit;
  }

  public int inUse() {
    return limit - slots.availablePermits();
  }
}
