package dev.sluice.guard.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OperatingPointTest {

  /** 200 benign scores: 190 at 0 (no finding), 8 at 0.5, 2 at 0.9. */
  private static final double[] BENIGN = benign();
  /** 10 attacks: 3 without a finding, 2 at 0.5, 1 at 0.8, 4 at 0.9. */
  private static final double[] ATTACKS = {0, 0, 0, 0.5, 0.5, 0.8, 0.9, 0.9, 0.9, 0.9};

  private static double[] benign() {
    double[] scores = new double[200];
    Arrays.fill(scores, 190, 198, 0.5);
    Arrays.fill(scores, 198, 200, 0.9);
    return scores;
  }

  @Test
  void picksTheMostSensitiveThresholdWithinTheFalsePositiveBudget() {
    // 0.5 would flag 10 of 200 benign (5 %); 0.8 flags 2 of 200 (1 %), which is within a 1 % budget.
    OperatingPoint point = OperatingPoint.atFalsePositiveRate(ATTACKS, BENIGN, 0.01);

    assertThat(point.threshold()).isEqualTo(0.8);
    assertThat(point.recall()).isCloseTo(0.5, within(1e-12));
    assertThat(point.falsePositiveRate()).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void aLargerBudgetAdmitsALowerThreshold() {
    OperatingPoint point = OperatingPoint.atFalsePositiveRate(ATTACKS, BENIGN, 0.05);

    assertThat(point.threshold()).isEqualTo(0.5);
    assertThat(point.recall()).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void catchesNothingWhenEveryThresholdExceedsTheBudget() {
    OperatingPoint point = OperatingPoint.atFalsePositiveRate(ATTACKS, BENIGN, 0.005);

    assertThat(point.threshold()).isInfinite();
    assertThat(point.recall()).isZero();
    assertThat(point.falsePositiveRate()).isZero();
  }
}
