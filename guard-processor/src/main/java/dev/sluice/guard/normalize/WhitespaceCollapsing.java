package dev.sluice.guard.normalize;

/** Collapses every run of whitespace (tabs, line breaks, no-break and em spaces) to one space and trims the ends. */
final class WhitespaceCollapsing {

  String collapse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = !out.isEmpty();
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(c);
    }
    return out.toString();
  }
}
