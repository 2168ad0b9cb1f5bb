package dev.sluice.guard.semantic;

import java.util.Objects;

/**
 * The prompt segment that comes closest to a known attack, and that attack.
 *
 * @param score what thresholds compare: {@code similarity} less the discount for a short segment
 * @param similarity cosine similarity of the two embeddings, in {@code [-1, 1]}
 * @param exemplar the nearest known attack
 * @param segment the part of the prompt that is nearest to it
 */
public record SemanticMatch(double score, double similarity, AttackExemplar exemplar, PromptSegment segment) {

  public SemanticMatch {
    Objects.requireNonNull(exemplar, "exemplar");
    Objects.requireNonNull(segment, "segment");
  }
}
