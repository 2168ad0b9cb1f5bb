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
 * @param recheckInterval the longest a delivery whose request is in work elsewhere waits before looking again
 */
@ConfigurationProperties(prefix = "sluice.worker.redelivery")
public record RedeliveryProperties(
    @DefaultValue("24h") Duration doneTtl,
    @DefaultValue("30s") Duration claimGrace,
    @DefaultValue("1s") Duration recheckInterval) {

  public RedeliveryProperties {
    requirePositive(doneTtl, "sluice.worker.redelivery.done-ttl");
    requirePositive(claimGrace, "sluice.worker.redelivery.claim-grace");
    requirePositive(recheckInterval, "sluice.worker.redelivery.recheck-interval");
  }

  private static void requirePositive(Duration value, String setting) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
    }
  }
}
