package dev.sluice.runtime.streams;

import dev.sluice.runtime.dlq.DeadLetterPublisher;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.StreamsConfig;

/** The settings the Streams DLQ handlers read, and one shared publisher per stage and cluster. */
public final class StreamsDeadLetters {

  /** Streams property naming the DLQ topic. */
  public static final String DLQ_TOPIC_CONFIG = "sluice.dlq.topic";
  /** Streams property naming the stage, written into each dead letter's headers. */
  public static final String STAGE_CONFIG = "sluice.stage";

  private static final Map<String, DeadLetterPublisher> PUBLISHERS = new ConcurrentHashMap<>();

  private StreamsDeadLetters() {
  }

  static DeadLetterPublisher publisherFrom(Map<String, ?> configs) {
    String bootstrap = String.valueOf(configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    String topic = require(configs, DLQ_TOPIC_CONFIG);
    String stage = require(configs, STAGE_CONFIG);
    // Handlers are created per stream thread; one producer per (cluster, topic, stage) is enough.
    return PUBLISHERS.computeIfAbsent(bootstrap + "|" + topic + "|" + stage,
        key -> new DeadLetterPublisher(bootstrap, topic, stage));
  }

  static void count(String stage, String kind) {
    Metrics.counter("sluice.dlq.records", "stage", stage, "kind", kind).increment();
  }

  /** Closes the shared publishers; called when a stage shuts down. */
  public static void closeAll() {
    PUBLISHERS.values().forEach(DeadLetterPublisher::close);
    PUBLISHERS.clear();
  }

  private static String require(Map<String, ?> configs, String name) {
    Object value = configs.get(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalStateException("Kafka Streams property '" + name + "' must be set for the DLQ handlers");
    }
    return value.toString();
  }
}
