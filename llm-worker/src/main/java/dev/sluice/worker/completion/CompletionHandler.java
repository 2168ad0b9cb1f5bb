package dev.sluice.worker.completion;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.TokenUsage;
import dev.sluice.worker.completion.CallMetrics.Outcome;
import dev.sluice.worker.pricing.CallPricer;
import dev.sluice.worker.provider.CallResult;
import dev.sluice.worker.provider.ChatProvider;
import dev.sluice.worker.resilience.Backoff;
import dev.sluice.worker.resilience.RetryReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one request: checks its deadline and price, calls the provider, retries what is retryable, prices every call
 * the provider billed, and publishes the Completion with a UsageRecord per billed call. The returned future completes
 * once all of it is durable.
 *
 * <p>Retries follow the {@link Backoff}; waits are scheduled on {@code retryScheduler} instead of holding a thread, so
 * any number of requests can wait for their next attempt at once, and a waiting request stays in the in-flight count
 * because its future has not completed. No attempt starts unless it can start before the request's deadline.
 */
public final class CompletionHandler {

  private static final Logger log = LoggerFactory.getLogger(CompletionHandler.class);

  private final ChatProvider provider;
  private final CallPricer pricer;
  private final OutcomePublisher publisher;
  private final CallMetrics metrics;
  private final Duration callTimeout;
  private final Backoff backoff;
  private final ScheduledExecutorService retryScheduler;
  private final Clock clock;

