package dev.sluice.guard.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionCountsTest {

  @Test
  void computesPrecisionRecallAndF1FromCounts() {
    ConfusionCounts counts = new ConfusionCounts(6, 2, 3, 9);

    assertThat(counts.precision()).isCloseTo(0.75, within(1e-12));
    assertThat(counts.recall()).isCloseTo(6.0 / 9, within(1e-12));
    assertThat(counts.f1()).isCloseTo(2 * 0.75 * (6.0 / 9) / (0.75 + 6.0 / 9), within(1e-12));
    assertThat(counts.falsePositiveRate()).isCloseTo(2.0 / 11, within(1e-12));
  }

  @Test
  void tallysEachOutcomeIntoItsCell() {
    ConfusionCounts counts = ConfusionCounts.EMPTY
        .plus(true, true).plus(true, false).plus(true, false)
        .plus(false, true).plus(false, false).plus(false, false).plus(false, false);

    assertThat(counts).isEqualTo(new ConfusionCounts(1, 1, 2, 3));
  }

  @Test
  void ratiosWithoutADenominatorAreUndefinedNotZero() {
    ConfusionCounts nothingPredicted = new ConfusionCounts(0, 0, 4, 5);

    assertThat(nothingPredicted.precision()).isNaN();
    assertThat(nothingPredicted.recall()).isZero();
    assertThat(nothingPredicted.f1()).isNaN();
    assertThat(new ConfusionCounts(0, 1, 3, 0).f1()).isZero();
  }
}
