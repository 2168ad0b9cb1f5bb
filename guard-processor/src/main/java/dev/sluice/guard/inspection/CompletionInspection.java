package dev.sluice.guard.inspection;

import dev.sluice.events.Completion;
import dev.sluice.events.GuardAction;
import java.util.Objects;

/**
 * The output guard's result for one completion.
 *
 * @param completion the completion with personal data masked and unsafe content neutralized in its content (and
 *     personal data masked in its error message); without content when the answer is withheld
 * @param verdict what was found and decided; output findings carry no spans
 */
public record CompletionInspection(Completion completion, Verdict verdict) {

  public CompletionInspection {
    Objects.requireNonNull(completion, "completion");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** Whether the answer must not reach the caller: a leak was found, or the policy blocks what was found. */
  public boolean withheld() {
    return verdict.action() == GuardAction.BLOCK;
  }
}
