package dev.sluice.guard.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers: international ({@code +CC} then groups), North American ({@code (555) 123-4567},
 * {@code 555-123-4567}, {@code 555.123.4567}, {@code 555 123 4567}) and national numbers with a trunk zero
 * ({@code 030 12345678}, {@code 020 7946 0958}, {@code 06 12 34 56 78}).
 */
final class PhoneNumberFinder implements PiiFinder {

  // Separators are mandatory between repeated groups: an optional separator inside a repetition backtracks
  // exponentially on long digit strings that end up not matching.
  private static final Pattern PHONE = Pattern.compile(
      "\\+\\d{1,3}(?:[ .-]?\\(\\d{1,4}\\))?[ .-]?\\d{2,}(?:[ .-]\\d{2,})*"
      + "|\\(\\d{3}\\) ?\\d{3}[ .-]\\d{4}"
      + "|\\d{3}([.-])\\d{3}\\1\\d{4}"
      + "|\\d{3} \\d{3} \\d{4}"
      + "|0\\d(?:[ .-]\\d{2}){4}"
      + "|0\\d{1,4}[ /-]?\\d{3,4}[ -]?\\d{3,5}");
  private static final int MIN_DIGITS = 8;
  private static final int MAX_DIGITS = 15;

  @Override
  public PiiType type() {
    return PiiType.PHONE;
  }

  @Override
  public void find(String text, List<PiiMatch> matches) {
    if (DigitRuns.countDigits(text, MIN_DIGITS) < MIN_DIGITS) {
      return;
    }
    Matcher matcher = PHONE.matcher(text);
    int i = 0;
    while (i < text.length()) {
      // The pattern is only tried where a number can start, not at every position of the text.
      if (!canStartNumber(text, i)) {
        i++;
        continue;
      }
      matcher.region(i, text.length());
      if (!matcher.lookingAt() || DigitRuns.followedByWordCharacter(text, matcher.end())) {
        i++;
        continue;
      }
      String canonical = canonical(matcher.group());
      int digits = canonical.startsWith("+") ? canonical.length() - 1 : canonical.length();
      if (digits >= MIN_DIGITS && digits <= MAX_DIGITS) {
        matches.add(new PiiMatch(PiiType.PHONE, matcher.start(), matcher.end(), canonical));
      }
      i = matcher.end();
    }
  }

  private static boolean canStartNumber(String text, int i) {
    char c = text.charAt(i);
    if (c != '+' && c != '(' && !DigitRuns.isDigit(c)) {
      return false;
    }
    return i == 0 || !(DigitRuns.isWordCharacter(text.charAt(i - 1)) || text.charAt(i - 1) == '+');
  }

  private static String canonical(String number) {
    StringBuilder out = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (DigitRuns.isDigit(c) || (c == '+' && i == 0)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
