package dev.sluice.cost;

import dev.sluice.cost.window.CostWindowSettings;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the cost-aggregator ({@code sluice.cost.*}, or {@code SLUICE_COST_*} in the environment).
 *
 * @param applicationId Kafka Streams application id, also the consumer group and the prefix of changelog topics
 * @param stateDir where RocksDB keeps the dedupe and window stores; keep it on a volume to avoid restoring
 * @param grace how long after a window ends late usage is still counted
 * @param dedupeRetention how long a callId is remembered; at least one minute plus the grace
 * @param closeTimeout the bound on closing Kafka Streams when the service stops
 * @param streamThreads Kafka Streams threads in this instance
 */
@Validated
@ConfigurationProperties(prefix = "sluice.cost")
public record CostAggregatorProperties(
    @DefaultValue("sluice-cost-aggregator") @NotBlank String applicationId,
    @NotBlank String stateDir,
    @DefaultValue("10s") @NotNull Duration grace,
    @DefaultValue("10m") @NotNull Duration dedupeRetention,
    @DefaultValue("30s") @NotNull Duration closeTimeout,
    @DefaultValue("1") @Min(1) int streamThreads) {

  /** The window settings; rejects a dedupe retention too short for the grace, naming both settings. */
  public CostWindowSettings windowSettings() {
    return new CostWindowSettings(grace, dedupeRetention);
  }
}