  /**
   * @param retryScheduler runs the next attempt once its wait is over; the attempt only starts an asynchronous call,
   *     so one thread serves every waiting request
   */
  public CompletionHandler(ChatProvider provider, CallPricer pricer, OutcomePublisher publisher, CallMetrics metrics,
      Duration callTimeout, Backoff backoff, ScheduledExecutorService retryScheduler, Clock clock) {
    this.provider = provider;
    this.pricer = pricer;
    this.publisher = publisher;
    this.metrics = metrics;
    this.callTimeout = callTimeout;
    this.backoff = backoff;
    this.retryScheduler = retryScheduler;
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
    if (CallDeadline.callTimeout(request.getDeadline(), now, callTimeout).isEmpty()) {
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
    Attempts attempts = new Attempts(request);
    attempt(attempts);
    return attempts.outcome;
  }

  /** Starts the next call, unless the deadline leaves it no time. */
  private void attempt(Attempts attempts) {
    try {
      Instant now = clock.instant();
      Optional<Duration> timeout = CallDeadline.callTimeout(attempts.request.getDeadline(), now, callTimeout);
      if (timeout.isEmpty()) {
        attempts.finish(outOfTime(attempts, Duration.ZERO, now));
        return;
      }
      attempts.made++;
      provider.complete(attempts.request, timeout.get()).whenComplete((result, error) -> {
        if (error != null) {
          attempts.outcome.completeExceptionally(error);
          return;
        }
        try {
          afterCall(attempts, result);
        } catch (RuntimeException e) {
          attempts.outcome.completeExceptionally(e);
        }
      });
    } catch (RuntimeException e) {
      attempts.outcome.completeExceptionally(e);
    }
  }

  private void afterCall(Attempts attempts, CallResult result) {
    Instant now = clock.instant();
    ChatRequest request = attempts.request;
    if (result instanceof CallResult.Answered answer) {
      attempts.bill(answer.model(), answer.usage(), now);
      attempts.finish(Outcomes.answered(request, answer.content(), answer.finishReason(), attempts.billed,
          attempts.made, attempts.elapsed(), now), Outcome.OK);
      return;
    }
    CallResult.Failed failure = (CallResult.Failed) result;
    failure.billed().ifPresent(billed -> attempts.bill(billed.model(), billed.usage(), now));
    attempts.lastFailure = failure;
    if (!failure.retryable() || attempts.made >= backoff.policy().maxAttempts()) {
      boolean deadlinePassed = failure.timedOut() && !now.isBefore(request.getDeadline());
      String message = attempts.made > 1
          ? failure.message() + " (gave up after " + attempts.made + " attempts)"
          : failure.message();
      attempts.finish(Outcomes.unanswered(request, deadlinePassed ? ResponseStatus.TIMEOUT : ResponseStatus.FAILED,
          provider.name(), new ErrorInfo(failure.code(), message), attempts.billed, attempts.made, attempts.elapsed(),
          now), deadlinePassed ? Outcome.TIMEOUT : Outcome.FAILED);
      return;
    }
    Duration wait = backoff.delayBeforeRetry(attempts.made - 1, failure.retryAfter(), now);
    if (!now.plus(wait).isBefore(request.getDeadline())) {
      attempts.finish(outOfTime(attempts, wait, now));
      return;
    }
    metrics.retried(provider.name(), RetryReason.ofFailureCode(failure.code()));
    try {
      retryScheduler.schedule(() -> attempt(attempts), wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      attempts.outcome.completeExceptionally(shuttingDown);
    }
  }

  /** The deadline comes before the next attempt could start: TIMEOUT, with the error that called for the retry. */
  private Settled outOfTime(Attempts attempts, Duration wait, Instant now) {
    CallResult.Failed last = attempts.lastFailure;
    String noTime = "the deadline " + attempts.request.getDeadline() + " comes before one could start"
        + (wait.isZero() ? "" : " after the " + wait.toMillis() + " ms backoff");
    // No failure yet: the deadline passed in the moment between the request's first check and its first call.
    ErrorInfo error = last == null
        ? new ErrorInfo("deadline_exceeded", "no attempt: " + noTime)
        : new ErrorInfo(last.code(), last.message() + " (attempt " + attempts.made + "; no further attempt: " + noTime
            + ")");
    return new Settled(Outcomes.unanswered(attempts.request, ResponseStatus.TIMEOUT, provider.name(), error,
        attempts.billed, attempts.made, attempts.elapsed(), now), Outcome.TIMEOUT);
  }

  /** A bug in the worker still ends the request with an answer, rather than holding back its partition forever. */
  private WorkerOutcome workerError(ChatRequest request, Throwable error) {
    log.error("Request {} failed inside the worker", request.getRequestId(), error);
    metrics.settledWithoutCall(provider.name(), request.getModel(), Outcome.WORKER_ERROR);
    Instant now = clock.instant();
    return Outcomes.unanswered(request, ResponseStatus.FAILED, provider.name(),
        new ErrorInfo("worker_error", String.valueOf(error.getMessage())), List.of(), 0, Duration.ZERO, now);
  }

  private record Settled(WorkerOutcome outcome, Outcome metricOutcome) {
  }

  /**
   * One request's way through its attempts. Only one step of it runs at a time (each step starts the next through a
   * future or the scheduler, which order their memory effects), so its fields need no lock.
   */
  private final class Attempts {

    private final ChatRequest request;
    private final long startedAt = System.nanoTime();
    private final List<BilledCall> billed = new ArrayList<>();
    private final CompletableFuture<WorkerOutcome> outcome = new CompletableFuture<>();
    private int made;
    private CallResult.Failed lastFailure;

    private Attempts(ChatRequest request) {
      this.request = request;
    }

    /** Every call the provider billed is charged, answered or not, under its own callId. */
    private void bill(String model, TokenUsage usage, Instant now) {
      long cost = pricer.costNanos(provider.name(), request.getModel(), model, usage);
      billed.add(new BilledCall(UUID.randomUUID().toString(), provider.name(), model, usage, cost, now));
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    private void finish(WorkerOutcome settled, Outcome metricOutcome) {
      metrics.called(provider.name(), request.getModel(), metricOutcome, elapsed());
      metrics.attemptsMade(provider.name(), made);
      outcome.complete(settled);
    }

    private void finish(Settled settled) {
      finish(settled.outcome(), settled.metricOutcome());
    }
  }
}
