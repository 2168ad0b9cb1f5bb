package dev.sluice.guard.eval;

import java.util.Arrays;

/**
 * A decision threshold on a detector score and what it achieves: texts scoring at or above {@code threshold} count
 * as attacks. A threshold of {@link Double#POSITIVE_INFINITY} means nothing is caught.
 *
 * @param threshold lowest score counted as an attack
 * @param recall share of attacks at or above the threshold
 * @param falsePositiveRate share of benign texts at or above the threshold
 */
public record OperatingPoint(double threshold, double recall, double falsePositiveRate) {

  /**
   * The most sensitive threshold whose false-positive rate on {@code benignScores} stays at or below
   * {@code maxFalsePositiveRate}. Only scores above zero are thresholds: zero means "no finding at all". Ties cannot
   * be split, so a score shared by too many benign texts is skipped as a whole.
   */
  public static OperatingPoint atFalsePositiveRate(double[] attackScores, double[] benignScores,
      double maxFalsePositiveRate) {
    double[] candidates = Arrays.stream(attackScores).filter(score -> score > 0).distinct().sorted().toArray();
    for (double threshold : candidates) {
      double falsePositiveRate = shareAtOrAbove(benignScores, threshold);
      if (falsePositiveRate <= maxFalsePositiveRate) {
        return new OperatingPoint(threshold, shareAtOrAbove(attackScores, threshold), falsePositiveRate);
      }
    }
    return new OperatingPoint(Double.POSITIVE_INFINITY, attackScores.length == 0 ? Double.NaN : 0,
        benignScores.length == 0 ? Double.NaN : 0);
  }

  /** Share of {@code scores} at or above {@code threshold}; NaN for no scores. */
  public static double shareAtOrAbove(double[] scores, double threshold) {
    if (scores.length == 0) {
      return Double.NaN;
    }
    long count = Arrays.stream(scores).filter(score -> score >= threshold).count();
    return (double) count / scores.length;
  }
}
