package dev.sluice.guard.inspection;

import dev.sluice.events.GuardAction;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import java.util.List;
import java.util.Objects;

/**
 * What the guard decided about one request or completion, and why.
 *
 * @param action what happens to it
 * @param threatLevel the highest threat level among the findings
 * @param findings every finding, threats first, then masked personal data
 * @param piiMasked how many occurrences of personal data were replaced
 * @param reason a message for the caller when the action is not ALLOW, else null
 */
public record Verdict(GuardAction action, ThreatLevel threatLevel, List<Finding> findings, int piiMasked,
    String reason) {

  public Verdict {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(threatLevel, "threatLevel");
    findings = List.copyOf(findings);
  }

  /** The highest threat level among {@code findings}, NONE when there are none. */
  static ThreatLevel highest(List<Finding> findings) {
    ThreatLevel highest = ThreatLevel.NONE;
    for (Finding finding : findings) {
      if (finding.threatLevel().compareTo(highest) > 0) {
        highest = finding.threatLevel();
      }
    }
    return highest;
  }
}
