package dev.sluice.judge.client;

import com.openai.client.OpenAIClientAsync;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.sluice.events.TokenUsage;
import dev.sluice.judge.rubric.RubricPrompt;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the judge model for a rubric through the official OpenAI client, asynchronously. Retries of 429, 5xx and
 * timeouts with backoff are the client's own ({@code maxRetries}); a future that fails has exhausted them.
 */
public class JudgeModelClient {

  private final OpenAIClientAsync openAi;
  private final String judgeModel;
  private final long maxOutputTokens;
  private final int maxAnswerChars;

  public JudgeModelClient(OpenAIClientAsync openAi, String judgeModel, long maxOutputTokens, int maxAnswerChars) {
    this.openAi = openAi;
    this.judgeModel = judgeModel;
    this.maxOutputTokens = maxOutputTokens;
    this.maxAnswerChars = maxAnswerChars;
  }

  public String judgeModel() {
    return judgeModel;
  }

  /** Sends one judge call for {@code answer}; completes when the provider has answered (and billed) it. */
  public CompletableFuture<JudgeReply> judge(String answer) {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model(judgeModel)
        .addSystemMessage(RubricPrompt.SYSTEM)
        .addUserMessage(RubricPrompt.userMessage(answer, maxAnswerChars))
        .responseFormat(ResponseFormatJsonObject.builder().build())
        // scores should depend on the answer, not on sampling noise
        .temperature(0.0)
        .maxCompletionTokens(maxOutputTokens)
        .build();
    return openAi.chat().completions().create(params).thenApply(JudgeModelClient::replyOf);
  }

  private static JudgeReply replyOf(ChatCompletion completion) {
    String content = completion.choices().isEmpty()
        ? ""
        : completion.choices().get(0).message().content().orElse("");
    return completion.usage()
        .map(usage -> new JudgeReply(content, tokensOf(usage), true))
        .orElseGet(() -> new JudgeReply(content, TokenUsage.newBuilder().build(), false));
  }

  private static TokenUsage tokensOf(CompletionUsage usage) {
    return TokenUsage.newBuilder()
        .setInputTokens(usage.promptTokens())
        .setOutputTokens(usage.completionTokens())
        .setCachedInputTokens(usage.promptTokensDetails().flatMap(CompletionUsage.PromptTokensDetails::cachedTokens)
            .orElse(0L))
        .setReasoningTokens(usage.completionTokensDetails()
            .flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens).orElse(0L))
        .build();
  }
}
