package dev.sluice.guard.pii;

import java.util.List;

/**
 * US Social Security numbers that the SSA could have issued: area not 000, 666 or 900-999, group not 00, serial
 * not 0000. Written {@code 123-45-6789}, the shape is distinctive enough alone; written {@code 123 45 6789} or
 * {@code 123456789} it is just nine digits, so a context word ("SSN", "social security") must stand before it.
 */
final class SsnFinder implements PiiFinder {

  private static final int DIGITS = 9;
  private static final int CONTEXT_BEFORE = 40;
  private static final ContextWords SSN_WORDS = new ContextWords("ssn", "ssns", "social security", "social sec",
      "ss#", "ss no", "social insurance");

  @Override
  public PiiType type() {
    return PiiType.US_SSN;
  }

  @Override
  public void find(String text, DigitRuns digitRuns, List<PiiMatch> matches) {
    if (digitRuns.digits() < DIGITS) {
      return;
    }
    for (int run = 0; run < digitRuns.count(); run++) {
      int start = digitRuns.start(run);
      if (start > 0 && precludesStart(text.charAt(start - 1))) {
        continue;
      }
      int end = ssnEnd(text, start);
      if (end > 0) {
        String digits = digits(text, start, end);
        boolean dashed = text.charAt(start + 3) == '-';
        if (isIssuable(digits) && (dashed || SSN_WORDS.near(text, start, end, CONTEXT_BEFORE, 0))) {
          matches.add(new PiiMatch(PiiType.US_SSN, start, end, digits));
        }
      }
    }
  }

  private static boolean precludesStart(char before) {
    return DigitRuns.isWordCharacter(before) || before == '-' || before == '.' || before == '+' || before == '/';
  }

  /** End of a 3-2-4 number at {@code start} with one separator ('-' or ' ') used twice, or none; else -1. */
  private static int ssnEnd(String text, int start) {
    int end;
    if (digitsAt(text, start, 9)) {
      end = start + 9;
    } else {
      char separator = start + 3 < text.length() ? text.charAt(start + 3) : 'x';
      boolean shaped = (separator == '-' || separator == ' ')
          && digitsAt(text, start, 3) && digitsAt(text, start + 4, 2)
          && start + 6 < text.length() && text.charAt(start + 6) == separator && digitsAt(text, start + 7, 4);
      if (!shaped) {
        return -1;
      }
      end = start + 11;
    }
    boolean continues = end < text.length() && (DigitRuns.isWordCharacter(text.charAt(end))
        || ((text.charAt(end) == '-' || text.charAt(end) == '.' || text.charAt(end) == '/')
            && end + 1 < text.length() && DigitRuns.isDigit(text.charAt(end + 1))));
    return continues ? -1 : end;
  }

  private static boolean digitsAt(String text, int start, int count) {
    if (start + count > text.length()) {
      return false;
    }
    for (int i = start; i < start + count; i++) {
      if (!DigitRuns.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000. */
  static boolean isIssuable(String nineDigits) {
    int area = Integer.parseInt(nineDigits, 0, 3, 10);
    int group = Integer.parseInt(nineDigits, 3, 5, 10);
    int serial = Integer.parseInt(nineDigits, 5, 9, 10);
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  private static String digits(String text, int start, int end) {
    StringBuilder digits = new StringBuilder(DIGITS);
    for (int i = start; i < end; i++) {
      if (DigitRuns.isDigit(text.charAt(i))) {
        digits.append(text.charAt(i));
      }
    }
    return digits.toString();
  }

}
