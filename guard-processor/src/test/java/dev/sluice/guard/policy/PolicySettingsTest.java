package dev.sluice.guard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.pii.PiiType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {

  private final GuardPolicy base = GuardPolicy.defaults(new RequestLimits(100, 100_000, 50_000));

  private static PolicySettings settings(ThreatLevel flagAt, ThreatLevel blockAt, Map<PiiType, PiiAction> pii,
      Set<OutputCheck> checks, Set<String> hosts) {
    return new PolicySettings(flagAt, blockAt, null, null, null, pii, checks, null, hosts);
  }

  @Test
  void anEmptyLayerChangesNothing() {
    assertThat(PolicySettings.none().applyTo(base)).isEqualTo(base);
  }

  @Test
  void aSetSettingReplacesTheOneBelowAndTheRestIsKept() {
    GuardPolicy policy = new PolicySettings(null, ThreatLevel.MEDIUM, 10, null, 2_000, null,
        EnumSet.of(OutputCheck.PII_LEAK), 20, Set.of("docs.acme.com")).applyTo(base);

    assertThat(policy.flagAt()).isEqualTo(ThreatLevel.LOW);
    assertThat(policy.blockAt()).isEqualTo(ThreatLevel.MEDIUM);
    assertThat(policy.limits()).isEqualTo(new RequestLimits(10, 100_000, 2_000));
    assertThat(policy.outputChecks()).containsExactly(OutputCheck.PII_LEAK);
    assertThat(policy.systemPromptLeakWords()).isEqualTo(20);
    assertThat(policy.linkAllowList().hosts()).containsExactly("docs.acme.com");
    assertThat(policy.piiActions()).isEqualTo(base.piiActions());
  }

  @Test
  void piiActionsMergeTypeByTypeAcrossLayers() {
    GuardPolicy defaults = settings(null, null, Map.of(PiiType.PHONE, PiiAction.ALLOW), null, null).applyTo(base);
    GuardPolicy tenant = settings(null, null, Map.of(PiiType.CARD, PiiAction.BLOCK), null, null).applyTo(defaults);

    assertThat(tenant.piiActions()).containsEntry(PiiType.CARD, PiiAction.BLOCK)
        .containsEntry(PiiType.PHONE, PiiAction.ALLOW)
        .containsEntry(PiiType.EMAIL, PiiAction.MASK)
        .hasSize(PiiType.values().length);
  }

  @Test
  void anEmptySetTurnsEveryOutputCheckOff() {
    assertThat(settings(null, null, null, Set.of(), null).applyTo(base).outputChecks()).isEmpty();
  }

  @Test
  void thresholdsAreValidatedTogetherWhateverLayerSetThem() {
    // flag-at CRITICAL alone would be above the base's block-at HIGH; with block-at CRITICAL it is valid.
    GuardPolicy policy = settings(ThreatLevel.CRITICAL, ThreatLevel.CRITICAL, null, null, null).applyTo(base);
    assertThat(policy.flagAt()).isEqualTo(ThreatLevel.CRITICAL);

    assertThatThrownBy(() -> settings(null, ThreatLevel.LOW, null, null, null)
        .applyTo(settings(ThreatLevel.MEDIUM, null, null, null, null).applyTo(base)))
        .hasMessage("flag-at (MEDIUM) must not be above block-at (LOW)");
  }

  @Test
  void namesTheSettingThatIsOutOfRange() {
    assertThatThrownBy(() -> new PolicySettings(null, null, null, 1_000, null, null, null, null, null)
        .applyTo(base))
        .hasMessage("max-message-chars (50000) must not be above max-content-chars (1000)");
    assertThatThrownBy(() -> new PolicySettings(null, null, 0, null, null, null, null, null, null).applyTo(base))
        .hasMessage("max-messages must be at least 1: 0");
    assertThatThrownBy(() -> settings(null, null, null, null, Set.of("https://acme.com")).applyTo(base))
        .hasMessageContaining("bare host name");
  }

  @Test
  void thePiiModeIsMaskUnlessALayerMakesItReversible() {
    PolicySettings reversible = new PolicySettings(null, null, null, null, null, null, null, null, null,
        PiiMode.REVERSIBLE);

    assertThat(base.piiMode()).isEqualTo(PiiMode.MASK);
    assertThat(base.restoresPii()).isFalse();
    GuardPolicy defaults = reversible.applyTo(base);
    assertThat(defaults.restoresPii()).isTrue();
    // A tenant layer that does not set the mode keeps the default's; one that sets MASK turns it off.
    assertThat(settings(ThreatLevel.MEDIUM, null, null, null, null).applyTo(defaults).piiMode())
        .isEqualTo(PiiMode.REVERSIBLE);
    assertThat(new PolicySettings(null, null, null, null, null, null, null, null, null, PiiMode.MASK)
        .applyTo(defaults).restoresPii()).isFalse();
  }
}
