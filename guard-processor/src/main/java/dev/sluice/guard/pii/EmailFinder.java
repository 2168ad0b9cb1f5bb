package dev.sluice.guard.pii;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: a local part of up to 64 characters, {@code @}, and a dotted domain ending in an alphabetic
 * top-level domain. The search starts from each {@code @} rather than trying a pattern at every position.
 */
final class EmailFinder implements PiiFinder {

  private static final int MAX_LOCAL_PART = 64;
  // Dot-free labels of bounded length keep the domain match linear.
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}\\b");

  @Override
  public PiiType type() {
    return PiiType.EMAIL;
  }

  @Override
  public void find(String text, DigitRuns digitRuns, List<PiiMatch> matches) {
    int at = text.indexOf('@');
    if (at < 0) {
      return;
    }
    Matcher domain = DOMAIN.matcher(text);
    while (at >= 0) {
      int start = localPartStart(text, at);
      if (start >= 0 && domain.region(at + 1, text.length()).lookingAt()) {
        matches.add(new PiiMatch(PiiType.EMAIL, start, domain.end(),
            text.substring(start, domain.end()).toLowerCase(Locale.ROOT)));
        at = text.indexOf('@', domain.end());
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
  }

  /** Start of the local part ending before {@code at}, or -1 when there is none or it is too long. */
  private static int localPartStart(String text, int at) {
    int start = at;
    while (start > 0 && at - start < MAX_LOCAL_PART && isLocalPartCharacter(text.charAt(start - 1))) {
      start--;
    }
    boolean tooLong = start > 0 && isLocalPartCharacter(text.charAt(start - 1));
    return start == at || tooLong ? -1 : start;
  }

  private static boolean isLocalPartCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || DigitRuns.isDigit(c)
        || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }
}
