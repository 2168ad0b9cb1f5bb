package dev.sluice.guard.policy;

import dev.sluice.events.GuardAction;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.pii.PiiType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the guard does for one tenant: which threat levels block or flag a request, the request limits, and which
 * kinds of personal data are masked.
 *
 * @param flagAt lowest threat level that flags a request (passes it on, marked)
 * @param blockAt lowest threat level that blocks a request
 * @param limits request shape limits
 * @param maskedPii kinds of personal data replaced by placeholders
 */
public record GuardPolicy(ThreatLevel flagAt, ThreatLevel blockAt, RequestLimits limits, Set<PiiType> maskedPii) {

  public GuardPolicy {
    Objects.requireNonNull(flagAt, "flagAt");
    Objects.requireNonNull(blockAt, "blockAt");
    Objects.requireNonNull(limits, "limits");
    if (flagAt == ThreatLevel.NONE || blockAt == ThreatLevel.NONE) {
      throw new IllegalArgumentException("flagAt and blockAt must be above NONE, or every request would match");
    }
    if (flagAt.compareTo(blockAt) > 0) {
      throw new IllegalArgumentException("flagAt (" + flagAt + ") must not be above blockAt (" + blockAt + ")");
    }
    maskedPii = Set.copyOf(Objects.requireNonNull(maskedPii, "maskedPii"));
  }

  /** The defaults: flag from LOW, block from HIGH, mask every kind of personal data. */
  public static GuardPolicy defaults(RequestLimits limits) {
    return new GuardPolicy(ThreatLevel.LOW, ThreatLevel.HIGH, limits, EnumSet.allOf(PiiType.class));
  }

  /** The action for a request whose highest finding is at {@code level}. */
  public GuardAction actionFor(ThreatLevel level) {
    if (level.compareTo(blockAt) >= 0) {
      return GuardAction.BLOCK;
    }
    if (level.compareTo(flagAt) >= 0) {
      return GuardAction.FLAG;
    }
    return GuardAction.ALLOW;
  }
}
