package dev.sluice.guard.inspection;

import dev.sluice.events.Completion;
import java.util.Objects;

/**
 * The output guard's result for one completion.
 *
 * @param completion the completion with personal data masked in its content and error message
 * @param verdict what was found; output findings carry no spans
 */
public record CompletionInspection(Completion completion, Verdict verdict) {

  public CompletionInspection {
    Objects.requireNonNull(completion, "completion");
    Objects.requireNonNull(verdict, "verdict");
  }
}
