package dev.sluice.ingress.api;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.TokenUsage;
import dev.sluice.ingress.openai.ApiError;
import dev.sluice.ingress.openai.ChatCompletion;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Turns the pipeline's terminal {@link ChatResponse} into the HTTP answer an OpenAI client expects. */
public final class ChatResponseHttpMapper {

  public static final String MODEL_HEADER = "x-sluice-model";
  public static final String CACHE_HEADER = "x-sluice-cache";
  public static final String COST_HEADER = "x-sluice-cost-nanos";
  public static final String ATTEMPTS_HEADER = "x-sluice-attempts";
  /** Read by the OpenAI SDKs: a client must not retry a request its tenant's budget refuses. */
  public static final String SHOULD_RETRY_HEADER = "x-should-retry";
  /** OpenAI's finish reason, and error code, for content its filter stopped. */
  public static final String CONTENT_FILTER = "content_filter";

  /**
   * The HTTP answer for {@code response}.
   *
   * <p>BLOCKED means two things, told apart by the finish reason, as OpenAI does: a request the input guard refused
   * is a 400 {@code content_filter} error (the prompt was filtered); an answer the output guard withheld arrives
   * with finish reason {@code content_filter} and is a 200 completion with that finish reason and no content (the
   * model answered, and the call is billed, but the answer was filtered).
   *
   * @param requestedModel the model the client asked for, reported when the response names none
   */
  public ResponseEntity<?> toHttp(ChatResponse response, String requestedModel) {
    HttpHeaders headers = sluiceHeaders(response);
    return switch (response.getStatus()) {
      case OK -> ResponseEntity.ok()
          .headers(headers)
          .contentType(MediaType.APPLICATION_JSON)
          .body(completion(response, requestedModel));
      case BLOCKED -> CONTENT_FILTER.equals(response.getFinishReason())
          ? ResponseEntity.ok()
              .headers(headers)
              .contentType(MediaType.APPLICATION_JSON)
              .body(completion(response, requestedModel))
          : error(HttpStatus.BAD_REQUEST, ApiError.INVALID_REQUEST, CONTENT_FILTER,
              message(response, "The request was blocked by the content filter.")).toResponse(headers);
      case REJECTED -> error(HttpStatus.BAD_REQUEST, ApiError.INVALID_REQUEST, code(response, null),
          message(response, "The request was rejected.")).toResponse(headers);
      case BUDGET_EXCEEDED -> error(HttpStatus.TOO_MANY_REQUESTS, ApiError.INSUFFICIENT_QUOTA, "budget_exceeded",
          message(response, "The tenant's budget is exhausted."))
          .withHeader(SHOULD_RETRY_HEADER, "false")
          .toResponse(headers);
      case TIMEOUT -> error(HttpStatus.GATEWAY_TIMEOUT, ApiError.SERVER_ERROR, "timeout",
          message(response, "The request passed its deadline before it was answered.")).toResponse(headers);
      // 502, not 500: ingress did its part; what failed is behind it (a pipeline stage or the model provider),
      // which is what Bad Gateway tells clients and load balancers.
      case FAILED -> error(HttpStatus.BAD_GATEWAY, ApiError.SERVER_ERROR, code(response, "upstream_error"),
          message(response, "The request failed upstream.")).toResponse(headers);
    };
  }

  private static ChatCompletion completion(ChatResponse response, String requestedModel) {
    TokenUsage usage = response.getUsage() != null ? response.getUsage() : new TokenUsage(0L, 0L, 0L, 0L);
    return new ChatCompletion(
        "chatcmpl-" + response.getRequestId(),
        ChatCompletion.OBJECT,
        response.getRespondedAt().getEpochSecond(),
        response.getModel() != null ? response.getModel() : requestedModel,
        List.of(new ChatCompletion.Choice(0,
            new ChatCompletion.AssistantMessage("assistant", response.getContent(), null),
            null,
            response.getFinishReason() != null ? response.getFinishReason() : "stop")),
        new ChatCompletion.Usage(usage.getInputTokens(), usage.getOutputTokens(),
            usage.getInputTokens() + usage.getOutputTokens(),
            new ChatCompletion.PromptTokensDetails(usage.getCachedInputTokens()),
            new ChatCompletion.CompletionTokensDetails(usage.getReasoningTokens())),
        null);
  }

  private static HttpHeaders sluiceHeaders(ChatResponse response) {
    HttpHeaders headers = new HttpHeaders();
    if (response.getModel() != null) {
      headers.set(MODEL_HEADER, response.getModel());
    }
    headers.set(CACHE_HEADER, response.getCache().name());
    headers.set(COST_HEADER, Long.toString(response.getCostNanos()));
    headers.set(ATTEMPTS_HEADER, Integer.toString(response.getAttempts()));
    return headers;
  }

  private static ApiError error(HttpStatus status, String type, String code, String message) {
    return new ApiError(status, type, code, null, message, Map.of());
  }

  private static String message(ChatResponse response, String fallback) {
    return response.getError() != null && !response.getError().getMessage().isBlank()
        ? response.getError().getMessage() : fallback;
  }

  private static String code(ChatResponse response, String fallback) {
    return response.getError() != null && !response.getError().getCode().isBlank()
        ? response.getError().getCode() : fallback;
  }
}
