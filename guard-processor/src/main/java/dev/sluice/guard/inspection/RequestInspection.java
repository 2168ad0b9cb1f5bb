package dev.sluice.guard.inspection;

import dev.sluice.events.ChatRequest;
import dev.sluice.guard.output.SystemPromptFingerprint;
import dev.sluice.guard.pii.PlaceholderMap;
import java.time.Duration;
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
 * @param semanticTime how long the semantic tier took on this request; null when it did not run
 */
public record RequestInspection(ChatRequest request, Verdict verdict, SystemPromptFingerprint systemPrompt,
    PlaceholderMap placeholders, Duration semanticTime) {

  public RequestInspection {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(placeholders, "placeholders");
  }

  /** A result that masked nothing, from the rules alone. */
  public RequestInspection(ChatRequest request, Verdict verdict, SystemPromptFingerprint systemPrompt) {
    this(request, verdict, systemPrompt, PlaceholderMap.empty(), null);
  }

  /** A result with no system prompt to remember, from the rules alone. */
  public RequestInspection(ChatRequest request, Verdict verdict) {
    this(request, verdict, null, PlaceholderMap.empty(), null);
  }

  /** Whether the semantic tier ran on this request. */
  public boolean semanticTierRan() {
    return semanticTime != null;
  }
}
