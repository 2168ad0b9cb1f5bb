package dev.sluice.guard.vault;

/** The vault could not be reached in time (down, slow, refusing, or skipped after repeated failures). */
public class VaultUnavailableException extends Exception {

  public VaultUnavailableException(String message) {
    super(message);
  }

  public VaultUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
