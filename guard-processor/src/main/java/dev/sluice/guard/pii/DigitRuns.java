package dev.sluice.guard.pii;

import java.util.Arrays;

/**
 * The runs of ASCII digits in one text, found in one pass and shared by the number finders: prose has few digits,
 * so a finder that starts only where a run starts skips almost all of it. Also the character tests those finders
 * share; ASCII digits only, as in the card, phone and account formats.
 */
final class DigitRuns {

  private static final int INITIAL_RUNS = 8;

  /** Start and end of each run, interleaved. */
  private int[] bounds;
  private int count;
  private int digits;

  private DigitRuns() {
  }

  static DigitRuns of(String text) {
    DigitRuns runs = new DigitRuns();
    int i = 0;
    int length = text.length();
    while (i < length) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < length && isDigit(text.charAt(i))) {
        i++;
      }
      runs.add(start, i);
    }
    return runs;
  }

  private void add(int start, int end) {
    if (bounds == null) {
      bounds = new int[2 * INITIAL_RUNS];
    } else if (2 * count == bounds.length) {
      bounds = Arrays.copyOf(bounds, 2 * bounds.length);
    }
    bounds[2 * count] = start;
    bounds[2 * count + 1] = end;
    count++;
    digits += end - start;
  }

  /** How many runs the text has. */
  int count() {
    return count;
  }

  int start(int run) {
    return bounds[2 * run];
  }

  int end(int run) {
    return bounds[2 * run + 1];
  }

  /** How many digits the text has in all. */
  int digits() {
    return digits;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isWordCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  static boolean followedByWordCharacter(String text, int end) {
    return end < text.length() && isWordCharacter(text.charAt(end));
  }
}
