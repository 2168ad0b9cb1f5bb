package dev.sluice.guard.inspection;

import dev.sluice.events.Completion;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.GuardAction;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.pii.MaskedTexts;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.policy.GuardPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The output guard as plain Java: masks personal data in what the model answered (and in provider error messages,
 * which may quote the prompt) before the answer leaves the pipeline.
 */
public final class CompletionInspector {

  private final PiiMasker masker;
  private final GuardPolicies policies;

  public CompletionInspector(PiiMasker masker, GuardPolicies policies) {
    this.masker = Objects.requireNonNull(masker, "masker");
    this.policies = Objects.requireNonNull(policies, "policies");
  }

  public CompletionInspection inspect(Completion completion) {
    List<String> texts = new ArrayList<>(2);
    texts.add(completion.getContent() == null ? "" : completion.getContent());
    texts.add(completion.getError() == null ? "" : completion.getError().getMessage());
    MaskedTexts masked = masker.mask(texts, policies.forTenant(completion.getTenantId()).maskedPii());
    Verdict verdict = new Verdict(GuardAction.ALLOW, ThreatLevel.NONE, masked.findings(), masked.maskedCount(),
        null);
    if (masked.maskedCount() == 0) {
      return new CompletionInspection(completion, verdict);
    }
    Completion.Builder builder = Completion.newBuilder(completion);
    if (completion.getContent() != null) {
      builder.setContent(masked.texts().get(0));
    }
    if (completion.getError() != null) {
      builder.setError(ErrorInfo.newBuilder(completion.getError()).setMessage(masked.texts().get(1)).build());
    }
    return new CompletionInspection(builder.build(), verdict);
  }
}
