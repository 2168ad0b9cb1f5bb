package dev.sluice.worker.provider;

import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;

/** Maps a Sluice {@link ChatRequest} onto the OpenAI chat completions request. */
final class OpenAiRequests {

  private OpenAiRequests() {
  }

  /**
   * The request body for one call to {@code model}.
   *
   * @throws IllegalArgumentException when the request cannot be expressed to the provider (a tool message needs
   *     the id of the tool call it answers, which a ChatRequest does not carry)
   */
  static ChatCompletionCreateParams toParams(ChatRequest request, String model) {
    ChatCompletionCreateParams.Builder body = ChatCompletionCreateParams.builder().model(model);
    if (request.getMessages().isEmpty()) {
      throw new IllegalArgumentException("the request has no messages");
    }
    for (ChatMessage message : request.getMessages()) {
      addMessage(body, message);
    }
    applyParams(body, request.getParams());
    return body.build();
  }

  private static void addMessage(ChatCompletionCreateParams.Builder body, ChatMessage message) {
    String content = message.getContent();
    String name = message.getName();
    switch (message.getRole()) {
      case SYSTEM -> {
        ChatCompletionSystemMessageParam.Builder system = ChatCompletionSystemMessageParam.builder().content(content);
        if (name != null) {
          system.name(name);
        }
        body.addMessage(system.build());
      }
      case USER -> {
        ChatCompletionUserMessageParam.Builder user = ChatCompletionUserMessageParam.builder().content(content);
        if (name != null) {
          user.name(name);
        }
        body.addMessage(user.build());
      }
      case ASSISTANT -> {
        ChatCompletionAssistantMessageParam.Builder assistant =
            ChatCompletionAssistantMessageParam.builder().content(content);
        if (name != null) {
          assistant.name(name);
        }
        body.addMessage(assistant.build());
      }
      case TOOL -> throw new IllegalArgumentException(
          "tool messages are not supported: the provider needs the id of the tool call they answer");
    }
  }

  private static void applyParams(ChatCompletionCreateParams.Builder body, ChatParams params) {
    if (params == null) {
      return;
    }
    if (params.getTemperature() != null) {
      body.temperature(params.getTemperature());
    }
    if (params.getMaxTokens() != null) {
      body.maxCompletionTokens(params.getMaxTokens().longValue());
    }
    if (params.getTopP() != null) {
      body.topP(params.getTopP());
    }
    if (params.getStop() != null && !params.getStop().isEmpty()) {
      body.stopOfStrings(params.getStop());
    }
    String format = params.getResponseFormat();
    if (format != null && !format.equals("text")) {
      if (!format.equals("json_object")) {
        throw new IllegalArgumentException("unsupported response format '" + format + "' (text or json_object)");
      }
      body.responseFormat(ResponseFormatJsonObject.builder().build());
    }
  }
}
