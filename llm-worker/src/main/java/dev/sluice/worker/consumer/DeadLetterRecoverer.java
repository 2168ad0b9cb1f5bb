package dev.sluice.worker.consumer;

import dev.sluice.runtime.dlq.DeadLetterPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Sends a record the listener cannot take to {@code sluice.dlq} with its original bytes and the error in headers.
 * Runs on the consumer thread and returns once the DLQ has the record; if the DLQ cannot take it, the error handler
 * delivers the record again rather than skip it.
 */
public final class DeadLetterRecoverer implements ConsumerRecordRecoverer {

  static final String DEAD_LETTERS = "sluice.worker.dead.letters";

  private final DeadLetterPublisher deadLetters;
  private final Counter deadLettered;

  public DeadLetterRecoverer(DeadLetterPublisher deadLetters, MeterRegistry registry) {
    this.deadLetters = deadLetters;
    this.deadLettered = Counter.builder(DEAD_LETTERS)
        .description("Records sent to the DLQ because they could not be decoded or carried no request")
        .register(registry);
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Exception exception) {
    byte[] key = record.key() == null ? null : record.key().toString().getBytes(StandardCharsets.UTF_8);
    deadLetters.publish(record.topic(), record.partition(), record.offset(), key, originalValue(exception), exception);
    deadLettered.increment();
  }

  /**
   * The bytes that failed to decode. A record that decoded has no bytes left here; the DLQ headers name its topic,
   * partition and offset, where it can be read while retained.
   */
  private static byte[] originalValue(Exception exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeserializationException failed && !failed.isKey()) {
        return failed.getData();
      }
    }
    return null;
  }
}
