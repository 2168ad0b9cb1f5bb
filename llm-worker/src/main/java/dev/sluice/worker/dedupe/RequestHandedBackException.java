package dev.sluice.worker.dedupe;

/**
 * The request was not settled because this instance handed its unfinished work back (see {@link Claim.HandedBack}):
 * its offset must stay uncommitted so the partition's next owner works on it. Not a failure of the request.
 */
public class RequestHandedBackException extends RuntimeException {

  public RequestHandedBackException(String requestId) {
    super("request " + requestId + " was handed back unfinished for the partition's next owner", null, false, false);
  }
}
