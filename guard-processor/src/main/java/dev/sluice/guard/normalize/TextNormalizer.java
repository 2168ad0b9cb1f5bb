package dev.sluice.guard.normalize;

/**
 * Rewrites text into the form detectors match against: invisible format characters removed, every run of
 * whitespace collapsed to one space, ends trimmed. Spans reported by detectors index this form.
 */
public final class TextNormalizer {

  /** Returns the normalized form of {@code text}; never null. */
  public String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isInvisible(c)) {
        // Zero-width characters split trigger words for a reader-blind regex but not for the model.
        continue;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = out.length() > 0;
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

  private static boolean isInvisible(char c) {
    return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
  }
}
