package dev.sluice.worker.completion;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.TokenUsage;
import dev.sluice.worker.cache.CachedAnswer;
import dev.sluice.worker.cache.semantic.SemanticCache;
import dev.sluice.worker.cache.semantic.SemanticHit;
import dev.sluice.worker.cache.semantic.SemanticLookup;
import dev.sluice.worker.completion.CallMetrics.Outcome;
import dev.sluice.worker.dedupe.Claim;
import dev.sluice.worker.dedupe.RequestHandedBackException;
import dev.sluice.worker.limits.Admission;
import dev.sluice.worker.limits.Permit;
import dev.sluice.worker.pricing.CallPricer;
import dev.sluice.worker.provider.CallResult;
import dev.sluice.worker.provider.GatedProvider;
import dev.sluice.worker.provider.Providers;
import dev.sluice.worker.resilience.Backoff;
import dev.sluice.worker.resilience.RetryReason;
import dev.sluice.worker.routing.RouteDecision;
import dev.sluice.worker.routing.RouteTable;
import dev.sluice.worker.routing.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one request: checks its deadline, routes it, calls the targets of its route in order with retries, prices
 * every call a provider billed, and publishes the Completion with a UsageRecord per billed call. The returned future
 * completes once all of it is durable.
 *
 * <p>On one target, retryable failures (429, 5xx, timeouts) are retried after a {@link Backoff} wait, up to the
 * policy's attempts. The route's next target takes over when they are used up, when the target's circuit is open or
 * it is at its concurrency limit, or when the next wait would pass the deadline; a failure that says the request
 * itself is bad (400, 401, 404, a content policy refusal) ends it at once, as another provider would refuse it too.
 * Waits are scheduled on {@code retryScheduler} instead of holding a thread, so any number of requests can wait at
 * once, and a waiting request stays in the in-flight count because its future has not completed. No call starts
 * unless it can start before the request's deadline.
 *
 * <p>The steps, where others join them: {@code settle} works on the whole request before any call (a response
 * cache would answer from there); {@code attempt} makes one call to one target (a provider's shared rate buckets
 * would be taken there, right before the call); {@code afterCall} reads its result (where buckets would be corrected
 * with the tokens the provider reported); {@code Chain.finish} ends the request (where an answer would be cached).
 */
public final class CompletionHandler {

  /** The provider on a Completion when no provider was tried. */
  static final String NO_PROVIDER = "none";
  /** The provider on a Completion answered by the semantic cache. */
  static final String SEMANTIC_CACHE_PROVIDER = "semantic-cache";

  private static final Logger log = LoggerFactory.getLogger(CompletionHandler.class);

  private final Providers providers;
  private final RouteTable routes;
  private final CallPricer pricer;
  private final OutcomePublisher publisher;
  private final CallMetrics metrics;
  private final Backoff backoff;
  private final ScheduledExecutorService retryScheduler;
  private final Clock clock;
  private final RedisSteps shared;
  private final CanaryPlacement canaries;
  private final @Nullable SemanticCache semanticCache;

  /**
   * @param routes must only name providers that {@code providers} holds
   * @param backoff its policy bounds the attempts on each target of a route
   * @param retryScheduler runs the next attempt once its wait is over, and every step that follows an answer from
   *     Redis (never Redis's own I/O threads); a step only starts asynchronous work, so one thread serves them all
   * @param shared the redelivery record, exact cache and provider limits kept in Redis
   * @param canaries marks each request's system prompt for the output guard
   * @param semanticCache answers a request like an earlier one from the same conversation; null when it is off
   */
  public CompletionHandler(Providers providers, RouteTable routes, CallPricer pricer, OutcomePublisher publisher,
      CallMetrics metrics, Backoff backoff, ScheduledExecutorService retryScheduler, Clock clock, RedisSteps shared,
      CanaryPlacement canaries, @Nullable SemanticCache semanticCache) {
    this.providers = providers;
    this.routes = routes;
    this.pricer = pricer;
    this.publisher = publisher;
    this.metrics = metrics;
    this.backoff = backoff;
    this.retryScheduler = retryScheduler;
    this.clock = clock;
    this.shared = shared;
    this.canaries = canaries;
    this.semanticCache = semanticCache;
  }

