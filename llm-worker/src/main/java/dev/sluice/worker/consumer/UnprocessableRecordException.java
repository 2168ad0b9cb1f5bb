package dev.sluice.worker.consumer;

/** A record that decoded but carries nothing to work on; it goes to the DLQ without retries. */
public class UnprocessableRecordException extends RuntimeException {

  public UnprocessableRecordException(String message) {
    super(message);
  }
}
