package dev.sluice.guard.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.normalize.NormalizedText;
import java.util.List;
import java.util.Objects;

/**
 * The semantic tier as the input guard calls it after its rules: one finding when some part of the text is close
 * enough to a known attack, filed under that attack's category, scored by {@link SemanticMatch#score()} and placed on
 * the part that matched.
 *
 * <p>From the flag threshold a finding is MEDIUM. From the block threshold it is HIGH only when the rules found a
 * threat in the same text: on the even ids of {@code injection-dev.jsonl} (lexical scorer retrained per grouped
 * fold), of the texts where the rules found nothing only benign ones reached the block threshold (1 of 1,459
 * benign, 0 of the 141 attacks the rules missed), so on its own the tier flags and never blocks.
 *
 * <p>It embeds the normalized text only, not its de-obfuscated variants: spelling tricks are the rules' job, and
 * each variant would cost another model run. {@link #mode()} says when the engine should call it at all.
 */
public final class SemanticInjectionDetector {

  public static final String NAME = "semantic-similarity";

  private final SemanticInjectionScorer scorer;
  private final SemanticMode mode;
  private final double flagScore;
  private final double blockScore;

  public SemanticInjectionDetector(SemanticInjectionScorer scorer, SemanticMode mode, double flagScore,
      double blockScore) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.mode = Objects.requireNonNull(mode, "mode");
    if (!(flagScore > 0 && flagScore <= blockScore && blockScore <= 1)) {
      throw new IllegalArgumentException("need 0 < flagScore <= blockScore <= 1, got " + flagScore + " and "
          + blockScore);
    }
    this.flagScore = flagScore;
    this.blockScore = blockScore;
  }

  /** A detector comparing prompts with {@code corpus} through {@code model}; embeds the corpus now. */
  public static SemanticInjectionDetector create(EmbeddingModel model, KnownAttackCorpus corpus,
      SemanticSettings settings) {
    return new SemanticInjectionDetector(settings.scorer(model, corpus), settings.mode(), settings.flagScore(),
        settings.blockScore());
  }

  /**
   * The finding in {@code text}, if any part of it is close enough to a known attack.
   *
   * @param rulesLevel the highest threat level the rules found in the same text
   */
  public List<Finding> inspect(NormalizedText text, ThreatLevel rulesLevel) {
    boolean corroborated = rulesLevel != ThreatLevel.NONE;
    return scorer.nearest(text.text())
        .filter(match -> match.score() >= flagScore)
        .map(match -> List.of(new Finding(NAME, match.exemplar().category(),
            threatLevel(match.score(), corroborated), Math.min(1, match.score()), match.segment().span())))
        .orElse(List.of());
  }

  /**
   * The threat level of a score: HIGH from the block threshold when a rule found a threat too, else MEDIUM from the
   * flag threshold, else NONE.
   */
  public ThreatLevel threatLevel(double score, boolean corroborated) {
    if (score >= blockScore && corroborated) {
      return ThreatLevel.HIGH;
    }
    return score >= flagScore ? ThreatLevel.MEDIUM : ThreatLevel.NONE;
  }

  public SemanticMode mode() {
    return mode;
  }
}
