package dev.sluice.guard.injection;

import java.util.Arrays;
import java.util.List;

/**
 * Whole words a text must contain before a rule's regular expression is worth running: at least one word of each
 * group, compared case-insensitively. Looking words up in the text's {@link WordScan} is far cheaper than a regex
 * pass, and most prompts lack the words of most rules.
 */
public final class RequiredWords {

  private final List<List<String>> groups;

  private RequiredWords(List<List<String>> groups) {
    this.groups = groups;
  }

  /** One group of alternatives, each a single word (letters and digits). */
  public static List<String> anyOf(String... words) {
    return List.of(words);
  }

  /** Requires one word of every group. */
  @SafeVarargs
  public static RequiredWords allOf(List<String>... groups) {
    return new RequiredWords(Arrays.stream(groups).map(List::copyOf).toList());
  }

  /** The groups, in order. */
  public List<List<String>> groups() {
    return groups;
  }

}
