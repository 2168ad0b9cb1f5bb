package dev.sluice.guard.policy;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatRequest;
import java.util.Optional;

/**
 * Shape limits checked before content inspection, so an oversized request costs a length sum, not a regex scan.
 *
 * @param maxMessages most messages one request may carry
 * @param maxContentChars most characters all messages of one request may carry together
 */
public record RequestLimits(int maxMessages, int maxContentChars) {

  public static final String EMPTY_REQUEST = "empty_request";
  public static final String MISSING_TENANT = "missing_tenant";
  public static final String TOO_MANY_MESSAGES = "too_many_messages";
  public static final String CONTENT_TOO_LARGE = "content_too_large";

  public RequestLimits {
    if (maxMessages < 1) {
      throw new IllegalArgumentException("maxMessages must be at least 1: " + maxMessages);
    }
    if (maxContentChars < 1) {
      throw new IllegalArgumentException("maxContentChars must be at least 1: " + maxContentChars);
    }
  }

  /** The first limit {@code request} breaks, if any. */
  public Optional<LimitViolation> check(ChatRequest request) {
    if (request.getTenantId().isBlank()) {
      return violation(MISSING_TENANT, "tenantId must not be blank");
    }
    int messages = request.getMessages().size();
    if (messages == 0) {
      return violation(EMPTY_REQUEST, "messages must not be empty");
    }
    if (messages > maxMessages) {
      return violation(TOO_MANY_MESSAGES, "too many messages: " + messages + ", at most " + maxMessages);
    }
    long chars = 0;
    for (ChatMessage message : request.getMessages()) {
      chars += message.getContent().length();
    }
    if (chars > maxContentChars) {
      return violation(CONTENT_TOO_LARGE,
          "content too large: " + chars + " characters, at most " + maxContentChars);
    }
    return Optional.empty();
  }

  private static Optional<LimitViolation> violation(String category, String reason) {
    return Optional.of(new LimitViolation(category, reason));
  }
}
