package dev.sluice.guard.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins words spelled as single letters with a separator between them: "i g n o r e" (words three spaces apart),
 * "i.g.n.o.r.e", "i-g-n-o-r-e", "i*g*n*o*r*e". A run of single letters is joined when it has at least four letters,
 * or at least two when the neighbouring run (only whitespace between) is joined with the same separator ("a l l"
 * inside "i g n o r e   a l l"). Abbreviations such as "e.g." or "U.S.A." stand alone and keep their dots. Runs
 * must see whitespace as written, so this runs before whitespace is collapsed.
 */
final class SeparatedLetterJoining {

  private static final String SEPARATORS = " .-_*/|+~,:";
  /** {@link #SEPARATORS} as a bit set over ASCII: one test per character instead of a search. */
  private static final long[] SEPARATOR_BITS = separatorBits();
  private static final int MIN_LETTERS_ALONE = 4;

  /** Letters at {@code start}, {@code start + 2}, …, {@code end - 1}, separated by {@code separator}. */
  private record Run(int start, int end, char separator) {

    int letters() {
      return (end - start + 1) / 2;
    }
  }

  String join(String text) {
    List<Run> runs = runs(text);
    if (runs.isEmpty()) {
      return text;
    }
    boolean[] joined = new boolean[runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      joined[r] = runs.get(r).letters() >= MIN_LETTERS_ALONE;
    }
    // One pass each way lets a joined run extend to the short words on either side of it.
    for (int r = 1; r < runs.size(); r++) {
      joined[r] |= joined[r - 1] && neighbours(text, runs.get(r - 1), runs.get(r));
    }
    for (int r = runs.size() - 2; r >= 0; r--) {
      joined[r] |= joined[r + 1] && neighbours(text, runs.get(r), runs.get(r + 1));
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int r = 0; r < runs.size(); r++) {
      if (!joined[r]) {
        continue;
      }
      Run run = runs.get(r);
      out.append(text, copied, run.start());
      for (int i = run.start(); i < run.end(); i += 2) {
        out.append(text.charAt(i));
      }
      copied = run.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static List<Run> runs(String text) {
    List<Run> runs = new ArrayList<>();
    int i = 0;
    while (i + 2 < text.length()) {
      char separator = text.charAt(i + 1);
      // The separator test first: it rules out most positions with one comparison.
      if (!isSeparator(separator) || !startsSingleLetter(text, i) || !Character.isLetter(text.charAt(i + 2))) {
        i++;
        continue;
      }
      int last = i + 2;
      while (last + 2 < text.length() && text.charAt(last + 1) == separator
          && Character.isLetter(text.charAt(last + 2))) {
        last += 2;
      }
      if (last + 1 < text.length() && Character.isLetterOrDigit(text.charAt(last + 1))) {
        // The last "letter" begins a longer word ("a b-word"): not a run of single letters.
        i = last;
        continue;
      }
      runs.add(new Run(i, last + 1, separator));
      i = last + 1;
    }
    return runs;
  }

  static boolean isSeparator(char c) {
    return c < 0x80 && (SEPARATOR_BITS[c >>> 6] & (1L << (c & 63))) != 0;
  }

  private static long[] separatorBits() {
    long[] bits = new long[2];
    for (char c : SEPARATORS.toCharArray()) {
      bits[c >>> 6] |= 1L << (c & 63);
    }
    return bits;
  }

  private static boolean startsSingleLetter(String text, int i) {
    return Character.isLetter(text.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
  }

  /** Whether only whitespace (or, for punctuation runs, one trailing separator and whitespace) lies between. */
  private static boolean neighbours(String text, Run left, Run right) {
    if (left.separator() != right.separator()) {
      return false;
    }
    int i = left.end();
    if (i < right.start() && text.charAt(i) == left.separator() && left.separator() != ' ') {
      i++;
    }
    if (i == right.start()) {
      return false;
    }
    while (i < right.start()) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
      i++;
    }
    return true;
  }
}
