package dev.sluice.guard.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SemanticEvalTest {

  @Test
  void theThresholdLeavesAtMostTheBudgetOfBenignScoresAtOrAboveIt() {
    double[] benign = {0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 0.95};

    double threshold = SemanticEval.thresholdAtFalsePositiveRate(benign, 0.2);

    assertThat(OperatingPoint.shareAtOrAbove(benign, threshold)).isEqualTo(0.2);
    assertThat(threshold).isGreaterThan(0.80).isLessThan(0.90);
  }

  @Test
  void withABudgetBelowOneTextNoBenignScoreIsCaught() {
    double[] benign = {0.2, 0.9, 0.5};

    double threshold = SemanticEval.thresholdAtFalsePositiveRate(benign, 0.01);

    assertThat(threshold).isGreaterThan(0.9);
    assertThat(OperatingPoint.shareAtOrAbove(benign, threshold)).isZero();
  }

  @Test
  void tiesAtTheCutAreLeftOutTogether() {
    double[] benign = {0.1, 0.5, 0.5, 0.5};

    double threshold = SemanticEval.thresholdAtFalsePositiveRate(benign, 0.25);

    assertThat(OperatingPoint.shareAtOrAbove(benign, threshold)).isZero();
  }

  @Test
  void idsSplitOnTheirTrailingNumber() {
    assertThat(SemanticEval.idNumber("inj-dev-00042")).isEqualTo(42);
    assertThat(SemanticEval.idNumber("7")).isEqualTo(7);
    assertThatThrownBy(() -> SemanticEval.idNumber("inj-dev-x")).isInstanceOf(IllegalArgumentException.class);
  }
}
