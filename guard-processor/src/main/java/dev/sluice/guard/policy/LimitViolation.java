package dev.sluice.guard.policy;

import java.util.Objects;

/**
 * Why a request is refused before any content inspection.
 *
 * @param category a small fixed name for metrics and events ({@code too_many_messages}, …)
 * @param reason the message returned to the caller
 */
public record LimitViolation(String category, String reason) {

  public LimitViolation {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(reason, "reason");
  }
}
