package dev.sluice.guard.pii;

import java.util.List;
import java.util.Locale;

/**
 * IBANs written electronically ({@code GB82WEST12345698765432}) or in print, in groups of four separated by
 * single spaces ({@code GB82 WEST 1234 5698 7654 32}), in either case. A candidate starts where two letters of a
 * registered country are followed by two digits at the start of a word; it must have exactly its country's length
 * and pass mod-97, which a random string passes once in 97.
 */
final class IbanFinder implements PiiFinder {

  private static final int GROUP = 4;

  @Override
  public PiiType type() {
    return PiiType.IBAN;
  }

  @Override
  public void find(String text, DigitRuns digitRuns, List<PiiMatch> matches) {
    int resume = 0;
    for (int run = 0; run < digitRuns.count(); run++) {
      // the check digits: a run of two or more right after the two letters of the country code
      int start = digitRuns.start(run) - 2;
      if (start < resume || digitRuns.end(run) - digitRuns.start(run) < 2 || !startsCandidate(text, start)) {
        continue;
      }
      int length = Iban.length(text.substring(start, start + 2).toUpperCase(Locale.ROOT));
      int end = length == 0 ? -1 : end(text, start, length);
      if (end > 0) {
        String iban = compact(text, start, end);
        if (Iban.isValid(iban)) {
          matches.add(new PiiMatch(PiiType.IBAN, start, end, iban));
          resume = end;
        }
      }
    }
  }

  private static boolean startsCandidate(String text, int start) {
    return start >= 0 && isAsciiLetter(text.charAt(start)) && isAsciiLetter(text.charAt(start + 1))
        && (start == 0 || !DigitRuns.isWordCharacter(text.charAt(start - 1)));
  }

  /**
   * End of an IBAN of {@code length} characters from {@code start}, compact or grouped by four, or -1 when the text
   * there has another length or shape.
   */
  private static int end(String text, int start, int length) {
    int end = readCharacters(text, start, length, false);
    if (end < 0) {
      end = readCharacters(text, start, length, true);
    }
    return end < 0 || (end < text.length() && DigitRuns.isWordCharacter(text.charAt(end))) ? -1 : end;
  }

  private static int readCharacters(String text, int start, int length, boolean grouped) {
    int at = start;
    for (int read = 0; read < length; read++) {
      if (grouped && read > 0 && read % GROUP == 0) {
        if (at >= text.length() || text.charAt(at) != ' ') {
          return -1;
        }
        at++;
      }
      if (at >= text.length() || !isAsciiLetterOrDigit(text.charAt(at))) {
        return -1;
      }
      at++;
    }
    return at;
  }

  private static String compact(String text, int start, int end) {
    StringBuilder iban = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ') {
        iban.append(Character.toUpperCase(c));
      }
    }
    return iban.toString();
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || DigitRuns.isDigit(c);
  }
}
