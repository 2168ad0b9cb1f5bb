package dev.sluice.guard.normalize;

/**
 * Folds leetspeak back to letters (4→a, 3→e, 1→i or l, 0→o, 5→s, 7→t, @→a, $→s) inside tokens that mix letters with
 * those characters: "1gn0re" → "ignore", "prev10us" → "previous". Numbers ("2024"), short tokens ("v1"), tokens
 * holding a digit with no letter twin ("b2b", "covid19") and e-mail addresses stay as they are.
 */
final class LeetspeakFolding {

  private static final int MIN_TOKEN = 3;

  /** Folds {@code text}, writing {@code one} for the digit 1 (it stands for "i" as often as for "l"). */
  String fold(String text, char one) {
    if (!hasLeetCharacter(text)) {
      return text;
    }
    StringBuilder out = null;
    int i = 0;
    while (i < text.length()) {
      if (!isTokenCharacter(text.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      boolean letter = false;
      boolean leet = false;
      boolean otherDigit = false;
      while (end < text.length() && isTokenCharacter(text.charAt(end))) {
        char c = text.charAt(end);
        letter |= Character.isLetter(c);
        leet |= letterOf(c, one) != 0;
        otherDigit |= Character.isDigit(c) && letterOf(c, one) == 0;
        end++;
      }
      if (letter && leet && !otherDigit && end - i >= MIN_TOKEN && !isEmailAddress(text, i, end)) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        for (int j = i; j < end; j++) {
          char folded = letterOf(text.charAt(j), one);
          if (folded != 0) {
            out.setCharAt(j, folded);
          }
        }
      }
      i = end;
    }
    return out == null ? text : out.toString();
  }

  /** "jane.doe@example.com" has the token "doe@example": an '@' followed by a domain is not an "a". */
  private static boolean isEmailAddress(String text, int start, int end) {
    int at = text.indexOf('@', start);
    return at > start && at < end - 1 && end + 1 < text.length() && text.charAt(end) == '.'
        && Character.isLetter(text.charAt(end + 1));
  }

  private static boolean hasLeetCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (letterOf(text.charAt(i), 'i') != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTokenCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '@' || c == '$';
  }

  private static char letterOf(char c, char one) {
    return switch (c) {
      case '4', '@' -> 'a';
      case '3' -> 'e';
      case '1' -> one;
      case '0' -> 'o';
      case '5', '$' -> 's';
      case '7' -> 't';
      default -> 0;
    };
  }
}
