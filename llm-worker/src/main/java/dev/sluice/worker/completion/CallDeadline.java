package dev.sluice.worker.completion;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How long a provider call may take: the configured limit, shortened to what is left before the request's deadline. */
final class CallDeadline {

  private CallDeadline() {
  }

  /** Empty when the deadline has passed: the request must not reach a provider. */
  static Optional<Duration> callTimeout(Instant deadline, Instant now, Duration limit) {
    Duration left = Duration.between(now, deadline);
    if (left.isZero() || left.isNegative()) {
      return Optional.empty();
    }
    return Optional.of(left.compareTo(limit) < 0 ? left : limit);
  }
}
