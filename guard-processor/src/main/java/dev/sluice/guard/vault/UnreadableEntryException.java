package dev.sluice.guard.vault;

/**
 * A vault entry that does not open for the request asking: written for another request, under another key, by an
 * unknown format version, or altered. Its message never quotes the entry.
 */
public class UnreadableEntryException extends Exception {

  public UnreadableEntryException(String message) {
    super(message);
  }

  public UnreadableEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
