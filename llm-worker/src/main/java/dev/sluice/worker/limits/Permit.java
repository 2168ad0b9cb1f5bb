package dev.sluice.worker.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leave to call a provider: once {@code startAfter} has passed, the call is within the shared limits.
 *
 * @param tokens what was taken from the token limit for the call, to be corrected once the provider reports its usage
 *     (0 when the provider has no token limit)
 * @param startAfter how long the caller must wait before calling: the slot it was given, behind earlier callers
 * @param startsAt when the call may start, by Redis's clock (the clock every replica's limit is counted by); empty when
 *     the limit was not checked
 * @param enforced false when the limit could not be checked (no limit set, or Redis unavailable) and the call goes
 *     ahead unchecked
 */
public record Permit(String provider, long tokens, Duration startAfter, Optional<Instant> startsAt,
    boolean enforced) {

  /** Leave to call at once without the shared limits (none set, or Redis unavailable). */
  public static Permit unchecked(String provider) {
    return new Permit(provider, 0, Duration.ZERO, Optional.empty(), false);
  }
}
