package dev.sluice.guard.pii;

import java.util.List;
import java.util.Locale;

/**
 * Words that say what a nearby number is ("phone", "card", "SSN"). A bare digit run is ambiguous; "call me on"
 * before it or "fax" after it is not. Words match whole (case-insensitive), on the number's own line only.
 */
final class ContextWords {

  private static final int ASCII = 128;

  private final List<String> words;
  /** Whether some word starts with this (lower-case ASCII) letter: most word starts of a text can be skipped. */
  private final boolean[] firstLetters = new boolean[ASCII];

  ContextWords(String... words) {
    this.words = List.of(words).stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
    for (String word : this.words) {
      char first = word.charAt(0);
      if (first >= ASCII || !Character.isLetter(first)) {
        throw new IllegalArgumentException("context words start with an ASCII letter: " + word);
      }
      firstLetters[first] = true;
    }
  }

  /**
   * True when one of the words ends at most {@code before} characters before {@code start}, or starts at most
   * {@code after} characters after {@code end}, without a line break in between.
   */
  boolean near(String text, int start, int end, int before, int after) {
    int lineStart = text.lastIndexOf('\n', start - 1) + 1;
    int lineEnd = text.indexOf('\n', end);
    int from = Math.max(lineStart, start - before);
    int to = Math.min(lineEnd < 0 ? text.length() : lineEnd, end + after);
    return containsWord(text, from, start) || containsWord(text, end, to);
  }

  private boolean containsWord(String text, int from, int to) {
    for (int at = from; at < to; at++) {
      char c = Character.toLowerCase(text.charAt(at));
      if (c >= ASCII || !firstLetters[c] || (at > 0 && Character.isLetter(text.charAt(at - 1)))) {
        continue;
      }
      for (String word : words) {
        int wordEnd = at + word.length();
        if (wordEnd <= to && text.regionMatches(true, at, word, 0, word.length())
            && (wordEnd == text.length() || !Character.isLetter(text.charAt(wordEnd)))) {
          return true;
        }
      }
    }
    return false;
  }
}
