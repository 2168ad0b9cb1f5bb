package dev.sluice.worker.provider;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.TokenUsage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** A provider with the OpenAI chat completions API (OpenAI, the Sluice simulator, vLLM, …), called with openai-java. */
public final class OpenAiChatProvider implements ChatProvider, AutoCloseable {

  private final String name;
  private final OkHttpClient http;
  private final OpenAIClientAsync client;
  private final Duration connectTimeout;

  private OpenAiChatProvider(String name, OkHttpClient http, OpenAIClientAsync client, Duration connectTimeout) {
    this.name = name;
    this.http = http;
    this.client = client;
    this.connectTimeout = connectTimeout;
  }

  /**
   * Opens a client for up to {@code maxConcurrentCalls} calls at once.
   *
   * @param name the provider's name in the price table
   */
  public static OpenAiChatProvider connect(String name, String baseUrl, String apiKey, int maxConcurrentCalls,
      Duration connectTimeout) {
    // OkHttp queues async calls beyond 5 per host by default, which would hide a backlog behind the in-flight bound
    // and let queued calls eat their own timeouts; the worker bounds calls itself, so the dispatcher must not.
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(maxConcurrentCalls);
    dispatcher.setMaxRequestsPerHost(maxConcurrentCalls);
    OkHttpClient http = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(maxConcurrentCalls, 5, TimeUnit.MINUTES))
        .build();
    OpenAIClientAsync client = OpenAIOkHttpClientAsync.builder()
        .okHttpClient(http)
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        // Every attempt is a call the provider may bill; the worker owns attempts so each one is counted.
        .maxRetries(0)
        .build();
    return new OpenAiChatProvider(name, http, client, connectTimeout);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<CallResult> complete(ChatRequest request, String model, Duration timeout) {
    ChatCompletionCreateParams params;
    try {
      params = OpenAiRequests.toParams(request, model);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new CallResult.Failed("invalid_request", e.getMessage(), false, false));
    }
    RequestOptions options = RequestOptions.builder()
        .timeout(Timeout.builder()
            .request(timeout)
            .read(timeout)
            .write(timeout)
            .connect(connectTimeout.compareTo(timeout) < 0 ? connectTimeout : timeout)
            .build())
        .build();
    CompletableFuture<ChatCompletion> call;
    try {
      call = client.chat().completions().create(params, options);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(OpenAiFailures.classify(name, e));
    }
    return call.handle((completion, error) -> error != null
        ? OpenAiFailures.classify(name, error)
        : readAnswer(completion));
  }

  private CallResult readAnswer(ChatCompletion completion) {
    try {
      if (completion.choices().isEmpty()) {
        // The provider bills such an answer all the same; the usage goes with the failure so the call is charged.
        return new CallResult.Failed("invalid_provider_response", name + " answered without any choice", true, false,
            Optional.empty(), completion.usage().map(usage -> new CallResult.Billed(completion.model(),
                tokenUsage(usage))));
      }
      if (completion.usage().isEmpty()) {
        // Without usage the call cannot be priced; refusing it is better than billing it as free.
        return new CallResult.Failed("invalid_provider_response",
            name + " answered without reporting token usage, so the call cannot be priced", false, false);
      }
      ChatCompletion.Choice choice = completion.choices().get(0);
      String content = choice.message().content().or(() -> choice.message().refusal()).orElse("");
      return new CallResult.Answered(content, choice.finishReason().asString(), completion.model(),
          tokenUsage(completion.usage().get()));
    } catch (RuntimeException e) {
      return OpenAiFailures.classify(name, e);
    }
  }

  static TokenUsage tokenUsage(CompletionUsage usage) {
    long cached = usage.promptTokensDetails().flatMap(CompletionUsage.PromptTokensDetails::cachedTokens).orElse(0L);
    long reasoning = usage.completionTokensDetails()
        .flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens).orElse(0L);
    return TokenUsage.newBuilder()
        .setInputTokens(usage.promptTokens())
        .setOutputTokens(usage.completionTokens())
        .setCachedInputTokens(cached)
        .setReasoningTokens(reasoning)
        .build();
  }

  /** Closes the client, then the HTTP resources this provider owns (the SDK leaves a caller's OkHttp client open). */
  @Override
  public void close() {
    client.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
