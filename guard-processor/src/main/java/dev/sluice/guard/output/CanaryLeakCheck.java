package dev.sluice.guard.output;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the worker's canary (a marker it placed in the system prompt) in an answer: its presence proves the model
 * repeated its instructions. The canary is matched as written, ignoring case, and with everything but letters and
 * digits removed from both sides, so a model told to "spell it with spaces" or to add dashes still gives it away.
 */
public final class CanaryLeakCheck {

  public static final String DETECTOR = "canary-leak";
  public static final String CATEGORY = "canary_leak";
  /** Below this many letters and digits the spread-out match would fire on ordinary text. */
  static final int MIN_COMPACT_LENGTH = 8;

  /** A finding when {@code answer} contains {@code canary}; none when there is no canary. */
  public Optional<Finding> check(String answer, String canary) {
    if (canary == null || canary.isBlank() || answer == null) {
      return Optional.empty();
    }
    boolean leaked = answer.toLowerCase(Locale.ROOT).contains(canary.toLowerCase(Locale.ROOT));
    if (!leaked) {
      String compactCanary = compact(canary);
      leaked = compactCanary.length() >= MIN_COMPACT_LENGTH && compact(answer).contains(compactCanary);
    }
    return leaked
        ? Optional.of(new Finding(DETECTOR, CATEGORY, ThreatLevel.CRITICAL, 1.0, null))
        : Optional.empty();
  }

  private static String compact(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
