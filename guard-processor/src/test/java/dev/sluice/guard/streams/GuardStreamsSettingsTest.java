package dev.sluice.guard.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.pii.PiiType;
import dev.sluice.runtime.streams.DeadLetterDeserializationHandler;
import dev.sluice.runtime.streams.DeadLetterProcessingHandler;
import dev.sluice.runtime.streams.StreamsDeadLetters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class GuardStreamsSettingsTest {

  private static GuardProperties guard(String stateDir, ThreatLevel flagAt, ThreatLevel blockAt) {
    return new GuardProperties("sluice-guard-processor", stateDir, 2, Duration.ofSeconds(20), Duration.ofHours(24),
        100, 100_000, flagAt, blockAt, Set.of(PiiType.EMAIL));
  }

  @Test
  void runsExactlyOnceWithTheDeadLetterHandlersOfTheRuntime() {
    Properties props = GuardStreamsSettings.properties(guard("/var/lib/guard", ThreatLevel.LOW, ThreatLevel.HIGH),
        "broker:9092", "sluice.dlq", (short) 3);

    assertThat(props)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "sluice-guard-processor")
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterDeserializationHandler.class.getName())
        .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeadLetterProcessingHandler.class.getName())
        .containsEntry(StreamsDeadLetters.DLQ_TOPIC_CONFIG, "sluice.dlq")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/guard")
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
  }

  @Test
  void defaultsTheStateDirectoryUnderTheTemporaryDirectory() {
    assertThat(guard(null, ThreatLevel.LOW, ThreatLevel.HIGH).stateDir())
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "sluice-guard").toString());
  }

  @Test
  void namesTheSettingsWhenThresholdsAreOutOfOrder() {
    assertThatThrownBy(() -> guard(null, ThreatLevel.CRITICAL, ThreatLevel.MEDIUM))
        .hasMessage("sluice.guard.flag-at (CRITICAL) must not be above sluice.guard.block-at (MEDIUM)");
  }
}
