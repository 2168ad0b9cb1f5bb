package dev.sluice.worker.completion;

import dev.sluice.worker.pricing.CallPricer;
import dev.sluice.worker.resilience.RetryReason;
import dev.sluice.worker.routing.AutoRouter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The worker's own meters. Tags stay low-cardinality: the model tag is the model name only when the price table
 * prices it (callers choose model names freely), otherwise {@code other}; route tags are configured route names.
 */
public final class CallMetrics {

  static final String OUTCOMES = "sluice.worker.calls";
  static final String LATENCY = "sluice.worker.call.latency";
  static final String RETRIES = "sluice.worker.retries";
  static final String ATTEMPTS = "sluice.worker.request.attempts";
  static final String FALLBACKS = "sluice.worker.fallbacks";
  static final String AUTO_ROUTED = "sluice.worker.auto.routed";
  static final String SLOT_WAITS = "sluice.worker.provider.slot.waits";

  private final MeterRegistry registry;
  private final CallPricer pricer;

  public CallMetrics(MeterRegistry registry, CallPricer pricer) {
    this.registry = registry;
    this.pricer = pricer;
  }

  /** A request settled without a provider call (deadline passed, no route for its model). */
  void settledWithoutCall(String provider, String model, Outcome outcome) {
    outcomes(provider, model, outcome).increment();
  }

  /** A request that reached the provider settled; the latency spans all its attempts and the waits between. */
  void called(String provider, String model, Outcome outcome, Duration latency) {
    outcomes(provider, model, outcome).increment();
    Timer.builder(LATENCY)
        .description("Provider call latency")
        .tags("provider", provider, "model", modelTag(provider, model), "outcome", outcome.tag())
        .register(registry)
        .record(latency);
  }

  /** A retryable failure is about to be retried. */
  void retried(String provider, RetryReason reason) {
    Counter.builder(RETRIES)
        .description("Provider calls repeated after a retryable failure, by reason")
        .tags("provider", provider, "reason", reason.tag())
        .register(registry)
        .increment();
  }

  /**
   * A request left a target of its route for the next one.
   *
   * @param reason {@code circuit_open}, {@code at_concurrency_limit}, {@code retries_exhausted} or
   *     {@code no_time_to_retry}
   */
  void fellBack(String route, String provider, String reason) {
    Counter.builder(FALLBACKS)
        .description("Requests sent on to their route's next target, by the provider left and why")
        .tags("route", route, "provider", provider, "reason", reason)
        .register(registry)
        .increment();
  }

  /** A request whose route has no target left waits for a slot of a provider at its concurrency limit. */
  void waitedForSlot(String provider) {
    Counter.builder(SLOT_WAITS)
        .description("Waits of requests for a free slot of a provider at its concurrency limit, with no target left")
        .tags("provider", provider)
        .register(registry)
        .increment();
  }

  /** An {@code auto} request was given a route. */
  void autoRouted(String route, AutoRouter.Rule rule) {
    Counter.builder(AUTO_ROUTED)
        .description("Requests for model 'auto', by the route chosen and the part of the rule that chose it")
        .tags("route", route, "rule", rule.tag())
        .register(registry)
        .increment();
  }

  /** How many provider calls a settled request took (across every target of its route). */
  void attemptsMade(String provider, int attempts) {
    DistributionSummary.builder(ATTEMPTS)
        .description("Provider calls made per request that reached the provider")
        .tags("provider", provider)
        .serviceLevelObjectives(1, 2, 3, 4, 5, 8)
        .register(registry)
        .record(attempts);
  }

  private Counter outcomes(String provider, String model, Outcome outcome) {
    return Counter.builder(OUTCOMES)
        .description("Requests settled by the worker, by outcome")
        .tags("provider", provider, "model", modelTag(provider, model), "outcome", outcome.tag())
        .register(registry);
  }

  private String modelTag(String provider, String model) {
    return pricer.prices(provider, model) ? model : "other";
  }

  /** How a request ended, as a metric tag. */
  enum Outcome {
    OK("ok"),
    FAILED("failed"),
    TIMEOUT("timeout"),
    EXPIRED("expired"),
    UNKNOWN_MODEL("unknown_model"),
    /** Answered from the exact cache. */
    CACHED("cached"),
    /** A redelivery of a request whose outcome was published before: acknowledged, nothing called. */
    ALREADY_DONE("already_done"),
    WORKER_ERROR("worker_error");

    private final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }

    String tag() {
      return tag;
    }
  }
}
