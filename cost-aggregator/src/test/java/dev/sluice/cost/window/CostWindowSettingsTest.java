package dev.sluice.cost.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CostWindowSettingsTest {

  @Test
  void acceptsARetentionOfExactlyOneWindowPlusGrace() {
    CostWindowSettings settings = new CostWindowSettings(Duration.ofSeconds(10), Duration.ofSeconds(70));

    assertThat(settings.dedupeRetention()).isEqualTo(Duration.ofSeconds(70));
  }

  @Test
  void rejectsARetentionShorterThanOneWindowPlusGrace() {
    assertThatThrownBy(() -> new CostWindowSettings(Duration.ofSeconds(10), Duration.ofSeconds(69)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sluice.cost.dedupe-retention")
        .hasMessageContaining("PT1M10S");
  }

  @Test
  void rejectsANegativeGrace() {
    assertThatThrownBy(() -> new CostWindowSettings(Duration.ofSeconds(-1), Duration.ofMinutes(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sluice.cost.grace");
  }
}
