package dev.sluice.guard.streams;

import dev.sluice.runtime.streams.StreamsDeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the guard topology. Started in the last lifecycle phase, after the context has created the topics
 * ({@code KafkaAdmin} does so when singletons are ready) and the web server is up; stopped first, so health is
 * still served while Streams closes.
 */
public class GuardStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GuardStreams.class);

  private final Topology topology;
  private final Properties properties;
  private final Duration closeTimeout;
  private final MeterRegistry meterRegistry;
  private volatile KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;

  public GuardStreams(Topology topology, Properties properties, Duration closeTimeout, MeterRegistry meterRegistry) {
    this.topology = topology;
    this.properties = properties;
    this.closeTimeout = closeTimeout;
    this.meterRegistry = meterRegistry;
  }

  @Override
  public synchronized void start() {
    if (streams != null) {
      return;
    }
    KafkaStreams created = new KafkaStreams(topology, properties);
    // Records that fail are already routed to the DLQ by the handlers; what reaches this handler is an
    // infrastructure failure. Stop the client so liveness turns DOWN and the platform restarts the instance.
    created.setUncaughtExceptionHandler(error -> {
      log.error("Guard streams stopping after an unrecoverable error", error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streamsMetrics = new KafkaStreamsMetrics(created);
    streamsMetrics.bindTo(meterRegistry);
    created.start();
    streams = created;
    log.info("Guard streams started: {}", topology.describe());
  }

  @Override
  public synchronized void stop() {
    KafkaStreams running = streams;
    if (running == null) {
      return;
    }
    boolean closed = running.close(closeTimeout);
    if (!closed) {
      log.warn("Guard streams did not close within {}", closeTimeout);
    }
    streamsMetrics.close();
    StreamsDeadLetters.closeAll();
    streams = null;
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  /** The Streams client's state, or null before start and after stop. */
  public KafkaStreams.State state() {
    KafkaStreams current = streams;
    return current == null ? null : current.state();
  }
}
