package dev.sluice.ingress.dispatch;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.ChatResponse;
import dev.sluice.ingress.dispatch.PendingResponses.Admission;
import dev.sluice.ingress.kafka.ChatRequestPublisher;
import dev.sluice.ingress.metrics.IngressMetrics;
import dev.sluice.ingress.openai.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a validated request through admission and publishes it to the requests topic; its caller is completed by
 * the {@link ResponseRouter} when the response with its requestId arrives, or failed at its deadline. Every
 * failure it hands back is an {@link dev.sluice.ingress.openai.ApiErrorException}.
 */
public final class ChatDispatcher {

  private static final Logger log = LoggerFactory.getLogger(ChatDispatcher.class);

  private final PendingResponses pending;
  private final ChatRequestPublisher publisher;
  private final BooleanSupplier responsesReady;
  private final Clock clock;
  private final Duration retryAfter;
  private final IngressMetrics metrics;

  /**
   * @param responsesReady whether the responses consumer is positioned; before that a response could be missed,
   *     so requests are refused
   */
  public ChatDispatcher(PendingResponses pending, ChatRequestPublisher publisher, BooleanSupplier responsesReady,
      Clock clock, Duration retryAfter, IngressMetrics metrics) {
    this.pending = pending;
    this.publisher = publisher;
    this.responsesReady = responsesReady;
    this.clock = clock;
    this.retryAfter = retryAfter;
    this.metrics = metrics;
  }

  /** Completes with the request's response; never blocks on the pipeline. */
  public CompletableFuture<ChatResponse> dispatch(ChatRequest request) {
    if (!responsesReady.getAsBoolean()) {
      metrics.requestShed("not_ready");
      return CompletableFuture.failedFuture(ApiError.unavailable("not_ready",
          "The service is starting and cannot take requests yet.", retryAfter).toException());
    }
    Duration timeout = Duration.between(clock.instant(), request.getDeadline());
    Optional<Admission> admission = pending.admit(request.getRequestId(), request.getTenantId(), timeout);
    if (admission.isEmpty()) {
      metrics.requestShed("pending_full");
      return CompletableFuture.failedFuture(ApiError.unavailable("overloaded",
          "The service is handling too many requests; retry later.", retryAfter).toException());
    }
    if (admission.get().first()) {
      publisher.publish(request).whenComplete((published, failure) -> {
        if (failure != null) {
          metrics.publishFailed();
          pending.fail(request.getRequestId(), publishFailure(request.getRequestId(), failure).toException());
        }
      });
    }
    return admission.get().response().exceptionallyCompose(failure -> {
      Throwable cause = unwrap(failure);
      if (cause instanceof TimeoutException) {
        return CompletableFuture.failedFuture(ApiError.timeout(
            "No response arrived before the request's deadline.").toException());
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  private ApiError publishFailure(String requestId, Throwable failure) {
    Throwable rootCause = failure;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RecordTooLargeException) {
        return ApiError.tooLarge("The request is larger than the requests topic accepts.");
      }
      rootCause = cause;
    }
    // The root cause only: the exceptions around it may carry the record, and so the raw prompt.
    log.warn("Could not publish request {}: {}", requestId, rootCause.toString());
    return ApiError.unavailable("publish_failed", "The request could not be queued; retry later.", retryAfter);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
