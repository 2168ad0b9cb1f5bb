package dev.sluice.worker.provider;

import dev.sluice.events.ChatRequest;
import dev.sluice.worker.resilience.ConcurrencyLimit;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A provider behind its circuit breaker and its concurrency limit. Neither ever waits: a call either starts at once or
 * comes back as {@link CallResult.NotCalled}, so the caller can go to the next target while the provider recovers or
 * drains.
 */
public final class GatedProvider implements ChatProvider {

  private final ChatProvider provider;
  private final CircuitBreaker breaker;
  private final ConcurrencyLimit limit;
  private final Duration callTimeout;

  /**
   * @param breaker should count as failures exactly the results {@link #countsAgainstProvider} picks
   * @param callTimeout the longest one call to this provider may take
   */
  public GatedProvider(ChatProvider provider, CircuitBreaker breaker, ConcurrencyLimit limit, Duration callTimeout) {
    this.provider = provider;
    this.breaker = breaker;
    this.limit = limit;
    this.callTimeout = callTimeout;
  }

  /**
   * Whether a call's result says the provider is unwell: it throttled, erred, timed out, could not be reached or sent
   * an unreadable answer. A refusal of the request itself (400, 401, 404) is a healthy provider saying no.
   */
  public static boolean countsAgainstProvider(Object result) {
    return result instanceof CallResult.Failed failed && failed.retryable();
  }

  @Override
  public String name() {
    return provider.name();
  }

  public Duration callTimeout() {
    return callTimeout;
  }

  /** Whether every one of the provider's slots is taken right now. */
  public boolean atConcurrencyLimit() {
    return limit.inUse() >= limit.limit();
  }

  /** Completes when one of the provider's slots is given back; see {@link ConcurrencyLimit#slotFreed()}. */
  public CompletableFuture<Void> slotFreed() {
    return limit.slotFreed();
  }

  public CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  @Override
  public CompletableFuture<CallResult> complete(ChatRequest request, String model, Duration timeout) {
    if (!breaker.tryAcquirePermission()) {
      return CompletableFuture.completedFuture(new CallResult.NotCalled(CallResult.Refusal.CIRCUIT_OPEN,
          name() + "'s circuit is open"));
    }
    if (!limit.tryAcquire()) {
      // The breaker's permission was not used: hand it back so a half-open trial slot is not lost.
      breaker.releasePermission();
      return CompletableFuture.completedFuture(new CallResult.NotCalled(CallResult.Refusal.AT_CONCURRENCY_LIMIT,
          name() + " is at its limit of " + limit.limit() + " concurrent calls"));
    }
    long startedAt = System.nanoTime();
    CompletableFuture<CallResult> call;
    try {
      call = provider.complete(request, model, timeout);
    } catch (RuntimeException e) {
      limit.release();
      breaker.onError(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS, e);
      return CompletableFuture.failedFuture(e);
    }
    return call.whenComplete((result, error) -> {
      limit.release();
      long took = System.nanoTime() - startedAt;
      if (error != null) {
        breaker.onError(took, TimeUnit.NANOSECONDS, error);
      } else {
        breaker.onResult(took, TimeUnit.NANOSECONDS, result);
      }
    });
  }
}
