package dev.sluice.guard.streams;

import dev.sluice.guard.semantic.SemanticMode;
import dev.sluice.guard.semantic.SemanticSettings;

/**
 * Settings of the semantic tier ({@code sluice.guard.semantic.*}); a setting left out keeps its measured default
 * ({@link SemanticSettings#defaults()}), which application.yml spells out.
 *
 * @param mode OFF, ALWAYS or ONLY_WHEN_UNDECIDED (see {@link SemanticMode})
 * @param flagScore lowest similarity score that flags a request
 * @param blockScore lowest similarity score that is a HIGH finding (blocks under the default policy)
 * @param shortTextDiscount how much a short segment's similarity is lowered, over the square root of its words
 * @param windowChars longest piece of a prompt embedded at once
 * @param maxWindows most windows embedded per prompt
 * @param maxSentences most sentences embedded per prompt, besides the windows
 */
public record SemanticProperties(SemanticMode mode, Double flagScore, Double blockScore, Double shortTextDiscount,
    Integer windowChars, Integer maxWindows, Integer maxSentences) {

  /** Settings that set nothing: the defaults. */
  public static SemanticProperties none() {
    return new SemanticProperties(null, null, null, null, null, null, null);
  }

  /**
   * The defaults with these settings applied.
   *
   * @throws IllegalArgumentException naming the setting, when one is not valid
   */
  public SemanticSettings settings() {
    SemanticSettings defaults = SemanticSettings.defaults();
    try {
      return new SemanticSettings(
          or(mode, defaults.mode()),
          or(flagScore, defaults.flagScore()),
          or(blockScore, defaults.blockScore()),
          or(shortTextDiscount, defaults.shortTextDiscount()),
          or(windowChars, defaults.windowChars()),
          or(maxWindows, defaults.maxWindows()),
          or(maxSentences, defaults.maxSentences()));
    } catch (IllegalArgumentException e) {
      // The message says all there is: which setting, why.
      throw new IllegalArgumentException("Invalid sluice.guard.semantic settings: " + e.getMessage());
    }
  }

  private static <T> T or(T setting, T fallback) {
    return setting != null ? setting : fallback;
  }
}
