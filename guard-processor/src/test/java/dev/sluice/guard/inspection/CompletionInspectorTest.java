package dev.sluice.guard.inspection;

import static dev.sluice.guard.support.TestEvents.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.Completion;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.GuardAction;
import dev.sluice.events.ResponseStatus;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.RequestLimits;
import org.junit.jupiter.api.Test;

class CompletionInspectorTest {

  private final CompletionInspector inspector = new CompletionInspector(new PiiMasker(),
      GuardPolicies.uniform(GuardPolicy.defaults(new RequestLimits(5, 2_000))));

  @Test
  void masksPersonalDataInTheAnswer() {
    CompletionInspection inspection = inspector.inspect(
        completion("r1", "Sure, write to help@shop.example and quote card 4111 1111 1111 1111."));

    assertThat(inspection.completion().getContent())
        .isEqualTo("Sure, write to [EMAIL_1] and quote card [CARD_1].");
    assertThat(inspection.verdict().action()).isEqualTo(GuardAction.ALLOW);
    assertThat(inspection.verdict().findings()).extracting(Finding::category)
        .containsExactly("pii_email", "pii_card");
  }

  @Test
  void masksProviderErrorMessagesThatQuoteThePrompt() {
    Completion failed = Completion.newBuilder(completion("r1", null))
        .setStatus(ResponseStatus.FAILED)
        .setError(new ErrorInfo("provider_error", "invalid input near 'mail jane@example.com'"))
        .build();

    CompletionInspection inspection = inspector.inspect(failed);

    assertThat(inspection.completion().getContent()).isNull();
    assertThat(inspection.completion().getError().getMessage()).isEqualTo("invalid input near 'mail [EMAIL_1]'");
    assertThat(inspection.completion().getError().getCode()).isEqualTo("provider_error");
  }

  @Test
  void returnsACleanCompletionAsIs() {
    Completion clean = completion("r1", "The capital of Peru is Lima.");

    assertThat(inspector.inspect(clean).completion()).isSameAs(clean);
  }
}
