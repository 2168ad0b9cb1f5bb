package dev.sluice.worker.resilience;

import java.time.Duration;

/**
 * How often and how patiently a request's provider call is repeated after a retryable failure.
 *
 * @param maxAttempts calls one request may make to one target of its route, the first included
 * @param baseDelay the bound of the random wait before the first retry; the bound doubles with every retry
 * @param maxDelay no wait between attempts is longer, whatever the doubling or a {@code Retry-After} asks for
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay, got baseDelay=" + baseDelay
          + ", maxDelay=" + maxDelay);
    }
  }
}
