package dev.sluice.ingress.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.TokenUsage;
import dev.sluice.ingress.openai.ChatCompletion;
import dev.sluice.ingress.openai.ErrorBody;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChatResponseHttpMapperTest {

  private static final Instant RESPONDED_AT = Instant.parse("2025-01-02T03:04:05.678Z");

  private final ChatResponseHttpMapper mapper = new ChatResponseHttpMapper();

  private static ChatResponse.Builder response(ResponseStatus status) {
    return ChatResponse.newBuilder()
        .setRequestId("r-1")
        .setTenantId("demo")
        .setStatus(status)
        .setRespondedAt(RESPONDED_AT);
  }

  private static ChatResponse failed(ResponseStatus status, String code, String message) {
    return response(status).setError(new ErrorInfo(code, message)).build();
  }

  private static ErrorBody.Detail error(ResponseEntity<?> entity) {
    assertThat(entity.getBody()).isInstanceOf(ErrorBody.class);
    return ((ErrorBody) entity.getBody()).error();
  }

  @Test
  void okBecomesA200ChatCompletion() {
    ChatResponse ok = response(ResponseStatus.OK)
        .setContent("Hello!")
        .setFinishReason("length")
        .setModel("gpt-4o-mini-2024-07-18")
        .setUsage(new TokenUsage(12L, 5L, 4L, 2L))
        .setCostNanos(1234L)
        .setCache(CacheOutcome.EXACT)
        .setAttempts(2)
        .build();

    ResponseEntity<?> entity = mapper.toHttp(ok, "gpt-4o-mini");

    assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(entity.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    ChatCompletion completion = (ChatCompletion) entity.getBody();
    assertThat(completion.id()).isEqualTo("chatcmpl-r-1");
    assertThat(completion.object()).isEqualTo("chat.completion");
    assertThat(completion.created()).isEqualTo(RESPONDED_AT.getEpochSecond());
    assertThat(completion.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(completion.choices()).singleElement().satisfies(choice -> {
      assertThat(choice.index()).isZero();
      assertThat(choice.message().role()).isEqualTo("assistant");
      assertThat(choice.message().content()).isEqualTo("Hello!");
      assertThat(choice.finishReason()).isEqualTo("length");
    });
    assertThat(completion.usage().promptTokens()).isEqualTo(12);
    assertThat(completion.usage().completionTokens()).isEqualTo(5);
    assertThat(completion.usage().totalTokens()).isEqualTo(17);
    assertThat(completion.usage().promptTokensDetails().cachedTokens()).isEqualTo(4);
    assertThat(completion.usage().completionTokensDetails().reasoningTokens()).isEqualTo(2);
    assertThat(entity.getHeaders().getFirst("x-sluice-model")).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(entity.getHeaders().getFirst("x-sluice-cache")).isEqualTo("EXACT");
    assertThat(entity.getHeaders().getFirst("x-sluice-cost-nanos")).isEqualTo("1234");
    assertThat(entity.getHeaders().getFirst("x-sluice-attempts")).isEqualTo("2");
  }

  @Test
  void okSerializesWithOpenAiFieldNames() {
    ChatResponse ok = response(ResponseStatus.OK).setContent("Hi").setUsage(new TokenUsage(1L, 2L, 0L, 0L)).build();

    JsonNode json = JsonMapper.builder().build().valueToTree(mapper.toHttp(ok, "gpt-4o").getBody());

    assertThat(json.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("stop");
    assertThat(json.path("choices").path(0).has("logprobs")).isTrue();
    assertThat(json.path("usage").path("prompt_tokens").asInt()).isEqualTo(1);
    assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
    assertThat(json.path("usage").path("total_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void okWithoutModelOrUsageReportsTheRequestedModelAndZeroTokens() {
    ResponseEntity<?> entity = mapper.toHttp(response(ResponseStatus.OK).setContent("x").build(), "gpt-4o");

    ChatCompletion completion = (ChatCompletion) entity.getBody();
    assertThat(completion.model()).isEqualTo("gpt-4o");
    assertThat(completion.usage().totalTokens()).isZero();
    assertThat(completion.choices().get(0).finishReason()).isEqualTo("stop");
    assertThat(entity.getHeaders().containsHeader("x-sluice-model")).isFalse();
    assertThat(entity.getHeaders().getFirst("x-sluice-cache")).isEqualTo("NONE");
  }

  @Test
  void blockedBecomes400ContentFilterWithTheGuardsMessage() {
    ResponseEntity<?> entity = mapper.toHttp(
        failed(ResponseStatus.BLOCKED, "blocked", "blocked by input guard: PROMPT_INJECTION"), "gpt-4o");

    assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(error(entity).type()).isEqualTo("invalid_request_error");
    assertThat(error(entity).code()).isEqualTo("content_filter");
    assertThat(error(entity).message()).contains("PROMPT_INJECTION");
    assertThat(error(entity).param()).isNull();
    assertThat(entity.getHeaders().getFirst("x-sluice-cost-nanos")).isEqualTo("0");
  }

  @Test
  void anAnswerTheOutputGuardWithheldIsA200CompletionWithFinishReasonContentFilter() {
    ChatResponse withheld = response(ResponseStatus.BLOCKED)
        .setFinishReason("content_filter")
        .setError(new ErrorInfo("content_filter", "Answer withheld by the output guard: canary_leak"))
        .setModel("gpt-4o-mini-2024-07-18")
        .setUsage(new TokenUsage(12L, 30L, 0L, 0L))
        .setCostNanos(2_500L)
        .build();

    ResponseEntity<?> entity = mapper.toHttp(withheld, "gpt-4o-mini");

    assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(entity.getHeaders().getFirst("x-sluice-cost-nanos")).isEqualTo("2500");
    JsonNode json = JsonMapper.builder().build().valueToTree(entity.getBody());
    assertThat(json.path("object").stringValue()).isEqualTo("chat.completion");
    assertThat(json.path("choices")).hasSize(1);
    assertThat(json.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("content_filter");
    assertThat(json.path("choices").path(0).path("message").path("role").stringValue()).isEqualTo("assistant");
    assertThat(json.path("choices").path(0).path("message").path("content").isNull()).isTrue();
    assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(30);
    assertThat(json.has("error")).isFalse();
  }

  @Test
  void rejectedBecomes400InvalidRequestWithTheStagesCode() {
    ResponseEntity<?> entity = mapper.toHttp(
        failed(ResponseStatus.REJECTED, "unknown_model", "no route for model gpt-9"), "gpt-9");

    assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(error(entity).type()).isEqualTo("invalid_request_error");
    assertThat(error(entity).code()).isEqualTo("unknown_model");
    assertThat(error(entity).message()).isEqualTo("no route for model gpt-9");
  }

  @Test
  void budgetExceededBecomes429ThatSdksDoNotRetry() {
    ResponseEntity<?> entity = mapper.toHttp(
        failed(ResponseStatus.BUDGET_EXCEEDED, "budget", "monthly budget of demo is spent"), "gpt-4o");

    assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(error(entity).type()).isEqualTo("insufficient_quota");
    assertThat(error(entity).code()).isEqualTo("budget_exceeded");
    assertThat(error(entity).message()).isEqualTo("monthly budget of demo is spent");
    assertThat(entity.getHeaders().getFirst("x-should-retry")).isEqualTo("false");
  }

  @Test
  void timeoutBecomes504() {
    ResponseEntity<?> entity = mapper.toHttp(response(ResponseStatus.TIMEOUT).build(), "gpt-4o");

    assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    assertThat(error(entity).code()).isEqualTo("timeout");
    assertThat(error(entity).message()).isNotBlank();
  }

  @Test
  void failedBecomes502WithTheErrorMessage() {
    ResponseEntity<?> entity = mapper.toHttp(
        failed(ResponseStatus.FAILED, "provider_error", "provider answered 500 three times"), "gpt-4o");

    assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(error(entity).type()).isEqualTo("server_error");
    assertThat(error(entity).code()).isEqualTo("provider_error");
    assertThat(error(entity).message()).isEqualTo("provider answered 500 three times");
  }

  @Test
  void failedWithoutErrorInfoStillExplainsItself() {
    ResponseEntity<?> entity = mapper.toHttp(response(ResponseStatus.FAILED).setAttempts(3).build(), "gpt-4o");

    assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(error(entity).code()).isEqualTo("upstream_error");
    assertThat(error(entity).message()).isNotBlank();
    assertThat(entity.getHeaders().getFirst("x-sluice-attempts")).isEqualTo("3");
  }
}
