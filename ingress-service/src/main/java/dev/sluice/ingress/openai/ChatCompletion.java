package dev.sluice.ingress.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's {@code chat.completion} object, the 200 answer of {@code POST /v1/chat/completions}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChatCompletion(
    String id,
    String object,
    long created,
    String model,
    List<Choice> choices,
    Usage usage,
    @JsonProperty("system_fingerprint") String systemFingerprint) {

  public static final String OBJECT = "chat.completion";

  /** One generated answer; Sluice always returns exactly one. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Choice(int index, AssistantMessage message, Object logprobs,
      @JsonProperty("finish_reason") String finishReason) {
  }

  /** The assistant's message. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record AssistantMessage(String role, String content, String refusal) {
  }

  /** Token counts, with the details OpenAI reports for cached input and reasoning. */
  public record Usage(
      @JsonProperty("prompt_tokens") long promptTokens,
      @JsonProperty("completion_tokens") long completionTokens,
      @JsonProperty("total_tokens") long totalTokens,
      @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails,
      @JsonProperty("completion_tokens_details") CompletionTokensDetails completionTokensDetails) {
  }

  /** How many prompt tokens the provider served from its prompt cache. */
  public record PromptTokensDetails(@JsonProperty("cached_tokens") long cachedTokens) {
  }

  /** How many completion tokens went to reasoning. */
  public record CompletionTokensDetails(@JsonProperty("reasoning_tokens") long reasoningTokens) {
  }
}
