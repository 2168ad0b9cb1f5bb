package dev.sluice.runtime.dlq;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Recovers a record a spring-kafka listener could not take by sending it to {@code sluice.dlq} through the
 * {@link DeadLetterPublisher}: the original bytes when the value could not be decoded (from the exception or the
 * {@code ErrorHandlingDeserializer} header), else whatever the stage can encode of the decoded value. Returns once the
 * DLQ has the record; if the DLQ cannot take it, the exception makes the error handler deliver the record again.
 */
public final class ListenerDeadLetterRecoverer implements ConsumerRecordRecoverer {

  private static final LogAccessor LOG = new LogAccessor(ListenerDeadLetterRecoverer.class);

  private final DeadLetterPublisher deadLetters;
  private final Function<ConsumerRecord<?, ?>, byte[]> decodedValueBytes;
  private final Runnable onDeadLettered;

  /**
   * @param decodedValueBytes the bytes to keep for a record that did decode (null for none: the DLQ headers name its
   *     topic, partition and offset, where it can be read while retained)
   * @param onDeadLettered called after each record reached the DLQ, e.g. to count it
   */
  public ListenerDeadLetterRecoverer(DeadLetterPublisher deadLetters,
      Function<ConsumerRecord<?, ?>, byte[]> decodedValueBytes, Runnable onDeadLettered) {
    this.deadLetters = deadLetters;
    this.decodedValueBytes = decodedValueBytes;
    this.onDeadLettered = onDeadLettered;
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Exception error) {
    byte[] key = record.key() == null ? null : record.key().toString().getBytes(StandardCharsets.UTF_8);
    deadLetters.publish(record.topic(), record.partition(), record.offset(), key, valueBytes(record, error), error);
    onDeadLettered.run();
  }

  private byte[] valueBytes(ConsumerRecord<?, ?> record, Exception error) {
    DeserializationException undecodable = undecodable(record, error);
    return undecodable != null ? undecodable.getData() : decodedValueBytes.apply(record);
  }

  private static DeserializationException undecodable(ConsumerRecord<?, ?> record, Exception error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeserializationException found && !found.isKey()) {
        return found;
      }
    }
    return SerializationUtils.getExceptionFromHeader(record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
        LOG);
  }
}
