package dev.sluice.guard.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.GuardAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemanticModeTest {

  @ParameterizedTest
  @CsvSource({
      "ALWAYS, ALLOW, true",
      "ALWAYS, FLAG, true",
      "ALWAYS, BLOCK, true",
      "ONLY_WHEN_UNDECIDED, ALLOW, true",
      "ONLY_WHEN_UNDECIDED, FLAG, true",
      "ONLY_WHEN_UNDECIDED, BLOCK, false",
      "ONLY_WHEN_UNDECIDED, REJECT, false"})
  void runsWhereItCanStillChangeTheOutcome(SemanticMode mode, GuardAction rulesAction, boolean runs) {
    assertThat(mode.runsAfter(rulesAction)).isEqualTo(runs);
  }
}
