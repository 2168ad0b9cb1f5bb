package dev.sluice.guard.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.streams.DeadLetterDeserializationHandler;
import dev.sluice.runtime.streams.DeadLetterProcessingHandler;
import dev.sluice.runtime.streams.StreamsDeadLetters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class GuardStreamsSettingsTest {

  private static GuardProperties guard(String stateDir) {
    return new GuardProperties("sluice-guard-processor", stateDir, 2, Duration.ofSeconds(20), Duration.ofHours(24),
        null, null, null, null, null);
  }

  @Test
  void runsExactlyOnceWithTheDeadLetterHandlersOfTheRuntime() {
    Properties props = GuardStreamsSettings.properties(guard("/var/lib/guard"),
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
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
  }

  @Test
  void defaultsTheStateDirectoryUnderTheTemporaryDirectory() {
    assertThat(guard(null).stateDir())
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "sluice-guard").toString());
  }
}
