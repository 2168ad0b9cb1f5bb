package dev.sluice.runtime.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Runs a stage's Kafka Streams topology: starts it once its topics exist and closes it within a bound on shutdown.
 * It runs in the last lifecycle phase, so it starts after the web server and stops before it: health answers until
 * the end.
 */
public class StreamsStage implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StreamsStage.class);

  private final String stage;
  private final Topology topology;
  private final Properties streamsProperties;
  private final List<String> requiredTopics;
  private final KafkaAdmin admin;
  private final MeterRegistry meterRegistry;
  private final Duration closeTimeout;
  private final boolean autoStartup;
  private volatile KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;

  /**
   * @param stage the stage's name, for logs and messages
   * @param requiredTopics topics that must exist before the topology starts (its sources and sinks); empty when the
   *     stage relies on {@code spring.kafka.admin.fail-fast} having created them
   * @param autoStartup whether the context starts it ({@code spring.kafka.streams.auto-startup})
   */
  public StreamsStage(String stage, Topology topology, Properties streamsProperties, List<String> requiredTopics,
      KafkaAdmin admin, MeterRegistry meterRegistry, Duration closeTimeout, boolean autoStartup) {
    this.stage = stage;
    this.topology = topology;
    this.streamsProperties = streamsProperties;
    this.requiredTopics = List.copyOf(requiredTopics);
    this.admin = admin;
    this.meterRegistry = meterRegistry;
    this.closeTimeout = closeTimeout;
    this.autoStartup = autoStartup;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public synchronized void start() {
    if (streams != null) {
      return;
    }
    requireTopics();
    log.info("Starting the {} topology:\n{}", stage, topology.describe());
    KafkaStreams created = new KafkaStreams(topology, streamsProperties);
    // Bad records already go to the DLQ; what reaches here is unexpected. Stopping the client turns health DOWN so
    // the orchestrator restarts the instance from its last committed (exactly-once) state.
    created.setUncaughtExceptionHandler(error -> {
      log.error("The {} topology failed; shutting the Kafka Streams client down", stage, error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streamsMetrics = new KafkaStreamsMetrics(created);
    streamsMetrics.bindTo(meterRegistry);
    created.start();
    streams = created;
  }

  @Override
  public synchronized void stop() {
    KafkaStreams running = streams;
    if (running == null) {
      return;
    }
    if (!running.close(closeTimeout)) {
      log.warn("Kafka Streams of {} did not close within {}; uncommitted work will be redone by the next owner",
          stage, closeTimeout);
    }
    streamsMetrics.close();
    StreamsDeadLetters.closeAll();
    streams = null;
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  /** The Kafka Streams state, empty before start and after stop. */
  public Optional<KafkaStreams.State> state() {
    return Optional.ofNullable(streams).map(KafkaStreams::state);
  }

  private void requireTopics() {
    if (requiredTopics.isEmpty()) {
      return;
    }
    try {
      admin.describeTopics(requiredTopics.toArray(String[]::new));
    } catch (RuntimeException e) {
      throw new IllegalStateException(stage + " needs topics " + requiredTopics
          + " to exist (they are created at start-up from sluice.topic-prefix; check spring.kafka.bootstrap-servers)",
          e);
    }
  }
}
