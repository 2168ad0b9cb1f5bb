package dev.sluice.guard.vault;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a request's vault entry lives: until the request's deadline, when its answer is due, plus
 * {@code afterDeadline} for the answer to reach the output guard (a completion made just before the deadline, a
 * guard catching up on lag or restarting), and never longer than {@code max}, whatever deadline a producer set.
 */
public record EntryLifetime(Duration afterDeadline, Duration max) {

  public EntryLifetime {
    Objects.requireNonNull(afterDeadline, "afterDeadline");
    Objects.requireNonNull(max, "max");
    if (afterDeadline.isNegative() || afterDeadline.isZero()) {
      throw new IllegalArgumentException("the time an entry outlives its deadline must be positive: "
          + afterDeadline);
    }
    if (max.compareTo(afterDeadline) < 0) {
      throw new IllegalArgumentException("the longest entry lifetime (" + max
          + ") must not be below the time an entry outlives its deadline (" + afterDeadline + ")");
    }
  }

  /** The time to live of an entry written at {@code now} for a request due at {@code deadline}. */
  public Duration ttl(Instant now, Instant deadline) {
    Duration untilDeadline = Duration.between(now, deadline);
    Duration ttl = (untilDeadline.isNegative() ? Duration.ZERO : untilDeadline).plus(afterDeadline);
    return ttl.compareTo(max) > 0 ? max : ttl;
  }
}
