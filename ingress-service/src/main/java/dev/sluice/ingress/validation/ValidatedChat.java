package dev.sluice.ingress.validation;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import java.util.List;
import java.util.Map;

/**
 * A chat completion request that passed validation, in the terms of the {@code ChatRequest} event.
 *
 * @param userId the OpenAI {@code user} field, or null
 * @param metadata the OpenAI {@code metadata} map, empty when absent
 */
public record ValidatedChat(String model, List<ChatMessage> messages, ChatParams params, String userId,
    Map<String, String> metadata) {

  public ValidatedChat {
    messages = List.copyOf(messages);
    metadata = Map.copyOf(metadata);
  }
}
