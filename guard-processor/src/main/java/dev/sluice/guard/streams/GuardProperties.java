package dev.sluice.guard.streams;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.pii.PiiType;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the guard-processor ({@code sluice.guard.*}, or {@code SLUICE_GUARD_*} in the environment).
 *
 * @param applicationId Kafka Streams application id, also the consumer group and the changelog prefix
 * @param stateDir local state directory of the dedupe stores; {@code ${java.io.tmpdir}/sluice-guard} when unset
 * @param streamThreads stream threads of this instance
 * @param closeTimeout how long a shutdown waits for Streams to close
 * @param dedupeRetention how long a requestId is remembered as decided or answered
 * @param maxMessages most messages a request may carry
 * @param maxContentChars most characters all messages of a request may carry together
 * @param flagAt lowest threat level that flags a request
 * @param blockAt lowest threat level that blocks a request
 * @param maskedPii kinds of personal data replaced by placeholders
 */
@Validated
@ConfigurationProperties(prefix = "sluice.guard")
public record GuardProperties(
    @DefaultValue("sluice-guard-processor") @NotBlank String applicationId,
    String stateDir,
    @DefaultValue("1") @Min(1) int streamThreads,
    @DefaultValue("20s") @NotNull Duration closeTimeout,
    @DefaultValue("24h") @NotNull Duration dedupeRetention,
    @DefaultValue("100") @Min(1) int maxMessages,
    @DefaultValue("100000") @Min(1) int maxContentChars,
    @DefaultValue("LOW") @NotNull ThreatLevel flagAt,
    @DefaultValue("HIGH") @NotNull ThreatLevel blockAt,
    @DefaultValue({"SECRET", "EMAIL", "IBAN", "CARD", "US_SSN", "IP_ADDRESS", "PHONE"}) @NotNull Set<PiiType> maskedPii) {

  public GuardProperties {
    if (stateDir == null || stateDir.isBlank()) {
      stateDir = Path.of(System.getProperty("java.io.tmpdir"), "sluice-guard").toString();
    }
    if (flagAt == ThreatLevel.NONE || blockAt == ThreatLevel.NONE) {
      throw new IllegalArgumentException("sluice.guard.flag-at and sluice.guard.block-at must be above NONE");
    }
    if (flagAt.compareTo(blockAt) > 0) {
      throw new IllegalArgumentException("sluice.guard.flag-at (" + flagAt + ") must not be above "
          + "sluice.guard.block-at (" + blockAt + ")");
    }
    if (dedupeRetention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("sluice.guard.dedupe-retention must be at least 1m: " + dedupeRetention);
    }
  }
}
