package dev.sluice.worker.resilience;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * A bulkhead whose acquisition never blocks: a call either gets one of the provider's slots at once or is refused,
 * so a full provider sends the request on to its route's next target. A request with no target left may instead
 * ask to be told when a slot frees ({@link #slotFreed()}) and try again, rather than fail.
 */
public final class ConcurrencyLimit {

  private final int limit;
  private final Semaphore slots;
  private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();

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

  /** Gives a slot back and wakes the longest waiter that is still waiting. */
  public void release() {
    slots.release();
    wakeOne();
  }

  /**
   * Completes when a slot has been given back (at once if one is free now). It does not reserve the slot: the
   * woken caller tries {@link #tryAcquire()} again and may lose it to a newer call, so it must be ready to wait
   * again. A caller that stops waiting completes the future itself (e.g. on its deadline); it is then skipped.
   */
  public CompletableFuture<Void> slotFreed() {
    CompletableFuture<Void> freed = new CompletableFuture<>();
    waiting.add(freed);
    // A release between the caller's refused tryAcquire and the add above woke nobody: check after adding.
    if (slots.availablePermits() > 0) {
      wakeOne();
    }
    return freed;
  }

  private void wakeOne() {
    CompletableFuture<Void> next;
    while ((next = waiting.poll()) != null) {
      if (next.complete(null)) {
        return;
      }
    }
  }

  public int limit() {
    return limit;
  }

  public int inUse() {
    return limit - slots.availablePermits();
  }

  /** Callers waiting for a slot, including ones that gave up and have not been skipped yet. */
  public int waiting() {
    return waiting.size();
  }
}
