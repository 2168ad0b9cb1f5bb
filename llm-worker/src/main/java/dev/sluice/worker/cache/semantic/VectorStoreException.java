package dev.sluice.worker.cache.semantic;

/** A vector store could not do what was asked: unreachable, timed out, or refused the request. */
public class VectorStoreException extends RuntimeException {

  public VectorStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
