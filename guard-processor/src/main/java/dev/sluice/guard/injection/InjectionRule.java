package dev.sluice.guard.injection;

import dev.sluice.events.ThreatLevel;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One way of phrasing a prompt-injection attempt, as a regular expression over normalized text.
 *
 * @param category the attack class it belongs to (several rules may share one)
 * @param threatLevel how dangerous a match is
 * @param score confidence that a match really is an attack
 * @param pattern what a match looks like
 * @param requiredWords words every match contains, checked before the pattern runs
 * @param benignContext text that, near a match, shows a harmless use of the same words (null: none)
 */
public record InjectionRule(String category, ThreatLevel threatLevel, double score, Pattern pattern,
    RequiredWords requiredWords, Pattern benignContext) {

  public InjectionRule {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(threatLevel, "threatLevel");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(requiredWords, "requiredWords");
  }
}
