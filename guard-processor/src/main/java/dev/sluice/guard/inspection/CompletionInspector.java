package dev.sluice.guard.inspection;

import dev.sluice.events.Completion;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.GuardAction;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.output.CanaryLeakCheck;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.output.PiiLeakCheck;
import dev.sluice.guard.output.SanitizedContent;
import dev.sluice.guard.output.SystemPromptFingerprint;
import dev.sluice.guard.output.SystemPromptLeakCheck;
import dev.sluice.guard.output.UnsafeContentSanitizer;
import dev.sluice.guard.pii.MaskedTexts;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.pii.PiiType;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.PiiAction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The output guard as plain Java: runs the tenant's output checks on what the model answered before the answer
 * leaves the pipeline.
 *
 * <p>First the checks that withhold the answer: the canary, the system prompt, and the kinds of personal data the
 * policy blocks. Then, on an answer that goes on, the checks that repair it: unsafe content is neutralized, then
 * personal data masked (also in provider error messages, which may quote the prompt and are never withheld, so
 * the kinds the policy blocks are masked there). The action is the stricter
 * of what the checks demand (a leak withholds) and what the policy's thresholds make of the highest finding, so a
 * tenant that blocks from MEDIUM also withholds answers that needed sanitizing.
 */
public final class CompletionInspector {

  private final PiiLeakCheck piiCheck;
  private final CanaryLeakCheck canaryCheck = new CanaryLeakCheck();
  private final SystemPromptLeakCheck systemPromptCheck = new SystemPromptLeakCheck();
  private final UnsafeContentSanitizer sanitizer = new UnsafeContentSanitizer();
  private final GuardPolicies policies;

  public CompletionInspector(PiiMasker masker, GuardPolicies policies) {
    this.piiCheck = new PiiLeakCheck(masker);
    this.policies = Objects.requireNonNull(policies, "policies");
  }

  /**
   * Inspects {@code completion}.
   *
   * @param systemPrompt the fingerprint the input guard took of the request's system prompt; null when there is
   *     none (no system prompt, the check is off, or the entry expired), which skips the system-prompt check
   */
  public CompletionInspection inspect(Completion completion, SystemPromptFingerprint systemPrompt) {
    GuardPolicy policy = policies.forTenant(completion.getTenantId());
    String content = completion.getContent();
    String errorMessage = completion.getError() == null ? null : completion.getError().getMessage();

    List<Finding> leaks = new ArrayList<>();
    if (content != null && policy.runs(OutputCheck.CANARY_LEAK)) {
      canaryCheck.check(content, completion.getCanary()).ifPresent(leaks::add);
    }
    if (content != null && systemPrompt != null && policy.runs(OutputCheck.SYSTEM_PROMPT_LEAK)) {
      systemPromptCheck.check(completion.getRequestId(), content, systemPrompt).ifPresent(leaks::add);
    }
    if (content != null && policy.runs(OutputCheck.PII_LEAK)) {
      leaks.addAll(piiCheck.findBlocked(List.of(content), policy.piiWith(PiiAction.BLOCK)));
    }
    if (!leaks.isEmpty()) {
      return withheld(completion, leaks, GuardAction.BLOCK);
    }

    List<Finding> findings = new ArrayList<>();
    String sanitized = content;
    if (content != null && policy.runs(OutputCheck.UNSAFE_CONTENT)) {
      SanitizedContent safe = sanitizer.sanitize(content, policy.linkAllowList());
      sanitized = safe.text();
      findings.addAll(safe.findings());
    }
    int maskedCount = 0;
    String maskedError = errorMessage;
    if (policy.runs(OutputCheck.PII_LEAK)) {
      // An error message is no answer to withhold: the kinds the policy blocks are masked there. The content holds
      // none of them by now, so one call numbers the placeholders of both texts consistently.
      Set<PiiType> maskedKinds = EnumSet.noneOf(PiiType.class);
      maskedKinds.addAll(policy.maskedPii());
      maskedKinds.addAll(policy.piiWith(PiiAction.BLOCK));
      MaskedTexts masked = piiCheck.mask(texts(sanitized, errorMessage), maskedKinds);
      findings.addAll(masked.findings());
      maskedCount = masked.maskedCount();
      sanitized = sanitized == null ? null : masked.texts().get(0);
      maskedError = errorMessage == null ? null : masked.texts().get(1);
    }

    ThreatLevel level = Verdict.highest(findings);
    GuardAction action = policy.actionFor(level);
    if (action == GuardAction.BLOCK) {
      return withheld(completion, findings, action);
    }
    String reason = action == GuardAction.FLAG ? "Answer flagged by the output guard: " + categories(findings)
        : null;
    Verdict verdict = new Verdict(action, level, findings, maskedCount, reason);
    if (Objects.equals(sanitized, content) && Objects.equals(maskedError, errorMessage)) {
      return new CompletionInspection(completion, verdict);
    }
    Completion.Builder repaired = Completion.newBuilder(completion).setContent(sanitized);
    if (completion.getError() != null) {
      repaired.setError(ErrorInfo.newBuilder(completion.getError()).setMessage(maskedError).build());
    }
    return new CompletionInspection(repaired.build(), verdict);
  }

  private static CompletionInspection withheld(Completion completion, List<Finding> findings, GuardAction action) {
    ThreatLevel level = Verdict.highest(findings);
    Verdict verdict = new Verdict(action, level, findings, 0,
        "Answer withheld by the output guard: " + categories(findings));
    return new CompletionInspection(Completion.newBuilder(completion).setContent(null).build(), verdict);
  }

  private static List<String> texts(String content, String errorMessage) {
    return List.of(content == null ? "" : content, errorMessage == null ? "" : errorMessage);
  }

  /** The distinct categories in finding order, e.g. {@code canary_leak, pii_card}: names only, never text. */
  private static String categories(List<Finding> findings) {
    return String.join(", ", findings.stream().map(Finding::category).distinct().toList());
  }
}
