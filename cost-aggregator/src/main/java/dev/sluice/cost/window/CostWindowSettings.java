package dev.sluice.cost.window;

import java.time.Duration;
import java.util.Objects;

/**
 * How the cost windows treat time.
 *
 * @param grace how long after a window ends a late usage record is still counted into it
 * @param dedupeRetention how long (in event time) a callId is remembered to drop redelivered usage records
 */
public record CostWindowSettings(Duration grace, Duration dedupeRetention) {

  /** Width of each cost window; the output topic is {@code costs.1m}. */
  public static final Duration WINDOW_SIZE = Duration.ofMinutes(1);

  public CostWindowSettings {
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(dedupeRetention, "dedupeRetention");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("sluice.cost.grace must not be negative, was " + grace);
    }
    // A redelivered record carries the event time of its original. Once stream time passes that record's window
    // end plus grace, the window drops any copy as late; so callIds must be remembered for at least that long, or
    // a copy could slip into a window that is still open.
    Duration minimum = WINDOW_SIZE.plus(grace);
    if (dedupeRetention.compareTo(minimum) < 0) {
      throw new IllegalArgumentException("sluice.cost.dedupe-retention must be at least the window size plus "
          + "sluice.cost.grace (" + minimum + "), was " + dedupeRetention);
    }
  }
}
