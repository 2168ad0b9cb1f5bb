package dev.sluice.guard.topology;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stands in for the runtime's DLQ processing handler in topology tests (that one needs a broker): it records what
 * it was handed and continues, as the DLQ handler does once the record is in the DLQ.
 */
public class RecordingProcessingHandler implements ProcessingExceptionHandler {

  /** What the handler saw: Streams instantiates handlers by class name, so this cannot be an instance field. */
  static final List<Exception> HANDLED = new CopyOnWriteArrayList<>();

  @Override
  public void configure(Map<String, ?> configs) {
  }

  @Override
  public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    HANDLED.add(exception);
    return ProcessingHandlerResponse.CONTINUE;
  }
}
