package dev.sluice.guard.injection;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Literal words a text must contain before a rule's regular expression is worth running: at least one word of each
 * group. A substring search per word is an order of magnitude cheaper than a regex pass, and most prompts lack the
 * words of most rules. Words are matched case-insensitively unless they contain an upper-case letter.
 */
public final class RequiredWords {

  private final List<List<String>> groups;

  private RequiredWords(List<List<String>> groups) {
    this.groups = groups;
  }

  /** One group of alternatives. */
  public static List<String> anyOf(String... words) {
    return List.of(words);
  }

  /** Requires one word of every group. */
  @SafeVarargs
  public static RequiredWords allOf(List<String>... groups) {
    return new RequiredWords(Arrays.stream(groups).map(List::copyOf).toList());
  }

  /**
   * Whether {@code text} may match.
   *
   * @param text the normalized text
   * @param lowerText the same text lower-cased with {@link #lowerCase(String)}
   */
  public boolean admits(String text, String lowerText) {
    for (List<String> group : groups) {
      if (!containsAny(group, text, lowerText)) {
        return false;
      }
    }
    return true;
  }

  /** The lower-casing {@link #admits} expects. */
  public static String lowerCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static boolean containsAny(List<String> words, String text, String lowerText) {
    for (String word : words) {
      boolean caseSensitive = !word.equals(lowerCase(word));
      if ((caseSensitive ? text : lowerText).contains(word)) {
        return true;
      }
    }
    return false;
  }
}
