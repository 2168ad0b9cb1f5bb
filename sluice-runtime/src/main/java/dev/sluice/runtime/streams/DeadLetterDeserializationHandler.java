package dev.sluice.runtime.streams;

import dev.sluice.runtime.dlq.DeadLetterPublisher;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Sends a record Kafka Streams cannot deserialize to the DLQ, then lets the task carry on. Delivery to the DLQ is
 * at-least-once: it happens outside the task's transaction, so a crash right after may send a record twice.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private DeadLetterPublisher publisher;

  @Override
  public void configure(Map<String, ?> configs) {
    publisher = StreamsDeadLetters.publisherFrom(configs);
  }

  @Override
  public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    publisher.publish(record.topic(), record.partition(), record.offset(), record.key(), record.value(), exception);
    StreamsDeadLetters.count(publisher.stage(), "deserialization");
    return DeserializationHandlerResponse.CONTINUE;
  }
}
