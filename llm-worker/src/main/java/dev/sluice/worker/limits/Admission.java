package dev.sluice.worker.limits;

import java.time.Duration;

/** The answer to asking for a provider call: a {@link Permit}, or how long the shared limits would make it wait. */
public sealed interface Admission {

  /** The call may start once {@code permit.startAfter()} has passed; the limits already count it. */
  record Granted(Permit permit) implements Admission {
  }

  /**
   * The limits would let the call start only after {@code waitNeeded}, longer than the caller can wait; nothing was
   * taken.
   *
   * @param limit the limit that set the wait: {@code requests} or {@code tokens}
   */
  record Refused(String provider, String limit, Duration waitNeeded) implements Admission {
  }
}
