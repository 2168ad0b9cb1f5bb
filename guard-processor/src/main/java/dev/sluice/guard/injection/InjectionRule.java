package dev.sluice.guard.injection;

import dev.sluice.events.ThreatLevel;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One way of phrasing a prompt-injection attempt, as a regular expression over normalized text.
 *
 * @param category the attack class it belongs to (several rules may share one); also the name of its feature in the
 *     lexical scorer
 * @param threatLevel how dangerous a match is; {@link ThreatLevel#NONE} for a cue: a phrase common in attacks but
 *     not an attack on its own ("from now on", "for educational purposes only"), which is never reported and only
 *     informs the lexical scorer
 * @param score confidence that a match really is an attack
 * @param pattern what a match looks like
 * @param startWords the words a match begins with (case-insensitive), so the pattern is only tried where one of them
 *     starts; a match that begins with a symbol starts at the word after it, the symbol in a look-behind
 * @param requiredWords words every match contains, checked before the pattern runs
 * @param requiredSymbols characters of which every match contains at least one, checked before the pattern runs
 *     (for markers such as "&lt;|im_start|&gt;"); empty when a match needs no symbol
 * @param benignContext text that, near a match, shows a harmless use of the same words (null: none)
 * @param example a text the rule matches: documents the rule, and tests hold every rule to it
 */
public record InjectionRule(String category, ThreatLevel threatLevel, double score, Pattern pattern,
    List<String> startWords, RequiredWords requiredWords, String requiredSymbols, Pattern benignContext,
    String example) {

  public InjectionRule {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(threatLevel, "threatLevel");
    Objects.requireNonNull(pattern, "pattern");
    startWords = List.copyOf(startWords);
    if (startWords.isEmpty()) {
      throw new IllegalArgumentException("a rule needs start words: " + pattern);
    }
    Objects.requireNonNull(requiredWords, "requiredWords");
    Objects.requireNonNull(requiredSymbols, "requiredSymbols");
    Objects.requireNonNull(example, "example");
  }

  /** Whether matches are reported as findings, rather than only informing the lexical scorer. */
  public boolean reported() {
    return threatLevel != ThreatLevel.NONE;
  }
}
