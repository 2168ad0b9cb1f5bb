package dev.sluice.guard.normalize;

/**
 * One pass over an ASCII text (tabs and line breaks allowed, other control characters not) that tells which
 * normalization steps could change it, and counts its function words for the cipher readings. Most prompts are ASCII
 * prose with nothing to fold, so the normalizer can skip every other pass over them. The flags are conservative: a
 * step they call for may still find nothing to do.
 *
 * @param collapsed whether the whitespace is already single spaces between words
 * @param leetspeak whether a leetspeak character (0 1 3 4 5 7 @ $) touches a letter, outside e-mail addresses
 * @param spelledOut whether a single letter is followed by a separator and another single letter ("i g", "i.g")
 * @param encoded whether a token is long enough, or has the escapes, to be an encoded segment
 * @param functionWords the function-word counts of {@link FunctionWordReadings}
 */
record AsciiSurvey(boolean collapsed, boolean leetspeak, boolean spelledOut, boolean encoded,
    FunctionWordReadings.Counts functionWords) {

  private static final int LONG_TOKEN = 16;
  private static final int ESCAPED_TOKEN = 8;
  private static final int HEX_PAIR_TOKENS = 8;
  private static final int EMAIL_LOOKAHEAD = 64;

  private static final int LETTER = 1;
  private static final int DIGIT = 2;
  private static final int LEET = 4;
  private static final int ESCAPE = 8;
  private static final int SPACE = 16;
  private static final int HEX = 32;
  private static final int SEPARATOR = 64;
  /** What each ASCII character is, as bits, so the pass tests a character with one table read. */
  private static final byte[] CLASSES = classes();

  /** The survey of {@code text}, or null when it is not all ASCII (the normalizer then runs every step). */
  static AsciiSurvey of(String text) {
    int length = text.length();
    boolean collapsed = length == 0 || (text.charAt(0) != ' ' && text.charAt(length - 1) != ' ');
    boolean leetspeak = false;
    boolean spelledOut = false;
    boolean encoded = false;
    FunctionWordReadings.Tally tally = new FunctionWordReadings.Tally();
    long key = 0;
    int letters = 0;
    int tokenStart = 0;
    boolean escapes = false;
    boolean hexPair = false;
    int hexPairs = 0;
    int previous = SPACE;
    for (int i = 0; i <= length; i++) {
      char c = i < length ? text.charAt(i) : ' ';
      if (c >= 0x80) {
        return null;
      }
      int type = CLASSES[c];
      if (type == 0 && c < ' ') {
        return null;
      }
      if ((type & LETTER) != 0) {
        key = FunctionWordReadings.extend(key, (char) (c | 0x20));
        letters++;
        if ((previous & (LETTER | DIGIT)) == 0 && i + 2 < length && (typeOf(text.charAt(i + 1)) & SEPARATOR) != 0
            && (typeOf(text.charAt(i + 2)) & LETTER) != 0
            && (i + 3 == length || (typeOf(text.charAt(i + 3)) & (LETTER | DIGIT)) == 0)) {
          spelledOut = true;
        }
      } else {
        tally.word(key, letters);
        key = 0;
        letters = 0;
        if ((type & LEET) != 0 && !leetspeak) {
          leetspeak = ((previous & LETTER) != 0 || (i + 1 < length && (typeOf(text.charAt(i + 1)) & LETTER) != 0))
              && !(c == '@' && inEmailAddress(text, i));
        }
        escapes |= (type & ESCAPE) != 0;
      }
      if ((type & SPACE) != 0) {
        if (i < length && (c != ' ' || (previous & SPACE) != 0)) {
          collapsed = false;
        }
        int tokenLength = i - tokenStart;
        if (tokenLength >= LONG_TOKEN || (escapes && tokenLength >= ESCAPED_TOKEN)) {
          encoded = true;
        }
        hexPairs = tokenLength == 2 && hexPair ? hexPairs + 1 : (tokenLength == 0 ? hexPairs : 0);
        encoded |= hexPairs >= HEX_PAIR_TOKENS;
        tokenStart = i + 1;
        escapes = false;
      } else if (i == tokenStart) {
        hexPair = (type & HEX) != 0 && i + 1 < length && (typeOf(text.charAt(i + 1)) & HEX) != 0;
      }
      previous = type;
    }
    return new AsciiSurvey(collapsed, leetspeak, spelledOut, encoded, tally.counts());
  }

  private static int typeOf(char c) {
    return c < 0x80 ? CLASSES[c] : 0;
  }

  /** Whether the '@' at {@code at} is followed by a domain ("doe@example.com") before the next space. */
  private static boolean inEmailAddress(String text, int at) {
    int end = Math.min(text.length() - 1, at + EMAIL_LOOKAHEAD);
    for (int i = at + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c == '.' && (typeOf(text.charAt(i + 1)) & LETTER) != 0) {
        return true;
      }
      if (c <= ' ') {
        return false;
      }
    }
    return false;
  }

  private static byte[] classes() {
    byte[] classes = new byte[0x80];
    for (char c = 'a'; c <= 'z'; c++) {
      classes[c] |= LETTER;
      classes[Character.toUpperCase(c)] |= LETTER;
    }
    for (char c = '0'; c <= '9'; c++) {
      classes[c] |= DIGIT | HEX;
    }
    for (char c : "abcdefABCDEF".toCharArray()) {
      classes[c] |= HEX;
    }
    for (char c : "013457@$".toCharArray()) {
      classes[c] |= LEET;
    }
    for (char c : "%\\".toCharArray()) {
      classes[c] |= ESCAPE;
    }
    for (char c : " \t\n\r".toCharArray()) {
      classes[c] |= SPACE;
    }
    for (char c = 0; c < 0x80; c++) {
      if (SeparatedLetterJoining.isSeparator(c)) {
        classes[c] |= SEPARATOR;
      }
    }
    return classes;
  }
}
