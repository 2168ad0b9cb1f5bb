package dev.sluice.guard.streams;

import dev.sluice.runtime.streams.StreamsSettings;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** The Streams properties of the guard-processor: the shared Sluice base plus this stage's own settings. */
final class GuardStreamsSettings {

  private GuardStreamsSettings() {
  }

  static Properties properties(GuardProperties guard, String bootstrapServers, String dlqTopic,
      short replicationFactor) {
    Properties props = StreamsSettings.base(guard.applicationId(), bootstrapServers, dlqTopic, guard.stateDir(),
        replicationFactor);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, guard.streamThreads());
    // Each task reads requests and completions (see GuardTopology). Their relative order does not matter: a
    // completion only exists once its request was processed here. So a task never waits to fetch the other input.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    return props;
  }
}
