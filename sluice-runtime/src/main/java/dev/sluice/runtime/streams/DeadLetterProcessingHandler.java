package dev.sluice.runtime.streams;

import dev.sluice.runtime.dlq.DeadLetterPublisher;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/** Sends the source record of a processor that threw to the DLQ and carries on with the next record. */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private DeadLetterPublisher publisher;

  @Override
  public void configure(Map<String, ?> configs) {
    publisher = StreamsDeadLetters.publisherFrom(configs);
  }

  @Override
  public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    publisher.publish(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
        context.sourceRawValue(), exception);
    StreamsDeadLetters.count(publisher.stage(), "processing");
    return ProcessingHandlerResponse.CONTINUE;
  }
}
