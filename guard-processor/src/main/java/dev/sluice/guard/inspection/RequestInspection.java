package dev.sluice.guard.inspection;

import dev.sluice.events.ChatRequest;
import dev.sluice.guard.output.SystemPromptFingerprint;
import dev.sluice.guard.pii.PlaceholderMap;
import java.util.Objects;

/**
 * The input guard's result for one request.
 *
 * @param request the request to pass on, with personal data masked, when the verdict lets it through; the request
 *     as received otherwise
 * @param verdict the decision; finding spans index the request's scan text (see {@link RequestInspector})
 * @param systemPrompt what the output guard needs to recognize the system prompt in the answer; null when the
 *     request is not passed on, has no system prompt long enough, or the tenant does not run that check
 * @param placeholders the original behind each placeholder masking put into the passed-on request; empty when
 *     nothing was masked or the request is not passed on. Personal data: never logged
 */
public record RequestInspection(ChatRequest request, Verdict verdict, SystemPromptFingerprint systemPrompt,
    PlaceholderMap placeholders) {

  public RequestInspection {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(placeholders, "placeholders");
  }

  /** A result that masked nothing. */
  public RequestInspection(ChatRequest request, Verdict verdict, SystemPromptFingerprint systemPrompt) {
    this(request, verdict, systemPrompt, PlaceholderMap.empty());
  }

  /** A result with no system prompt to remember. */
  public RequestInspection(ChatRequest request, Verdict verdict) {
    this(request, verdict, null);
  }
}
