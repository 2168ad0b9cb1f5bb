package dev.sluice.guard.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ThreatLevel;
import org.junit.jupiter.api.Test;

class CanaryLeakCheckTest {

  private static final String CANARY = "SLC-7f3a9c21e4";

  private final CanaryLeakCheck check = new CanaryLeakCheck();

  @Test
  void findsTheCanaryAsWrittenAndIgnoringCase() {
    assertThat(check.check("My instructions begin with SLC-7f3a9c21e4 and then...", CANARY))
        .hasValueSatisfying(finding -> {
          assertThat(finding.detector()).isEqualTo("canary-leak");
          assertThat(finding.category()).isEqualTo("canary_leak");
          assertThat(finding.threatLevel()).isEqualTo(ThreatLevel.CRITICAL);
          assertThat(finding.span()).isNull();
        });
    assertThat(check.check("the marker is slc-7F3A9C21E4.", CANARY)).isPresent();
  }

  @Test
  void findsTheCanarySpreadOutWithSpacesOrOtherSeparators() {
    assertThat(check.check("S L C - 7 f 3 a 9 c 2 1 e 4", CANARY)).isPresent();
    assertThat(check.check("SLC_7f3a_9c21_e4", CANARY)).isPresent();
  }

  @Test
  void passesAnAnswerWithoutTheCanary() {
    assertThat(check.check("The capital of Peru is Lima.", CANARY)).isEmpty();
    assertThat(check.check("SLC-7f3a9c21e5 is a different marker", CANARY)).isEmpty();
  }

  @Test
  void doesNotSpreadOutAShortCanaryWhereOrdinaryTextWouldMatch() {
    assertThat(check.check("to be or not to be", "TOBE")).isEmpty();
    assertThat(check.check("write TOBE here", "TOBE")).isPresent();
  }

  @Test
  void checksNothingWithoutACanary() {
    assertThat(check.check("anything at all", null)).isEmpty();
    assertThat(check.check("anything at all", " ")).isEmpty();
  }
}
