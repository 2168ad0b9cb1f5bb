package dev.sluice.guard.normalize;

/** Collapses every run of whitespace (tabs, line breaks, no-break and em spaces) to one space and trims the ends. */
final class WhitespaceCollapsing {

  String collapse(String text) {
    if (isCollapsed(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int length = text.length();
    while (i < length) {
      while (i < length && isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < length && !isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        if (!out.isEmpty()) {
          out.append(' ');
        }
        // Whole words at once: much faster than a character at a time.
        out.append(text, start, i);
      }
    }
    return out.toString();
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || ((c < ' ' || c >= 0x80) && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
  }

  /** Whether the text has no whitespace but single spaces between other characters: most prompts, checked fast. */
  private static boolean isCollapsed(String text) {
    int length = text.length();
    if (length == 0) {
      return true;
    }
    boolean previousSpace = true;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (previousSpace) {
          return false;
        }
        previousSpace = true;
      } else if (c < ' ' || (c >= 0x80 && (Character.isWhitespace(c) || Character.isSpaceChar(c)))) {
        return false;
      } else {
        previousSpace = false;
      }
    }
    return !previousSpace;
  }
}
