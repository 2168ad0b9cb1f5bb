package dev.sluice.runtime.dlq;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A record that a stage could not decode or process, with its origin and the error, ready for the DLQ. */
public record DeadLetter(String stage, String sourceTopic, int sourcePartition, long sourceOffset, byte[] key,
    byte[] value, Throwable error) {

  private static final int MAX_MESSAGE_CHARS = 2_000;

  /** The DLQ record: original bytes untouched, the story in headers. */
  public ProducerRecord<byte[], byte[]> toRecord(String dlqTopic) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.STAGE, utf8(stage));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(sourceTopic));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
    headers.add(DeadLetterHeaders.ERROR_CLASS, utf8(rootCause(error).getClass().getName()));
    headers.add(DeadLetterHeaders.ERROR_MESSAGE, utf8(describe(error)));
    return new ProducerRecord<>(dlqTopic, null, key, value, headers);
  }

  private static String describe(Throwable error) {
    StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
    Throwable cause = error.getCause();
    while (cause != null && text.length() < MAX_MESSAGE_CHARS) {
      text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
      cause = cause.getCause();
    }
    return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text.toString();
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static byte[] utf8(String text) {
    return String.valueOf(text).getBytes(StandardCharsets.UTF_8);
  }
}
