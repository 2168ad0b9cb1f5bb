package dev.sluice.guard.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemanticSettingsTest {

  @Test
  void theDefaultsAreOffWithTheMeasuredThresholds() {
    SemanticSettings defaults = SemanticSettings.defaults();

    assertThat(defaults.mode()).isEqualTo(SemanticMode.OFF);
    assertThat(defaults.flagScore()).isEqualTo(0.504);
    assertThat(defaults.blockScore()).isEqualTo(0.587);
    assertThat(defaults.withMode(SemanticMode.ALWAYS))
        .isEqualTo(new SemanticSettings(SemanticMode.ALWAYS, 0.504, 0.587, 0.3, 1_200, 4, 12));
  }

  /** The bounds keep one inspection to at most 16 + 64 model runs on at most 2,000 characters each. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.6 | 0.5 | 0.3 | 1200 | 4 | 12 | need 0 < flag-score <= block-score <= 1, got flag-score 0.6 and block-score 0.5",
      "0 | 0.5 | 0.3 | 1200 | 4 | 12 | need 0 < flag-score <= block-score <= 1, got flag-score 0.0 and block-score 0.5",
      "0.5 | 1.1 | 0.3 | 1200 | 4 | 12 | need 0 < flag-score <= block-score <= 1, got flag-score 0.5 and block-score 1.1",
      "0.5 | 0.6 | -0.1 | 1200 | 4 | 12 | short-text-discount must be within [0, 1]: -0.1",
      "0.5 | 0.6 | 0.3 | 63 | 4 | 12 | window-chars must be within [64, 2000]: 63",
      "0.5 | 0.6 | 0.3 | 2001 | 4 | 12 | window-chars must be within [64, 2000]: 2001",
      "0.5 | 0.6 | 0.3 | 1200 | 0 | 12 | max-windows must be within [1, 16]: 0",
      "0.5 | 0.6 | 0.3 | 1200 | 17 | 12 | max-windows must be within [1, 16]: 17",
      "0.5 | 0.6 | 0.3 | 1200 | 4 | -1 | max-sentences must be within [0, 64]: -1",
      "0.5 | 0.6 | 0.3 | 1200 | 4 | 65 | max-sentences must be within [0, 64]: 65"})
  void rejectsASettingOutOfBoundsNamingIt(double flag, double block, double discount, int windowChars,
      int maxWindows, int maxSentences, String message) {
    assertThatThrownBy(() -> new SemanticSettings(SemanticMode.ALWAYS, flag, block, discount, windowChars,
        maxWindows, maxSentences)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
