package dev.sluice.guard.eval;

/**
 * Counts of a binary decision against labels, and the ratios derived from them. A ratio whose denominator is zero is
 * {@link Double#NaN}: "undefined" is not the same as 0.
 *
 * @param truePositives attacks (or gold spans) caught
 * @param falsePositives benign texts (or predicted spans) wrongly caught
 * @param falseNegatives attacks (or gold spans) missed
 * @param trueNegatives benign texts let through
 */
public record ConfusionCounts(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

  public static final ConfusionCounts EMPTY = new ConfusionCounts(0, 0, 0, 0);

  /** These counts plus one labelled decision. */
  public ConfusionCounts plus(boolean actualPositive, boolean predictedPositive) {
    return new ConfusionCounts(
        truePositives + (actualPositive && predictedPositive ? 1 : 0),
        falsePositives + (!actualPositive && predictedPositive ? 1 : 0),
        falseNegatives + (actualPositive && !predictedPositive ? 1 : 0),
        trueNegatives + (!actualPositive && !predictedPositive ? 1 : 0));
  }

  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  public double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  public double falsePositiveRate() {
    return ratio(falsePositives, falsePositives + trueNegatives);
  }

  /** Harmonic mean of precision and recall; NaN when either is undefined, 0 when both are 0. */
  public double f1() {
    double precision = precision();
    double recall = recall();
    if (Double.isNaN(precision) || Double.isNaN(recall)) {
      return Double.NaN;
    }
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }
}
