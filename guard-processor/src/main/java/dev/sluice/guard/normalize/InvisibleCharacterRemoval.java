package dev.sluice.guard.normalize;

/**
 * Removes characters that render as nothing: zero-width spaces and joiners, the soft hyphen, word joiners and
 * invisible operators, bidi marks, embeddings, overrides and isolates, variation selectors, tag characters and the
 * Hangul fillers. They split trigger words for a pattern ("ig\u200Bnore") but not for the model, and bidi controls
 * can show a reader text in another order than the model reads it.
 */
final class InvisibleCharacterRemoval {

  /**
   * The text without invisible characters.
   *
   * @param text what is left
   * @param suspicious whether an invisible character split a word or a bidi control reordered text; emoji sequences
   *     (a joiner or variation selector next to a symbol) are not suspicious
   */
  record Result(String text, boolean suspicious) {
  }

  Result remove(String text) {
    int first = firstInvisible(text);
    if (first < 0) {
      return new Result(text, false);
    }
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, first);
    boolean suspicious = false;
    int i = first;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      int next = i + Character.charCount(codePoint);
      if (!isInvisible(codePoint)) {
        out.appendCodePoint(codePoint);
      } else if (!suspicious) {
        suspicious = isBidiControl(codePoint) || (endsWithLetter(out) && letterAfterInvisibles(text, next));
      }
      i = next;
    }
    return new Result(out.toString(), suspicious);
  }

  static boolean isInvisible(int c) {
    return c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
        || c == 0x180E || (c >= 0x200B && c <= 0x200F) || isBidiControl(c) || (c >= 0x2060 && c <= 0x206F)
        || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0
        || (c >= 0xE0000 && c <= 0xE007F) || (c >= 0xE0100 && c <= 0xE01EF);
  }

  private static boolean isBidiControl(int c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  private static int firstInvisible(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // Every invisible character is at or above U+00AD; a surrogate may start a tag character.
      if (c >= 0x00AD && isInvisible(text.codePointAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean endsWithLetter(StringBuilder out) {
    return !out.isEmpty() && Character.isLetter(out.codePointBefore(out.length()));
  }

  private static boolean letterAfterInvisibles(String text, int from) {
    int i = from;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      if (!isInvisible(codePoint)) {
        return Character.isLetter(codePoint);
      }
      i += Character.charCount(codePoint);
    }
    return false;
  }
}
