package dev.sluice.guard.detect;

import dev.sluice.events.ThreatLevel;
import java.util.Objects;

/**
 * One finding of one detector. It names what was found and where, never the text itself, so it is safe to log and
 * to publish.
 *
 * @param detector the detector that made it
 * @param category what kind of finding it is, from a small fixed set per detector (a metric tag)
 * @param threatLevel how dangerous the finding is on its own
 * @param score confidence in {@code [0, 1]}
 * @param span where it is, or null when the finding has no single place (masked PII: the placeholder marks it)
 */
public record Finding(String detector, String category, ThreatLevel threatLevel, double score, Span span) {

  public Finding {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(threatLevel, "threatLevel");
    if (score < 0 || score > 1) {
      throw new IllegalArgumentException("score must be within [0, 1]: " + score);
    }
  }
}
