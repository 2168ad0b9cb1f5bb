package dev.sluice.worker.limits;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.TokenUsage;

/**
 * Estimates, before a call, the tokens a provider will count against its tokens-per-minute limit: the prompt at one
 * token per {@value #CHARACTERS_PER_TOKEN} characters (UTF-16 units) of every message's content and name, rounded up,
 * plus the output the request allows ({@code maxTokens}) or, when it sets none, a default allowance. Providers count
 * the requested output the same way when admitting a call; the estimate is corrected to the reported usage after it.
 *
 * <p>No tokenizer is used: the four-characters rule is OpenAI's own rule of thumb for English, and what it gets wrong
 * is corrected once the provider reports its count.
 */
public final class TokenEstimator {

  static final int CHARACTERS_PER_TOKEN = 4;

  private final int defaultOutputTokens;

  /** @param defaultOutputTokens the output allowed for a request that sets no {@code maxTokens} */
  public TokenEstimator(int defaultOutputTokens) {
    if (defaultOutputTokens < 0) {
      throw new IllegalArgumentException("the default output allowance must not be negative, was "
          + defaultOutputTokens);
    }
    this.defaultOutputTokens = defaultOutputTokens;
  }

  public long estimate(ChatRequest request) {
    long characters = 0;
    for (ChatMessage message : request.getMessages()) {
      characters += message.getContent().length();
      if (message.getName() != null) {
        characters += message.getName().length();
      }
    }
    long prompt = (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
    Integer maxTokens = request.getParams() == null ? null : request.getParams().getMaxTokens();
    return prompt + (maxTokens != null ? maxTokens : defaultOutputTokens);
  }

  /**
   * The tokens a provider counted for a call, as it reported them: input (cached input included) and output
   * (reasoning included).
   */
  public static long counted(TokenUsage usage) {
    return usage.getInputTokens() + usage.getOutputTokens();
  }
}
