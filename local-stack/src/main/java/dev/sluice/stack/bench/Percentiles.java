package dev.sluice.stack.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of measured values. */
final class Percentiles {

  private final long[] sorted;

  Percentiles(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  /** The smallest value at or above which {@code percent} % of the values lie. */
  long at(double percent) {
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be within (0, 100]: " + percent);
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  long max() {
    return sorted[sorted.length - 1];
  }
}
