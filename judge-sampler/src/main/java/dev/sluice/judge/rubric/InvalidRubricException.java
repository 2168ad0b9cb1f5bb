package dev.sluice.judge.rubric;

/** A judge reply that is not a complete, in-range rubric; the message says what is wrong, never the reply. */
public class InvalidRubricException extends Exception {

  public InvalidRubricException(String message) {
    super(message);
  }

  public InvalidRubricException(String message, Throwable cause) {
    super(message, cause);
  }
}
