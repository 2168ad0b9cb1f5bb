package dev.sluice.guard.inspection;

import dev.sluice.events.ChatRequest;
import java.util.Objects;

/**
 * The input guard's result for one request.
 *
 * @param request the request to pass on, with personal data masked, when the verdict lets it through; the request
 *     as received otherwise
 * @param verdict the decision; finding spans index the request's scan text (see {@link RequestInspector})
 */
public record RequestInspection(ChatRequest request, Verdict verdict) {

  public RequestInspection {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(verdict, "verdict");
  }
}
