package dev.sluice.guard.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Objects;

/**
 * How the semantic tier runs and when its score counts as an attack.
 *
 * @param mode when the guard runs it, relative to the rules' verdict
 * @param flagScore lowest score ({@link SemanticMatch#score()}) that is a MEDIUM finding (flags the request)
 * @param blockScore lowest score that is a HIGH finding (blocks the request under the default policy) in a text
 *     where the rules found a threat too
 * @param shortTextDiscount how much a short segment's similarity is discounted, over the square root of its words
 * @param windowChars longest piece of a prompt embedded at once
 * @param maxWindows most windows embedded per prompt
 * @param maxSentences most sentences embedded per prompt, besides the windows
 */
public record SemanticSettings(SemanticMode mode, double flagScore, double blockScore, double shortTextDiscount,
    int windowChars, int maxWindows, int maxSentences) {

  /**
   * Off, from what the tier costs and gains on top of the rules and the lexical scorer. Gain, on the odd ids of
   * {@code injection-dev.jsonl} ({@code GuardEval FILE --semantic undecided|always}): ONLY_WHEN_UNDECIDED blocks 6 of
   * 1,092 attacks the rules only flagged and changes nothing else; ALWAYS also flags 6 more attacks and 12 more of
   * 1,465 benign texts. Cost: tens of milliseconds per run, a second or two for the longest prompts, against tens of
   * microseconds for the rules: where 1% of the traffic falls in the undecided band (as 1% of the benign texts did),
   * a guard core handles about ten times fewer messages (0.01 x 60 ms against 50 us), and whoever can write a prompt
   * the rules half-suspect can make the guard run the model. Turn it on where a few more blocks of already flagged
   * attacks are worth that.
   */
  static final SemanticMode DEFAULT_MODE = SemanticMode.OFF;

  /**
   * Chosen by {@code SemanticEval} on the even ids of {@code injection-dev.jsonl} with the curated corpus: at most
   * 1% of its benign texts reach it.
   */
  static final double DEFAULT_FLAG = 0.504;
  /**
   * Chosen like the flag threshold, for 0.1% of the even ids' benign texts. A score blocks only where a rule found a
   * threat too (see {@link SemanticInjectionDetector}); on the odd ids ({@code GuardEval FILE --semantic undecided})
   * that turned 6 flagged attacks and no benign text into blocks. Blocking from the flag threshold instead (on the
   * even ids: 81 attacks, none of the 6 benign texts in the band) turned 69 attacks and 3 benign texts into blocks
   * on the odd ids, precision 0.958: short of the 0.99 a block needs.
   */
  static final double DEFAULT_BLOCK = 0.587;
  /**
   * Chosen on the same even ids among 0, 0.1 … 0.8 (the sweep {@code SemanticEval} prints) for the best recall at
   * the 1% threshold: 0.325 against 0.295 undiscounted, and between 0.30 and 0.32 anywhere from 0.2 to 0.8.
   */
  static final double DEFAULT_SHORT_TEXT_DISCOUNT = 0.3;

  static final int DEFAULT_WINDOW_CHARS = 1_200;
  static final int DEFAULT_MAX_WINDOWS = 4;
  static final int DEFAULT_MAX_SENTENCES = 12;

  /** Shorter sentences are not embedded: "Ignore it." says nothing an attack needs and costs a model run. */
  static final int MIN_SENTENCE_CHARS = 12;

  /**
   * Upper bounds on the segments of one prompt, so one inspection's time is bounded whatever the prompt: at most
   * {@code maxWindows + maxSentences} model runs on at most {@code windowChars} characters each.
   */
  static final int MAX_WINDOW_CHARS = 2_000;
  static final int MAX_WINDOWS = 16;
  static final int MAX_SENTENCES = 64;

  /** Checks every setting; a message names the setting as configured ({@code flag-score}, …). */
  public SemanticSettings {
    Objects.requireNonNull(mode, "mode");
    if (!(flagScore > 0 && flagScore <= blockScore && blockScore <= 1)) {
      throw new IllegalArgumentException("need 0 < flag-score <= block-score <= 1, got flag-score " + flagScore
          + " and block-score " + blockScore);
    }
    if (!(shortTextDiscount >= 0 && shortTextDiscount <= 1)) {
      throw new IllegalArgumentException("short-text-discount must be within [0, 1]: " + shortTextDiscount);
    }
    if (windowChars < 64 || windowChars > MAX_WINDOW_CHARS) {
      throw new IllegalArgumentException("window-chars must be within [64, " + MAX_WINDOW_CHARS + "]: "
          + windowChars);
    }
    if (maxWindows < 1 || maxWindows > MAX_WINDOWS) {
      throw new IllegalArgumentException("max-windows must be within [1, " + MAX_WINDOWS + "]: " + maxWindows);
    }
    if (maxSentences < 0 || maxSentences > MAX_SENTENCES) {
      throw new IllegalArgumentException("max-sentences must be within [0, " + MAX_SENTENCES + "]: "
          + maxSentences);
    }
  }

  /** The measured defaults (see {@link #DEFAULT_MODE} for when the tier runs). */
  public static SemanticSettings defaults() {
    return new SemanticSettings(DEFAULT_MODE, DEFAULT_FLAG, DEFAULT_BLOCK, DEFAULT_SHORT_TEXT_DISCOUNT,
        DEFAULT_WINDOW_CHARS, DEFAULT_MAX_WINDOWS, DEFAULT_MAX_SENTENCES);
  }

  /** These settings with {@code mode} instead. */
  public SemanticSettings withMode(SemanticMode mode) {
    return new SemanticSettings(mode, flagScore, blockScore, shortTextDiscount, windowChars, maxWindows,
        maxSentences);
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
