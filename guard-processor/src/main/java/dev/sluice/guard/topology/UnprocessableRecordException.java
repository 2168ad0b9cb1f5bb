package dev.sluice.guard.topology;

/**
 * A record that decoded but cannot be handled (no value, no requestId). Thrown out of a processor so the Streams
 * processing exception handler sends the record to the DLQ and the task carries on.
 */
public class UnprocessableRecordException extends RuntimeException {

  public UnprocessableRecordException(String message) {
    super(message);
  }
}
