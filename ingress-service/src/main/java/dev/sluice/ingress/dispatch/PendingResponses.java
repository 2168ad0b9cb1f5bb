package dev.sluice.ingress.dispatch;

import dev.sluice.events.ChatResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The callers waiting on this replica for their response, by requestId. Bounded: when {@code capacity} requests
 * wait, new ones are refused, so a slow pipeline sheds load here instead of growing the heap. An entry leaves the
 * map when its response arrives, when it fails and when its timeout passes, so nothing is left behind.
 */
public final class PendingResponses {

  private final ConcurrentMap<String, Pending> byRequestId = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final int capacity;

  public PendingResponses(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * A caller's place in the map.
   *
   * @param response completes with the response, or exceptionally on failure or with a
   *     {@link java.util.concurrent.TimeoutException} when the timeout passes
   * @param first true for the caller that created the entry and so must publish the request; false for a caller
   *     that joined a request already waiting under the same id (a client retry with the same Idempotency-Key)
   */
  public record Admission(CompletableFuture<ChatResponse> response, boolean first) {
  }

  /** A place for {@code requestId}, or empty when the map is full. */
  public Optional<Admission> admit(String requestId, String tenantId, Duration timeout) {
    Pending existing = byRequestId.get(requestId);
    if (existing != null) {
      return Optional.of(new Admission(existing.response().copy(), false));
    }
    if (!reserveSlot()) {
      return Optional.empty();
    }
    Pending fresh = new Pending(tenantId, new CompletableFuture<>());
    Pending raced = byRequestId.putIfAbsent(requestId, fresh);
    if (raced != null) {
      waiting.decrementAndGet();
      return Optional.of(new Admission(raced.response().copy(), false));
    }
    // The caller's future completes only after the entry left the map, so a caller that sees its answer (or its
    // timeout) also sees the slot free; and nothing a caller does to its future (cancel, complete) reaches the entry.
    CompletableFuture<ChatResponse> callerSide = new CompletableFuture<>();
    fresh.response()
        .orTimeout(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS)
        .whenComplete((response, failure) -> {
          byRequestId.remove(requestId, fresh);
          waiting.decrementAndGet();
          if (failure != null) {
            callerSide.completeExceptionally(failure);
          } else {
            callerSide.complete(response);
          }
        });
    return Optional.of(new Admission(callerSide, true));
  }

  /**
   * Completes the caller waiting for this response. False when none waits here, or when the response names another
   * tenant than the request did (it is then not delivered).
   */
  public boolean complete(ChatResponse response) {
    Pending pending = byRequestId.get(response.getRequestId());
    if (pending == null || !pending.tenantId().equals(response.getTenantId())) {
      return false;
    }
    return pending.response().complete(response);
  }

  /** Fails the caller waiting for {@code requestId}, if any. */
  public void fail(String requestId, Throwable cause) {
    Pending pending = byRequestId.get(requestId);
    if (pending != null) {
      pending.response().completeExceptionally(cause);
    }
  }

  /** How many callers wait now. */
  public int size() {
    return waiting.get();
  }

  public int capacity() {
    return capacity;
  }

  private boolean reserveSlot() {
    int current;
    do {
      current = waiting.get();
      if (current >= capacity) {
        return false;
      }
    } while (!waiting.compareAndSet(current, current + 1));
    return true;
  }

  private record Pending(String tenantId, CompletableFuture<ChatResponse> response) {
  }
}
