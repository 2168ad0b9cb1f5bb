package dev.sluice.worker.completion;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.ResponseStatus;
import dev.sluice.worker.completion.CallMetrics.Outcome;
import dev.sluice.worker.pricing.CallPricer;
import dev.sluice.worker.provider.CallResult;
import dev.sluice.worker.provider.ChatProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one request: checks its deadline and price, calls the provider, prices what it billed, and publishes the
 * Completion with a UsageRecord per billed call. The returned future completes once all of it is durable.
 *
 * <p>Today a request gets one attempt. Attempts are counted and billed calls collected per request so that retries of
 * {@link CallResult.Failed#retryable() retryable} failures fit in {@link #attempt} without changing what is published.
 */
public final class CompletionHandler {

  private static final Logger log = LoggerFactory.getLogger(CompletionHandler.class);

  private final ChatProvider provider;
  private final CallPricer pricer;
  private final OutcomePublisher publisher;
  private final CallMetrics metrics;
  private final Duration callTimeout;
  private final Clock clock;

  public CompletionHandler(ChatProvider provider, CallPricer pricer, OutcomePublisher publisher, CallMetrics metrics,
      Duration callTimeout, Clock clock) {
    this.provider = provider;
    this.pricer = pricer;
    this.publisher = publisher;
    this.metrics = metrics;
    this.callTimeout = callTimeout;
    this.clock = clock;
  }

  /** Completes when the outcome is published; fails only when it could not be published. */
  public CompletableFuture<Void> handle(ChatRequest request) {
    CompletableFuture<WorkerOutcome> outcome;
    try {
      outcome = settle(request);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    return outcome
        .exceptionally(error -> workerError(request, error))
        .thenCompose(publisher::publish);
  }

  private CompletableFuture<WorkerOutcome> settle(ChatRequest request) {
    Instant now = clock.instant();
    Optional<Duration> timeout = CallDeadline.callTimeout(request.getDeadline(), now, callTimeout);
    if (timeout.isEmpty()) {
      metrics.settledWithoutCall(provider.name(), request.getModel(), Outcome.EXPIRED);
      return CompletableFuture.completedFuture(Outcomes.unanswered(request, ResponseStatus.TIMEOUT, provider.name(),
          new ErrorInfo("deadline_exceeded", "the deadline " + request.getDeadline()
              + " had passed before the provider was called (at " + now + ")"),
          List.of(), 0, Duration.ZERO, now));
    }
    if (!pricer.prices(provider.name(), request.getModel())) {
      metrics.settledWithoutCall(provider.name(), request.getModel(), Outcome.UNPRICED);
      return CompletableFuture.completedFuture(Outcomes.unanswered(request, ResponseStatus.FAILED, provider.name(),
          new ErrorInfo("unpriced_model", "the price table has no price for model '" + request.getModel()
              + "' of provider '" + provider.name() + "', so it is not called: a call must never be billed as free"),
          List.of(), 0, Duration.ZERO, now));
    }
    return attempt(request, timeout.get(), 1);
  }

  private CompletableFuture<WorkerOutcome> attempt(ChatRequest request, Duration timeout, int attemptNumber) {
    long startedAt = System.nanoTime();
    return provider.complete(request, timeout)
        .thenApply(result -> conclude(request, result, attemptNumber, Duration.ofNanos(System.nanoTime() - startedAt)));
  }

  private WorkerOutcome conclude(ChatRequest request, CallResult result, int attempts, Duration latency) {
    Instant now = clock.instant();
    if (result instanceof CallResult.Answered answer) {
      long cost = pricer.costNanos(provider.name(), request.getModel(), answer.model(), answer.usage());
      BilledCall call = new BilledCall(UUID.randomUUID().toString(), provider.name(), answer.model(), answer.usage(),
          cost, now);
      metrics.called(provider.name(), request.getModel(), Outcome.OK, latency);
      return Outcomes.answered(request, answer.content(), answer.finishReason(), List.of(call), attempts, latency,
          now);
    }
    CallResult.Failed failure = (CallResult.Failed) result;
    boolean deadlinePassed = failure.timedOut() && !now.isBefore(request.getDeadline());
    metrics.called(provider.name(), request.getModel(), deadlinePassed ? Outcome.TIMEOUT : Outcome.FAILED, latency);
    return Outcomes.unanswered(request, deadlinePassed ? ResponseStatus.TIMEOUT : ResponseStatus.FAILED,
        provider.name(), new ErrorInfo(failure.code(), failure.message()), List.of(), attempts, latency, now);
  }

  /** A bug in the worker still ends the request with an answer, rather than holding back its partition forever. */
  private WorkerOutcome workerError(ChatRequest request, Throwable error) {
    log.error("Request {} failed inside the worker", request.getRequestId(), error);
    metrics.settledWithoutCall(provider.name(), request.getModel(), Outcome.WORKER_ERROR);
    Instant now = clock.instant();
    return Outcomes.unanswered(request, ResponseStatus.FAILED, provider.name(),
        new ErrorInfo("worker_error", String.valueOf(error.getMessage())), List.of(), 0, Duration.ZERO, now);
  }
}
