package dev.sluice.judge.intake;

import dev.sluice.events.ChatResponse;
import dev.sluice.judge.scoring.JudgeMetrics;
import dev.sluice.runtime.dlq.DeadLetterPublisher;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Sends a response record the stage could not handle to {@code sluice.dlq}: the original bytes when it could not be
 * decoded, else the record encoded again. Blocks until the DLQ has it, so the offset moves on only then.
 */
public class ResponseDeadLetterRecoverer implements ConsumerRecordRecoverer {

  private static final LogAccessor LOG = new LogAccessor(ResponseDeadLetterRecoverer.class);

  private final DeadLetterPublisher deadLetters;
  private final Serializer<ChatResponse> responseSerializer;
  private final JudgeMetrics metrics;

  public ResponseDeadLetterRecoverer(DeadLetterPublisher deadLetters, Serializer<ChatResponse> responseSerializer,
      JudgeMetrics metrics) {
    this.deadLetters = deadLetters;
    this.responseSerializer = responseSerializer;
    this.metrics = metrics;
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Exception error) {
    byte[] key = record.key() == null ? null : record.key().toString().getBytes(StandardCharsets.UTF_8);
    deadLetters.publish(record.topic(), record.partition(), record.offset(), key, valueBytes(record, error), error);
    metrics.deadLettered();
  }

  private byte[] valueBytes(ConsumerRecord<?, ?> record, Exception error) {
    DeserializationException undecodable = undecodable(record, error);
    if (undecodable != null) {
      return undecodable.getData();
    }
    if (record.value() instanceof ChatResponse response) {
      return responseSerializer.serialize(record.topic(), response);
    }
    return null;
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