  /**
   * Completes when the outcome is published and the request marked done, or at once when the redelivery record says
   * its outcome was published before (a redelivery after a crash or rebalance: nothing is called or published again);
   * fails when the outcome could not be published, and with {@link RequestHandedBackException} when this instance
   * handed its unfinished work back before the request was settled (then a failure to publish, as the producer closes
   * on shutdown, is a hand-back too: the record stays uncommitted either way).
   */
  public CompletableFuture<Void> handle(ChatRequest request) {
    return shared.claim(request).thenComposeAsync(claim -> afterClaim(request, claim), retryScheduler);
  }

  private CompletableFuture<Void> afterClaim(ChatRequest request, Claim claim) {
    if (claim instanceof Claim.AlreadyDone) {
      metrics.settledWithoutCall(NO_PROVIDER, request.getModel(), Outcome.ALREADY_DONE);
      return CompletableFuture.completedFuture(null);
    }
    if (claim instanceof Claim.HandedBack) {
      return CompletableFuture.failedFuture(new RequestHandedBackException(request.getRequestId()));
    }
    if (claim instanceof Claim.HeldElsewhere held) {
      // Another holder works on it; its record stays unacknowledged here until that one is done or gives up.
      CompletableFuture<Void> later = new CompletableFuture<>();
      retryScheduler.schedule(() -> handle(request).whenComplete((done, error) -> {
        if (error != null) {
          later.completeExceptionally(error);
        } else {
          later.complete(null);
        }
      }), held.recheckAfter().toNanos(), TimeUnit.NANOSECONDS);
      return later;
    }
    Claim.Claimed claimed = (Claim.Claimed) claim;
    CompletableFuture<WorkerOutcome> outcome;
    try {
      outcome = settle(request);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    return outcome
        .exceptionally(error -> workerError(request, error))
        .thenCompose(settled -> withheld(settled)
            ? CompletableFuture.<Void>failedFuture(new RequestHandedBackException(request.getRequestId()))
            : publisher.publish(settled))
        .handle((published, error) -> error)
        .thenCompose(error -> error == null
            ? shared.markDone(claimed)
            : shared.release(claimed).thenCompose(released -> CompletableFuture.<Void>failedFuture(
                shared.handingBack() ? new RequestHandedBackException(request.getRequestId()) : error)));
  }

  /**
   * Once this instance hands its unfinished work back, only answers are still published: the partition's next owner
   * works on the rest, and a failure here (often the shutdown itself, closing clients under calls in flight) must not
   * become the request's one response. Calls billed for a withheld outcome go uncounted, as in a crash.
   */
  private boolean withheld(WorkerOutcome settled) {
    return shared.handingBack() && settled.completion().getStatus() != ResponseStatus.OK;
  }

  private CompletableFuture<WorkerOutcome> settle(ChatRequest request) {
    Instant now = clock.instant();
    if (!now.isBefore(request.getDeadline())) {
      metrics.settledWithoutCall(NO_PROVIDER, request.getModel(), Outcome.EXPIRED);
      return CompletableFuture.completedFuture(Outcomes.unanswered(request, ResponseStatus.TIMEOUT, NO_PROVIDER,
          request.getModel(), null, new ErrorInfo("deadline_exceeded", "the deadline " + request.getDeadline()
              + " had passed before the provider was called (at " + now + ")"),
          List.of(), 0, Duration.ZERO, now));
    }
    Optional<RouteDecision> routed = routes.resolve(request);
    if (routed.isEmpty()) {
      metrics.settledWithoutCall(NO_PROVIDER, request.getModel(), Outcome.UNKNOWN_MODEL);
      return CompletableFuture.completedFuture(Outcomes.unanswered(request, ResponseStatus.FAILED, NO_PROVIDER,
          request.getModel(), null, new ErrorInfo("unknown_model", "no route or provider serves model '"
              + request.getModel() + "'; the worker serves: auto, " + String.join(", ", routes.names())),
          List.of(), 0, Duration.ZERO, now));
    }
    RouteDecision decision = routed.get();
    long lookupStarted = System.nanoTime();
    return shared.cached(request).thenComposeAsync(hit -> {
      if (hit.isPresent()) {
        return CompletableFuture.completedFuture(cacheHit(request, hit.get(),
            Duration.ofNanos(System.nanoTime() - lookupStarted)));
      }
      return semanticLookup(request).thenComposeAsync(lookup -> {
        Optional<SemanticHit> similar = lookup == null ? Optional.empty() : lookup.hit();
        if (similar.isPresent()) {
          return CompletableFuture.completedFuture(semanticHit(request, similar.get(),
              Duration.ofNanos(System.nanoTime() - lookupStarted)));
        }
        decision.autoRule().ifPresent(rule -> metrics.autoRouted(decision.route().name(), rule));
        CanaryPlacement.Placed placed = canaries.place(request);
        Chain chain = new Chain(request, placed.request(), placed.canary(), decision, lookup);
        attempt(chain);
        return chain.outcome;
      }, retryScheduler);
    }, retryScheduler);
  }

  /** The semantic cache's lookup, or null when the cache is off; asked with the request as it came (no canary). */
  private CompletableFuture<@Nullable SemanticLookup> semanticLookup(ChatRequest request) {
    return semanticCache == null ? CompletableFuture.completedFuture(null) : semanticCache.lookup(request);
  }

  /**
   * The answer to a similar earlier question of the same conversation scope: nothing called, nothing billed, and a
   * zero-cost usage record (its callId derived from the requestId) so the cost windows count the hit once.
   */
  private WorkerOutcome semanticHit(ChatRequest request, SemanticHit hit, Duration latency) {
    Instant now = clock.instant();
    // The semantic cache keeps no usage; the answer is priced as every hit is: nothing.
    CachedAnswer answer = new CachedAnswer(hit.answer().content(), hit.answer().finishReason(), hit.answer().model(),
        SEMANTIC_CACHE_PROVIDER, TokenUsage.newBuilder().build());
    Completion completion = answer.completion(request, latency, now, CacheOutcome.SEMANTIC);
    completion.setRoute(String.format(Locale.ROOT, "semantic cache hit (similarity %.3f)", hit.similarity()));
    metrics.settledWithoutCall(SEMANTIC_CACHE_PROVIDER, hit.answer().model(), Outcome.CACHED);
    return new WorkerOutcome(completion, List.of(answer.usageRecord(request, now, CacheOutcome.SEMANTIC)));
  }


  /** The answer from the exact cache: nothing called, nothing billed, a zero-cost usage record for the cost windows. */
  private WorkerOutcome cacheHit(ChatRequest request, CachedAnswer hit, Duration latency) {
    Instant now = clock.instant();
    Completion completion = hit.completion(request, latency, now, CacheOutcome.EXACT);
    completion.setRoute("exact cache hit");
    metrics.settledWithoutCall(hit.provider(), hit.model(), Outcome.CACHED);
    return new WorkerOutcome(completion, List.of(hit.usageRecord(request, now, CacheOutcome.EXACT)));
  }

  /**
   * Asks the provider's shared limits for the chain's next call, then makes it when its slot comes, unless the
   * deadline leaves it no time.
   */
  private void attempt(Chain chain) {
    try {
      Instant now = clock.instant();
      if (!now.isBefore(chain.request.getDeadline())) {
        chain.finish(outOfTime(chain, Duration.ZERO, now));
        return;
      }
      Target target = chain.target();
      GatedProvider provider = providers.get(target.provider());
      if (!chain.hasNextTarget() && provider.atConcurrencyLimit()) {
        // The last target is full: wait for its slot before taking a shared rate-limit permit for the call.
        waitForSlot(chain, provider, now);
        return;
      }
      shared.admit(target.provider(), chain.original, Duration.between(now, chain.request.getDeadline()))
          .thenAcceptAsync(admission -> admitted(chain, admission), retryScheduler)
          .exceptionally(error -> {
            chain.outcome.completeExceptionally(error);
            return null;
          });
    } catch (RuntimeException e) {
      chain.outcome.completeExceptionally(e);
    }
  }

  private void admitted(Chain chain, Admission admission) {
    if (admission instanceof Admission.Refused refused) {
      Instant now = clock.instant();
      String why = "the shared " + refused.limit() + "-per-minute limit of " + refused.provider()
          + " has no room before the deadline (a slot in " + refused.waitNeeded().toMillis() + " ms)";
      if (chain.hasNextTarget()) {
        fallBack(chain, "rate_limited", why, now);
      } else {
        chain.finish(new Settled(unanswered(chain, ResponseStatus.TIMEOUT, new ErrorInfo("rate_limited", why), now),
            Outcome.TIMEOUT));
      }
      return;
    }
    Permit permit = ((Admission.Granted) admission).permit();
    if (permit.startAfter().isZero() || permit.startAfter().isNegative()) {
      call(chain, permit);
    } else {
      retryScheduler.schedule(() -> call(chain, permit), permit.startAfter().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Calls the chain's current target, unless the deadline leaves it no time. */
  private void call(Chain chain, Permit permit) {
    try {
      Instant now = clock.instant();
      Target target = chain.target();
      GatedProvider provider = providers.get(target.provider());
      Optional<Duration> timeout = CallDeadline.callTimeout(chain.request.getDeadline(), now, provider.callTimeout());
      if (timeout.isEmpty()) {
        shared.settle(permit, null);
        chain.finish(outOfTime(chain, Duration.ZERO, now));
        return;
      }
      provider.complete(chain.request, target.model(), timeout.get()).whenComplete((result, error) -> {
        if (error != null) {
          shared.settle(permit, null);
          chain.outcome.completeExceptionally(error);
          return;
        }
        try {
          shared.settle(permit, countedUsage(result));
          afterCall(chain, result);
        } catch (RuntimeException e) {
          chain.outcome.completeExceptionally(e);
        }
      });
    } catch (RuntimeException e) {
      chain.outcome.completeExceptionally(e);
    }
  }

  /** What the provider counted for a call, or null when it billed nothing. */
  private static @Nullable TokenUsage countedUsage(CallResult result) {
    if (result instanceof CallResult.Answered answer) {
      return answer.usage();
    }
    if (result instanceof CallResult.Failed failure) {
      return failure.billed().map(CallResult.Billed::usage).orElse(null);
    }
    return null;
  }

  private void afterCall(Chain chain, CallResult result) {
    Instant now = clock.instant();
    if (result instanceof CallResult.NotCalled refused) {
      if (refused.refusal() == CallResult.Refusal.AT_CONCURRENCY_LIMIT && !chain.hasNextTarget()) {
        // Lost the slot to another call since attempt() looked. The permit just settled gave its tokens back but
        // its request stays counted, so the next attempt counts one request twice against the RPM limit: the
        // limit errs on the safe side, and only in this race.
        waitForSlot(chain, providers.get(chain.target().provider()), now);
        return;
      }
      fallBack(chain, refused.refusal().tag(), refused.message(), now);
      return;
    }
    chain.made++;
    chain.madeOnTarget++;
    if (result instanceof CallResult.Answered answer) {
      chain.bill(answer.model(), answer.usage(), now);
      shared.cache(chain.original, new CachedAnswer(answer.content(), answer.finishReason(), answer.model(),
          chain.target().provider(), answer.usage()));
      if (chain.semanticLookup != null) {
        chain.semanticLookup.remember(new dev.sluice.worker.cache.semantic.CachedAnswer(answer.content(),
            answer.finishReason(), answer.model()));
      }
      chain.finish(Outcomes.answered(chain.request, answer.content(), answer.finishReason(), chain.billed,
          chain.made, chain.elapsed(), chain.route(), now), Outcome.OK);
      return;
    }
    CallResult.Failed failure = (CallResult.Failed) result;
    failure.billed().ifPresent(billed -> chain.bill(billed.model(), billed.usage(), now));
    chain.lastFailure = failure;
    if (!failure.retryable()) {
      chain.finish(gaveUp(chain, failure, now));
      return;
    }
    Target target = chain.target();
    if (chain.madeOnTarget >= backoff.policy().maxAttempts()) {
      fallBack(chain, "retries_exhausted", target + " failed " + chain.madeOnTarget + " time"
          + (chain.madeOnTarget == 1 ? "" : "s") + ", last with " + failure.code(), now);
      return;
    }
    Duration wait = backoff.delayBeforeRetry(chain.madeOnTarget - 1, failure.retryAfter(), now);
    if (!now.plus(wait).isBefore(chain.request.getDeadline())) {
      if (chain.hasNextTarget()) {
        fallBack(chain, "no_time_to_retry", "a retry of " + target + " after " + wait.toMillis()
            + " ms would pass the deadline", now);
      } else {
        chain.finish(outOfTime(chain, wait, now));
      }
      return;
    }
    metrics.retried(target.provider(), RetryReason.ofFailureCode(failure.code()));
    try {
      retryScheduler.schedule(() -> attempt(chain), wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      chain.outcome.completeExceptionally(shuttingDown);
    }
  }

  /**
   * Waits, at most until the deadline, for a slot of the route's last target, then attempts it again: a full
   * provider with nowhere else to go is back-pressure, not a failure. The wait holds the request's in-flight slot,
   * so a worker whose providers are full stops taking new work.
   */
  private void waitForSlot(Chain chain, GatedProvider provider, Instant now) {
    metrics.waitedForSlot(provider.name());
    provider.slotFreed()
        .completeOnTimeout(null, Duration.between(now, chain.request.getDeadline()).toNanos(), TimeUnit.NANOSECONDS)
        .thenRunAsync(() -> attempt(chain), retryScheduler)
        .exceptionally(error -> {
          chain.outcome.completeExceptionally(error);
          return null;
        });
  }

  /** Moves to the route's next target, or ends the request when the route has none left. */
  private void fallBack(Chain chain, String reason, String why, Instant now) {
    Target left = chain.target();
    if (!chain.hasNextTarget()) {
      chain.finish(exhausted(chain, why, now));
      return;
    }
    metrics.fellBack(chain.decision.route().name(), left.provider(), reason);
    chain.targetIndex++;
    chain.madeOnTarget = 0;
    chain.trail.append("; fallback ").append(left).append(" -> ").append(chain.target()).append(" (").append(why)
        .append(')');
    attempt(chain);
  }

  /** The route has no target left: its last one failed (that failure is the answer), or could not be called. */
  private Settled exhausted(Chain chain, String why, Instant now) {
    if (chain.decision.route().targets().size() > 1) {
      chain.trail.append("; ").append(why).append(", no target left");
    }
    if (chain.madeOnTarget > 0) {
      return gaveUp(chain, chain.lastFailure, now);
    }
    CallResult.Failed last = chain.lastFailure;
    String message = "no target of '" + chain.decision.route().name() + "' could take the call: " + why
        + (last == null ? "" : "; the last call made failed with: " + last.message());
    return new Settled(unanswered(chain, ResponseStatus.FAILED, new ErrorInfo("provider_unavailable", message), now),
        Outcome.FAILED);
  }

  /** Ends the request with a provider's failure: TIMEOUT if the call ran out of time at the deadline. */
  private Settled gaveUp(Chain chain, CallResult.Failed failure, Instant now) {
    boolean deadlinePassed = failure.timedOut() && !now.isBefore(chain.request.getDeadline());
    String message = chain.made > 1
        ? failure.message() + " (gave up after " + chain.made + " attempts)"
        : failure.message();
    return new Settled(unanswered(chain, deadlinePassed ? ResponseStatus.TIMEOUT : ResponseStatus.FAILED,
        new ErrorInfo(failure.code(), message), now), deadlinePassed ? Outcome.TIMEOUT : Outcome.FAILED);
  }

  /** The deadline comes before the next attempt could start: TIMEOUT, with the error that called for the retry. */
  private Settled outOfTime(Chain chain, Duration wait, Instant now) {
    CallResult.Failed last = chain.lastFailure;
    String noTime = "the deadline " + chain.request.getDeadline() + " comes before one could start"
        + (wait.isZero() ? "" : " after the " + wait.toMillis() + " ms backoff");
    // No failure yet: the deadline passed in the moment between the request's first check and its first call.
    ErrorInfo error = last == null
        ? new ErrorInfo("deadline_exceeded", "no attempt: " + noTime)
        : new ErrorInfo(last.code(), last.message() + " (attempt " + chain.made + "; no further attempt: " + noTime
            + ")");
    return new Settled(unanswered(chain, ResponseStatus.TIMEOUT, error, now), Outcome.TIMEOUT);
  }

  private WorkerOutcome unanswered(Chain chain, ResponseStatus status, ErrorInfo error, Instant now) {
    Target target = chain.target();
    return Outcomes.unanswered(chain.request, status, target.provider(), target.model(), chain.route(), error,
        chain.billed, chain.made, chain.elapsed(), now);
  }

  /** A bug in the worker still ends the request with an answer, rather than holding back its partition forever. */
  private WorkerOutcome workerError(ChatRequest request, Throwable error) {
    log.error("Request {} failed inside the worker", request.getRequestId(), error);
    metrics.settledWithoutCall(NO_PROVIDER, request.getModel(), Outcome.WORKER_ERROR);
    Instant now = clock.instant();
    return Outcomes.unanswered(request, ResponseStatus.FAILED, NO_PROVIDER, request.getModel(), null,
        new ErrorInfo("worker_error", String.valueOf(error.getMessage())), List.of(), 0, Duration.ZERO, now);
  }

  private record Settled(WorkerOutcome outcome, Outcome metricOutcome) {
  }

  /**
   * One request's way along its route. Only one step of it runs at a time (each step starts the next through a
   * future or the scheduler, which order their memory effects), so its fields need no lock.
   */
  private final class Chain {

    /** The request as it came, which the cache is keyed by. */
    private final ChatRequest original;
    /** The request as the provider sees it: with the canary in its system prompt. */
    private final ChatRequest request;
    private final @Nullable String canary;
    /** The semantic cache's miss for this request, which remembers the answer; null when the cache is off. */
    private final @Nullable SemanticLookup semanticLookup;
    private final RouteDecision decision;
    private final long startedAt = System.nanoTime();
    private final List<BilledCall> billed = new ArrayList<>();
    private final CompletableFuture<WorkerOutcome> outcome = new CompletableFuture<>();
    /** The routing decision, then every fallback taken: what {@code Completion.route} says. */
    private final StringBuilder trail;
    private int targetIndex;
    /** Calls made across all targets: what {@code Completion.attempts} says. */
    private int made;
    private int madeOnTarget;
    private CallResult.Failed lastFailure;

    private Chain(ChatRequest original, ChatRequest request, @Nullable String canary, RouteDecision decision,
        @Nullable SemanticLookup semanticLookup) {
      this.original = original;
      this.semanticLookup = semanticLookup;
      this.request = request;
      this.canary = canary;
      this.decision = decision;
      this.trail = new StringBuilder(decision.reason());
    }

    private Target target() {
      return decision.route().targets().get(targetIndex);
    }

    private boolean hasNextTarget() {
      return targetIndex + 1 < decision.route().targets().size();
    }

    private String route() {
      return trail.toString();
    }

    /** Every call a provider billed is charged, answered or not, under its own callId and its own provider. */
    private void bill(String reportedModel, TokenUsage usage, Instant now) {
      Target target = target();
      long cost = pricer.costNanos(target.provider(), target.model(), reportedModel, usage);
      billed.add(new BilledCall(UUID.randomUUID().toString(), target.provider(), reportedModel, usage, cost, now));
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    private void finish(WorkerOutcome settled, Outcome metricOutcome) {
      Target target = target();
      metrics.called(target.provider(), target.model(), metricOutcome, elapsed());
      metrics.attemptsMade(target.provider(), made);
      settled.completion().setCanary(canary);
      outcome.complete(settled);
    }

    private void finish(Settled settled) {
      finish(settled.outcome(), settled.metricOutcome());
    }
  }
}
