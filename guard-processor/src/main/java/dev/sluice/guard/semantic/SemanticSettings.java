package dev.sluice.guard.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Objects;

/**
 * How the semantic tier runs and when its score counts as an attack.
 *
 * @param mode when the guard runs it, relative to the rules' verdict
 * @param flagScore lowest score ({@link SemanticMatch#score()}) that is a MEDIUM finding (flags the request)
 * @param blockScore lowest score that is a HIGH finding (blocks the request under the default policy)
 * @param shortTextDiscount how much a short segment's similarity is discounted, over the square root of its words
 * @param windowChars longest piece of a prompt embedded at once
 * @param maxWindows most windows embedded per prompt
 * @param maxSentences most sentences embedded per prompt, besides the windows
 */
public record SemanticSettings(SemanticMode mode, double flagScore, double blockScore, double shortTextDiscount,
    int windowChars, int maxWindows, int maxSentences) {

  /**
   * Chosen by {@code SemanticEval} on the even ids of {@code injection-dev.jsonl} with the curated corpus: at most
   * 1% (flag) and 0.1% (block) of its benign texts reach them.
   */
  static final double DEFAULT_FLAG = 0.504;
  static final double DEFAULT_BLOCK = 0.587;
  /**
   * Chosen on the same even ids among 0, 0.1 … 0.8 (the sweep {@code SemanticEval} prints) for the best recall at
   * the 1% threshold: 0.325 against 0.295 undiscounted, and between 0.30 and 0.32 anywhere from 0.2 to 0.8.
   */
  static final double DEFAULT_SHORT_TEXT_DISCOUNT = 0.3;

  /** Shorter sentences are not embedded: "Ignore it." says nothing an attack needs and costs a model run. */
  static final int MIN_SENTENCE_CHARS = 12;

  public SemanticSettings {
    Objects.requireNonNull(mode, "mode");
    if (!(flagScore > 0 && flagScore <= blockScore && blockScore <= 1)) {
      throw new IllegalArgumentException("need 0 < flagScore <= blockScore <= 1, got " + flagScore + " and "
          + blockScore);
    }
    if (!(shortTextDiscount >= 0)) {
      throw new IllegalArgumentException("shortTextDiscount must be >= 0: " + shortTextDiscount);
    }
    segmenter(windowChars, maxWindows, maxSentences);
  }

  /** The measured defaults, running the tier only where the rules have not blocked. */
  public static SemanticSettings defaults() {
    return new SemanticSettings(SemanticMode.ONLY_WHEN_UNDECIDED, DEFAULT_FLAG, DEFAULT_BLOCK,
        DEFAULT_SHORT_TEXT_DISCOUNT, 1_200, 4, 12);
  }

  /** The segmenter these settings describe. */
  public PromptSegmenter segmenter() {
    return segmenter(windowChars, maxWindows, maxSentences);
  }

  /** A scorer with these settings, comparing prompts with {@code corpus} through {@code model}. */
  public SemanticInjectionScorer scorer(EmbeddingModel model, KnownAttackCorpus corpus) {
    return new SemanticInjectionScorer(model, corpus, segmenter(), shortTextDiscount);
  }

  private static PromptSegmenter segmenter(int windowChars, int maxWindows, int maxSentences) {
    return new PromptSegmenter(windowChars, maxWindows, maxSentences, MIN_SENTENCE_CHARS);
  }
}
