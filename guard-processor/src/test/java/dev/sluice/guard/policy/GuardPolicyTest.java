package dev.sluice.guard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.GuardAction;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.output.LinkAllowList;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.pii.PiiType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardPolicyTest {

  private final GuardPolicy defaults = GuardPolicy.defaults(new RequestLimits(10, 1000));

  private GuardPolicy with(ThreatLevel flagAt, ThreatLevel blockAt, Map<PiiType, PiiAction> piiActions) {
    return new GuardPolicy(flagAt, blockAt, defaults.limits(), piiActions, Set.of(), 12, LinkAllowList.none());
  }

  @Test
  void blocksFromHighFlagsFromLowAllowsNone() {
    assertThat(defaults.actionFor(ThreatLevel.CRITICAL)).isEqualTo(GuardAction.BLOCK);
    assertThat(defaults.actionFor(ThreatLevel.HIGH)).isEqualTo(GuardAction.BLOCK);
    assertThat(defaults.actionFor(ThreatLevel.MEDIUM)).isEqualTo(GuardAction.FLAG);
    assertThat(defaults.actionFor(ThreatLevel.LOW)).isEqualTo(GuardAction.FLAG);
    assertThat(defaults.actionFor(ThreatLevel.NONE)).isEqualTo(GuardAction.ALLOW);
  }

  @Test
  void theDefaultsMaskEveryPiiTypeAndRunEveryOutputCheck() {
    assertThat(defaults.maskedPii()).isEqualTo(EnumSet.allOf(PiiType.class));
    assertThat(defaults.piiWith(PiiAction.BLOCK)).isEmpty();
    assertThat(defaults.outputChecks()).isEqualTo(EnumSet.allOf(OutputCheck.class));
    assertThat(defaults.systemPromptLeakWords()).isEqualTo(GuardPolicy.DEFAULT_SYSTEM_PROMPT_LEAK_WORDS);
    assertThat(defaults.linkAllowList().hosts()).isEmpty();
  }

  @Test
  void aStricterPolicyBlocksMedium() {
    GuardPolicy strict = with(ThreatLevel.LOW, ThreatLevel.MEDIUM, GuardPolicy.everyPiiType(PiiAction.MASK));

    assertThat(strict.actionFor(ThreatLevel.MEDIUM)).isEqualTo(GuardAction.BLOCK);
  }

  @Test
  void sortsPiiTypesByAction() {
    Map<PiiType, PiiAction> actions = new EnumMap<>(GuardPolicy.everyPiiType(PiiAction.MASK));
    actions.put(PiiType.CARD, PiiAction.BLOCK);
    actions.put(PiiType.PHONE, PiiAction.ALLOW);

    GuardPolicy policy = with(ThreatLevel.LOW, ThreatLevel.HIGH, actions);

    assertThat(policy.piiWith(PiiAction.BLOCK)).containsExactly(PiiType.CARD);
    assertThat(policy.piiWith(PiiAction.ALLOW)).containsExactly(PiiType.PHONE);
    assertThat(policy.maskedPii()).doesNotContain(PiiType.CARD, PiiType.PHONE).contains(PiiType.EMAIL);
  }

  @Test
  void needsAnActionForEveryPiiType() {
    Map<PiiType, PiiAction> incomplete = new EnumMap<>(GuardPolicy.everyPiiType(PiiAction.MASK));
    incomplete.remove(PiiType.PHONE);

    assertThatThrownBy(() -> with(ThreatLevel.LOW, ThreatLevel.HIGH, incomplete))
        .hasMessage("pii-actions has no action for PHONE");
  }

  @Test
  void refusesAFlagThresholdAboveTheBlockThreshold() {
    assertThatThrownBy(() -> with(ThreatLevel.HIGH, ThreatLevel.MEDIUM, GuardPolicy.everyPiiType(PiiAction.MASK)))
        .hasMessage("flag-at (HIGH) must not be above block-at (MEDIUM)");
  }

  @Test
  void refusesAShingleSoShortItMatchesOrdinaryPhrases() {
    assertThatThrownBy(() -> new GuardPolicy(ThreatLevel.LOW, ThreatLevel.HIGH, defaults.limits(),
        defaults.piiActions(), Set.of(), 3, LinkAllowList.none()))
        .hasMessage("system-prompt-leak-words must be at least 4: 3");
  }
}
