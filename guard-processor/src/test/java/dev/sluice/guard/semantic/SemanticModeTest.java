package dev.sluice.guard.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ThreatLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemanticModeTest {

  @ParameterizedTest
  @CsvSource({
      "OFF, NONE, HIGH, false",
      "OFF, LOW, HIGH, false",
      "ALWAYS, NONE, HIGH, true",
      "ALWAYS, MEDIUM, HIGH, true",
      "ALWAYS, CRITICAL, HIGH, true",
      "ONLY_WHEN_UNDECIDED, NONE, HIGH, false",
      "ONLY_WHEN_UNDECIDED, LOW, HIGH, true",
      "ONLY_WHEN_UNDECIDED, MEDIUM, HIGH, true",
      "ONLY_WHEN_UNDECIDED, HIGH, HIGH, false",
      "ONLY_WHEN_UNDECIDED, CRITICAL, HIGH, false",
      // a tenant that blocks from MEDIUM has a narrower band
      "ONLY_WHEN_UNDECIDED, LOW, MEDIUM, true",
      "ONLY_WHEN_UNDECIDED, MEDIUM, MEDIUM, false",
      // one that blocks only CRITICAL a wider one
      "ONLY_WHEN_UNDECIDED, HIGH, CRITICAL, true"})
  void runsOnlyWhereTheRulesFoundAThreatBelowTheBlockLevel(SemanticMode mode, ThreatLevel rulesLevel,
      ThreatLevel blockAt, boolean runs) {
    assertThat(mode.runsAfter(rulesLevel, blockAt)).isEqualTo(runs);
  }
}
