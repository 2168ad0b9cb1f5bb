package dev.sluice.guard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.GuardAction;
import dev.sluice.events.ThreatLevel;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardPolicyTest {

  private final GuardPolicy defaults = GuardPolicy.defaults(new RequestLimits(10, 1000));

  @Test
  void blocksFromHighFlagsFromLowAllowsNone() {
    assertThat(defaults.actionFor(ThreatLevel.CRITICAL)).isEqualTo(GuardAction.BLOCK);
    assertThat(defaults.actionFor(ThreatLevel.HIGH)).isEqualTo(GuardAction.BLOCK);
    assertThat(defaults.actionFor(ThreatLevel.MEDIUM)).isEqualTo(GuardAction.FLAG);
    assertThat(defaults.actionFor(ThreatLevel.LOW)).isEqualTo(GuardAction.FLAG);
    assertThat(defaults.actionFor(ThreatLevel.NONE)).isEqualTo(GuardAction.ALLOW);
  }

  @Test
  void aStricterPolicyBlocksMedium() {
    GuardPolicy strict = new GuardPolicy(ThreatLevel.LOW, ThreatLevel.MEDIUM, defaults.limits(), Set.of());

    assertThat(strict.actionFor(ThreatLevel.MEDIUM)).isEqualTo(GuardAction.BLOCK);
  }

  @Test
  void refusesAFlagThresholdAboveTheBlockThreshold() {
    assertThatThrownBy(() -> new GuardPolicy(ThreatLevel.HIGH, ThreatLevel.MEDIUM, defaults.limits(), Set.of()))
        .hasMessageContaining("flagAt (HIGH) must not be above blockAt (MEDIUM)");
  }
}
