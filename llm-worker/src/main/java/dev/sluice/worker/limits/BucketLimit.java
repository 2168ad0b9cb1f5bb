package dev.sluice.worker.limits;

import java.time.Duration;

/**
 * One shared limit as a token bucket: at most {@code capacity} at once, refilled continuously so that a full
 * {@code capacity} comes back every {@code period}. A limit of 600 requests per minute is {@code (600, 1 min)}: a burst
 * of 600 after a quiet minute, 10 a second when busy.
 */
public record BucketLimit(long capacity, Duration period) {

  public BucketLimit {
    if (capacity < 1) {
      throw new IllegalArgumentException("a limit's capacity must be at least 1, was " + capacity);
    }
    if (period == null || period.toMillis() < 1) {
      throw new IllegalArgumentException("a limit's period must be at least 1 ms, was " + period);
    }
  }

  public static BucketLimit perMinute(long capacity) {
    return new BucketLimit(capacity, Duration.ofMinutes(1));
  }
}
