package dev.sluice.guard.policy;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Shape limits checked before content inspection, so an oversized request costs a length sum, not a regex scan.
 *
 * @param maxMessages most messages one request may carry
 * @param maxContentChars most characters all messages of one request may carry together
 * @param maxMessageChars most characters one message may carry
 */
public record RequestLimits(int maxMessages, int maxContentChars, int maxMessageChars) {

  public static final String EMPTY_REQUEST = "empty_request";
  public static final String MISSING_TENANT = "missing_tenant";
  public static final String TOO_MANY_MESSAGES = "too_many_messages";
  public static final String MESSAGE_TOO_LARGE = "message_too_large";
  public static final String CONTENT_TOO_LARGE = "content_too_large";
  public static final String CONTROL_CHARACTERS = "control_characters";

  public RequestLimits {
    if (maxMessages < 1) {
      throw new IllegalArgumentException("max-messages must be at least 1: " + maxMessages);
    }
    if (maxContentChars < 1) {
      throw new IllegalArgumentException("max-content-chars must be at least 1: " + maxContentChars);
    }
    if (maxMessageChars < 1) {
      throw new IllegalArgumentException("max-message-chars must be at least 1: " + maxMessageChars);
    }
    if (maxMessageChars > maxContentChars) {
      throw new IllegalArgumentException("max-message-chars (" + maxMessageChars
          + ") must not be above max-content-chars (" + maxContentChars + ")");
    }
  }

  /** Limits without a separate bound on one message: a single message may fill the whole content allowance. */
  public RequestLimits(int maxMessages, int maxContentChars) {
    this(maxMessages, maxContentChars, maxContentChars);
  }

  /** The first limit {@code request} breaks, if any; the size limits first, since they are the cheap ones. */
  public Optional<LimitViolation> check(ChatRequest request) {
    if (request.getTenantId().isBlank()) {
      return violation(MISSING_TENANT, "tenantId must not be blank");
    }
    List<ChatMessage> messages = request.getMessages();
    if (messages.isEmpty()) {
      return violation(EMPTY_REQUEST, "messages must not be empty");
    }
    if (messages.size() > maxMessages) {
      return violation(TOO_MANY_MESSAGES, "too many messages: " + messages.size() + ", at most " + maxMessages);
    }
    long chars = 0;
    for (int i = 0; i < messages.size(); i++) {
      int length = messages.get(i).getContent().length();
      if (length > maxMessageChars) {
        return violation(MESSAGE_TOO_LARGE, "messages[" + i + "].content too large: " + length
            + " characters, at most " + maxMessageChars);
      }
      chars += length;
    }
    if (chars > maxContentChars) {
      return violation(CONTENT_TOO_LARGE,
          "content too large: " + chars + " characters, at most " + maxContentChars);
    }
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      Optional<LimitViolation> control = controlCharacter("messages[" + i + "].content", message.getContent());
      if (control.isEmpty() && message.getName() != null) {
        control = controlCharacter("messages[" + i + "].name", message.getName());
      }
      if (control.isPresent()) {
        return control;
      }
    }
    return Optional.empty();
  }

  /**
   * A control character other than tab, line feed and carriage return: C0, DEL and C1. No chat text needs them;
   * they hide text from people reading logs and confuse terminals and tokenizers.
   */
  private static Optional<LimitViolation> controlCharacter(String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
      if (control) {
        return violation(CONTROL_CHARACTERS, field + " contains the control character "
            + String.format(Locale.ROOT, "U+%04X", (int) c) + " at offset " + i);
      }
    }
    return Optional.empty();
  }

  private static Optional<LimitViolation> violation(String category, String reason) {
    return Optional.of(new LimitViolation(category, reason));
  }
}
