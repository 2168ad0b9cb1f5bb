package dev.sluice.worker.completion;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.TokenUsage;
import dev.sluice.worker.cache.CachedAnswer;
import dev.sluice.worker.cache.ExactCache;
import dev.sluice.worker.dedupe.Claim;
import dev.sluice.worker.dedupe.RedeliveryLedger;
import dev.sluice.worker.limits.Admission;
import dev.sluice.worker.limits.Permit;
import dev.sluice.worker.limits.ProviderRateLimiter;
import dev.sluice.worker.limits.TokenEstimator;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The steps of settling a request that Redis shares between worker replicas: the redelivery record, the exact cache
 * and the provider limits. Every step's future completes normally (each part fails open when Redis is away), and
 * {@link #off()} runs none of them, for a worker without Redis.
 */
public final class RedisSteps {

  private final @Nullable RedeliveryLedger ledger;
  private final @Nullable ExactCache exactCache;
  private final @Nullable ProviderRateLimiter limiter;
  private final @Nullable TokenEstimator tokens;

  public RedisSteps(RedeliveryLedger ledger, ExactCache exactCache, ProviderRateLimiter limiter,
      TokenEstimator tokens) {
    this.ledger = ledger;
    this.exactCache = exactCache;
    this.limiter = limiter;
    this.tokens = tokens;
  }

  private RedisSteps() {
    this.ledger = null;
    this.exactCache = null;
    this.limiter = null;
    this.tokens = null;
  }

  /** No shared steps: every request is claimed, none is cached, calls are not limited. */
  public static RedisSteps off() {
    return new RedisSteps();
  }

  CompletableFuture<Claim> claim(ChatRequest request) {
    return ledger == null
        ? CompletableFuture.completedFuture(new Claim.Claimed(request.getRequestId(), "", false))
        : ledger.claim(request.getRequestId(), request.getDeadline());
  }

  CompletableFuture<Void> markDone(Claim.Claimed claim) {
    return ledger == null ? CompletableFuture.completedFuture(null) : ledger.markDone(claim);
  }

  CompletableFuture<Void> release(Claim.Claimed claim) {
    return ledger == null ? CompletableFuture.completedFuture(null) : ledger.release(claim);
  }

  /** Whether this instance is handing its unfinished work back (see {@link RedeliveryLedger#handBack()}). */
  boolean handingBack() {
    return ledger != null && ledger.handingBack();
  }

  CompletableFuture<Optional<CachedAnswer>> cached(ChatRequest request) {
    return exactCache == null ? CompletableFuture.completedFuture(Optional.empty()) : exactCache.lookup(request);
  }

  void cache(ChatRequest request, CachedAnswer answer) {
    if (exactCache != null) {
      exactCache.store(request, answer);
    }
  }

  CompletableFuture<Admission> admit(String provider, ChatRequest request, Duration maxWait) {
    return limiter == null || tokens == null
        ? CompletableFuture.completedFuture(new Admission.Granted(Permit.unchecked(provider)))
        : limiter.acquire(provider, tokens.estimate(request), maxWait);
  }

  /** Settles a permit with what the provider reported; {@code usage} null when it billed nothing. */
  void settle(Permit permit, @Nullable TokenUsage usage) {
    if (limiter != null && permit.enforced()) {
      limiter.correct(permit, usage == null ? 0 : TokenEstimator.counted(usage));
    }
  }
}
