package dev.sluice.runtime.dlq;

/** Header names on {@code sluice.dlq} records: where the record came from and why it could not be handled. */
public final class DeadLetterHeaders {

  public static final String STAGE = "sluice.dlq.stage";
  public static final String SOURCE_TOPIC = "sluice.dlq.source.topic";
  public static final String SOURCE_PARTITION = "sluice.dlq.source.partition";
  public static final String SOURCE_OFFSET = "sluice.dlq.source.offset";
  public static final String ERROR_CLASS = "sluice.dlq.error.class";
  public static final String ERROR_MESSAGE = "sluice.dlq.error.message";

  private DeadLetterHeaders() {
  }
}
