package dev.sluice.guard.pii;

/** Character tests shared by the number finders; ASCII digits only, as in the card and phone formats. */
final class DigitRuns {

  private DigitRuns() {
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isWordCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** How many ASCII digits {@code text} holds, counting no further than {@code enough}. */
  static int countDigits(String text, int enough) {
    int digits = 0;
    for (int i = 0; i < text.length() && digits < enough; i++) {
      if (isDigit(text.charAt(i))) {
        digits++;
      }
    }
    return digits;
  }

  static boolean followedByWordCharacter(String text, int end) {
    return end < text.length() && isWordCharacter(text.charAt(end));
  }
}
