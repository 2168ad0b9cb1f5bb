package dev.sluice.worker.dedupe;

import java.time.Duration;

/** What the redelivery record says about a request that is about to be worked on. */
public sealed interface Claim {

  /**
   * This holder may work on the request; no other holder may until the claim is released, marked done or expired.
   *
   * @param token identifies this claim, so only it can release it
   * @param checked false when Redis could not be asked and the request goes ahead unchecked
   */
  record Claimed(String requestId, String token, boolean checked) implements Claim {
  }

  /** The request's outcome was published already: do not call the provider again, acknowledge the record. */
  record AlreadyDone(String requestId) implements Claim {
  }

  /**
   * Another holder (another replica, or an earlier delivery still in work, after a rebalance) is working on the
   * request: keep the record unacknowledged and claim again after {@code recheckAfter}, when it will be done, given up
   * or expired.
   */
  record HeldElsewhere(String requestId, Duration recheckAfter) implements Claim {
  }

  /**
   * This instance is handing its unfinished work back (it is shutting down past its drain timeout): the request must
   * not be started here. Its record stays unacknowledged, so the partition's next owner works on it.
   */
  record HandedBack(String requestId) implements Claim {
  }
}
