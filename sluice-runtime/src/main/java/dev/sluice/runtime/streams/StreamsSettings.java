package dev.sluice.runtime.streams;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Settings every Sluice Kafka Streams stage runs with: exactly-once, DLQ handlers, no state wipe. */
public final class StreamsSettings {

  private StreamsSettings() {
  }

  /**
   * Base properties for a stage.
   *
   * @param applicationId the stage's Streams application id (also its consumer group)
   * @param bootstrapServers the Kafka cluster
   * @param dlqTopic where undecodable and unprocessable records go
   * @param stateDir local state directory
   * @param replicationFactor of internal topics (changelogs, repartitions)
   */
  public static Properties base(String applicationId, String bootstrapServers, String dlqTopic, String stateDir,
      short replicationFactor) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    // Short commits keep the end-to-end latency of exactly-once low (each commit ends a transaction).
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
    props.put(StreamsDeadLetters.DLQ_TOPIC_CONFIG, dlqTopic);
    props.put(StreamsDeadLetters.STAGE_CONFIG, applicationId);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    return props;
  }
}
