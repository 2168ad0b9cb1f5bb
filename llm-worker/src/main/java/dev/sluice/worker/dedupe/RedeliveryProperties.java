package dev.sluice.worker.dedupe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The redelivery records ({@code sluice.worker.redelivery.*}).
 *
 * @param doneTtl how long an answered request is remembered; longer than a redelivery can take (a consumer-group
 *     rebalance, a restart, a replay of uncommitted offsets)
 * @param claimGrace how long a claim outlives its request's deadline, for the holder to publish the outcome
 * @param claimLease how long a claim lasts unless its holder renews it (it does, every third of a lease, while it works
 *     on the request): the longest a worker that died keeps its requests from being worked on elsewhere
 * @param recheckInterval the longest a delivery whose request is in work elsewhere waits before looking again
 */
@ConfigurationProperties(prefix = "sluice.worker.redelivery")
public record RedeliveryProperties(
    @DefaultValue("24h") Duration doneTtl,
    @DefaultValue("30s") Duration claimGrace,
    @DefaultValue("15s") Duration claimLease,
    @DefaultValue("1s") Duration recheckInterval) {

  public RedeliveryProperties {
    requirePositive(doneTtl, "sluice.worker.redelivery.done-ttl");
    requirePositive(claimGrace, "sluice.worker.redelivery.claim-grace");
    requirePositive(claimLease, "sluice.worker.redelivery.claim-lease");
    if (claimLease.toMillis() < 300) {
      // renewed every third of a lease: shorter ones would keep Redis busy renewing for little gain
      throw new IllegalArgumentException("sluice.worker.redelivery.claim-lease must be at least 300ms, was "
          + claimLease);
    }
    requirePositive(recheckInterval, "sluice.worker.redelivery.recheck-interval");
  }

  /** How often the claims in hand are renewed: a third of a lease, so two renewals may fail before one ends. */
  public Duration renewInterval() {
    return claimLease.dividedBy(3);
  }

  private static void requirePositive(Duration value, String setting) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
    }
  }
}
