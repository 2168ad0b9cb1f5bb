package dev.sluice.guard.topology;

import dev.sluice.guard.vault.ReversibleMasking;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings the guard topologies share.
 *
 * @param clock stamps guardedAt, respondedAt and occurredAt
 * @param dedupeRetention how long a requestId is remembered as handled, and how long a system-prompt fingerprint
 *     waits for its answer (by record time); longer than any gap between a record and its redelivered duplicate,
 *     and than any request waits for its completion
 * @param metrics where decisions and detections are counted
 * @param reversibleMasking keeps the originals of REVERSIBLE tenants' requests and restores them into the answers
 */
public record GuardTopologyOptions(Clock clock, Duration dedupeRetention, GuardMetrics metrics,
    ReversibleMasking reversibleMasking) {

  public GuardTopologyOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(dedupeRetention, "dedupeRetention");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(reversibleMasking, "reversibleMasking");
    if (dedupeRetention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("dedupeRetention must be at least one minute: " + dedupeRetention);
    }
  }

  /** Options for a deployment where no tenant is in PII mode REVERSIBLE. */
  public GuardTopologyOptions(Clock clock, Duration dedupeRetention, GuardMetrics metrics) {
    this(clock, dedupeRetention, metrics, ReversibleMasking.off());
  }
}
