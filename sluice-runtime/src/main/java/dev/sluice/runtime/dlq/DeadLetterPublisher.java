package dev.sluice.runtime.dlq;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends undecodable or unprocessable records to {@code sluice.dlq} and waits for the broker's ack, so the caller
 * may move past the record only once it is safe in the DLQ.
 */
public class DeadLetterPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<byte[], byte[]> producer;
  private final String dlqTopic;
  private final String stage;

  public DeadLetterPublisher(String bootstrapServers, String dlqTopic, String stage) {
    this(new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.CLIENT_ID_CONFIG, stage + "-dlq"),
        new ByteArraySerializer(), new ByteArraySerializer()), dlqTopic, stage);
  }

  DeadLetterPublisher(Producer<byte[], byte[]> producer, String dlqTopic, String stage) {
    this.producer = producer;
    this.dlqTopic = dlqTopic;
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }

  /** Publishes and blocks until acknowledged; throws if the DLQ itself cannot take the record. */
  public void publish(String sourceTopic, int partition, long offset, byte[] key, byte[] value, Throwable error) {
    DeadLetter letter = new DeadLetter(stage, sourceTopic, partition, offset, key, value, error);
    try {
      producer.send(letter.toRecord(dlqTopic)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.warn("Record {}-{}@{} sent to {}: {}", sourceTopic, partition, offset, dlqTopic, error.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while sending to " + dlqTopic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("could not send record " + sourceTopic + "-" + partition + "@" + offset + " to "
          + dlqTopic, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
