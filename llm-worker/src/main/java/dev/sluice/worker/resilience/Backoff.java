package dev.sluice.worker.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The wait before a retry: exponential backoff with full jitter, stretched to the provider's {@code Retry-After}.
 *
 * <p>Full jitter (a uniformly random wait between zero and the exponential bound) spreads the retries of many
 * requests that failed together, so they do not hit a recovering provider in lock-step. A {@code Retry-After} is the
 * provider saying when it expects to take calls again: calling earlier would only be refused again, so the wait is at
 * least that long even beyond the cap. The request's deadline, checked before every wait, bounds it.
 */
public final class Backoff {

  private final RetryPolicy policy;
  private final RandomGenerator random;

  /** @param random shared by every request; it must be safe for concurrent use (e.g. {@link java.util.Random}) */
  public Backoff(RetryPolicy policy, RandomGenerator random) {
    this.policy = policy;
    this.random = random;
  }

  /**
   * The wait before retry number {@code retry} (0 for the first retry):
   * {@code max(retryAfter, random[0, min(maxDelay, baseDelay * 2^retry)))}.
   *
   * @param retryAfter the provider's {@code Retry-After} header, when it sent one
   * @param now when the failure was seen, to read a {@code Retry-After} given as a date
   */
  public Duration delayBeforeRetry(int retry, Optional<String> retryAfter, Instant now) {
    long bound = exponentialBoundNanos(retry);
    Duration jittered = Duration.ofNanos(random.nextLong(bound));
    Duration asked = retryAfter.flatMap(value -> RetryAfter.parse(value, now)).orElse(Duration.ZERO);
    return asked.compareTo(jittered) > 0 ? asked : jittered;
  }

  public RetryPolicy policy() {
    return policy;
  }

  private long exponentialBoundNanos(int retry) {
    long cap = policy.maxDelay().toNanos();
    long bound = policy.baseDelay().toNanos();
    // Doubling stops at the cap, so a long run of retries never overflows.
    for (int i = 0; i < retry && bound < cap; i++) {
      bound *= 2;
    }
    return Math.max(1, Math.min(bound, cap));
  }
}
