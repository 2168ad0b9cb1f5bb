package dev.sluice.ingress.api;

import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Priority;
import dev.sluice.ingress.IngressProperties;
import dev.sluice.ingress.auth.ApiKeyInterceptor;
import dev.sluice.ingress.auth.Tenant;
import dev.sluice.ingress.dispatch.ChatDispatcher;
import dev.sluice.ingress.openai.ApiError;
import dev.sluice.ingress.openai.ApiErrorException;
import dev.sluice.ingress.openai.ChatCompletionRequest;
import dev.sluice.ingress.validation.ChatCompletionValidator;
import dev.sluice.ingress.validation.ValidatedChat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat/completions}: validates the request, publishes it as a {@link ChatRequest} and answers
 * when its response arrives. The servlet thread is released at once (the answer is a future), so waiting callers
 * hold memory in the bounded pending map, not threads.
 */
@RestController
public class ChatCompletionsController {

  /** Request metadata naming the tenant\'s configured tier; callers cannot set it (the sluice. keys are reserved). */
  public static final String TIER_METADATA_KEY = "sluice.tier";

  /** {@code x-sluice-cache: bypass} asks the worker neither to read nor to write its caches for this request. */
  public static final String CACHE_POLICY_HEADER = "x-sluice-cache";

  private static final Logger log = LoggerFactory.getLogger(ChatCompletionsController.class);

  private final ChatCompletionValidator validator;
  private final ChatDispatcher dispatcher;
  private final ChatResponseHttpMapper responses;
  private final Clock clock;
  private final Duration requestTimeout;

  public ChatCompletionsController(ChatCompletionValidator validator, ChatDispatcher dispatcher,
      ChatResponseHttpMapper responses, Clock clock, IngressProperties properties) {
    this.validator = validator;
    this.dispatcher = dispatcher;
    this.responses = responses;
    this.clock = clock;
    this.requestTimeout = properties.requestTimeout();
  }

  @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
  public CompletableFuture<ResponseEntity<?>> create(
      @RequestAttribute(ApiKeyInterceptor.TENANT_ATTRIBUTE) Tenant tenant,
      @RequestBody ChatCompletionRequest body,
      @RequestHeader(name = RequestIds.IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey,
      @RequestHeader(name = CACHE_POLICY_HEADER, required = false) String cachePolicyHeader,
      HttpServletRequest request, HttpServletResponse response) {
    if (idempotencyKey != null) {
      RequestIds.assign(request, response, RequestIds.forIdempotencyKey(tenant, idempotencyKey));
    }
    String requestId = RequestIds.of(request);
    ValidatedChat chat = validator.validate(body);
    ChatRequest event = chatRequest(requestId, tenant, chat, cachePolicy(cachePolicyHeader));
    return dispatcher.dispatch(event).<ResponseEntity<?>>handle((chatResponse, failure) -> failure == null
        ? responses.toHttp(chatResponse, chat.model())
        : failureResponse(requestId, failure));
  }

  private ChatRequest chatRequest(String requestId, Tenant tenant, ValidatedChat chat, CachePolicy cachePolicy) {
    // The event carries milliseconds; truncating here keeps the deadline ingress waits for equal to the one sent.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId(tenant.id())
        .setUserId(chat.userId())
        .setCreatedAt(now)
        .setDeadline(now.plus(requestTimeout))
        .setModel(chat.model())
        .setMessages(chat.messages())
        .setParams(chat.params())
        .setPriority(Priority.INTERACTIVE)
        .setCachePolicy(cachePolicy)
        .setMetadata(metadata(tenant, chat))
        .build();
  }

  /** The caller's metadata, plus what Sluice itself knows of the tenant under the reserved {@code sluice.} keys. */
  private static Map<String, String> metadata(Tenant tenant, ValidatedChat chat) {
    if (tenant.tier() == null) {
      return chat.metadata();
    }
    Map<String, String> metadata = new LinkedHashMap<>(chat.metadata());
    metadata.put(TIER_METADATA_KEY, tenant.tier());
    return metadata;
  }

  private static CachePolicy cachePolicy(String header) {
    if (header == null || header.equalsIgnoreCase("default")) {
      return CachePolicy.DEFAULT;
    }
    if (header.equalsIgnoreCase("bypass")) {
      return CachePolicy.BYPASS;
    }
    throw ApiError.invalidRequest(CACHE_POLICY_HEADER, CACHE_POLICY_HEADER + " must be 'bypass' or 'default'")
        .toException();
  }

  private static ResponseEntity<?> failureResponse(String requestId, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof ApiErrorException apiError) {
      return apiError.error().toResponse();
    }
    log.error("Request {} failed unexpectedly", requestId, cause);
    return ApiError.internal().toResponse();
  }
}
