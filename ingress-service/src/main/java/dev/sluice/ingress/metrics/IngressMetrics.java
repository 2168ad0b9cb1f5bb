package dev.sluice.ingress.metrics;

import dev.sluice.events.ResponseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The ingress's own meters. Tags are low-cardinality by construction: HTTP status codes, response statuses and
 * fixed reasons, never tenants, models or request ids.
 */
public final class IngressMetrics {

  private final MeterRegistry registry;

  public IngressMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One finished chat completion call: counted by HTTP status, timed by outcome class. */
  public void requestCompleted(int httpStatus, Duration latency) {
    Counter.builder("sluice.ingress.requests")
        .description("Chat completion requests by HTTP status")
        .tag("status", Integer.toString(httpStatus))
        .register(registry)
        .increment();
    Timer.builder("sluice.ingress.request.latency")
        .description("Time from receiving a chat completion request to answering it")
        .tag("outcome", outcome(httpStatus))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry)
        .record(latency);
  }

  /** A response that completed one of this replica's waiting callers. */
  public void responseMatched(ResponseStatus status) {
    Counter.builder("sluice.ingress.responses")
        .description("Responses that answered a caller waiting on this replica, by response status")
        .tag("status", status.name())
        .register(registry)
        .increment();
  }

  /** A response with no caller here: another replica's, or one that arrived after its caller timed out. */
  public void responseUnmatched() {
    Counter.builder("sluice.ingress.responses.unmatched")
        .description("Responses for requests no caller on this replica waits for")
        .register(registry)
        .increment();
  }

  /** A record on the responses topic that could not be decoded and was skipped. */
  public void responseUndecodable() {
    Counter.builder("sluice.ingress.responses.undecodable")
        .description("Records on the responses topic that could not be decoded")
        .register(registry)
        .increment();
  }

  /** A request turned away before it was published. */
  public void requestShed(String reason) {
    Counter.builder("sluice.ingress.shed")
        .description("Requests turned away with 503 before they were published, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void publishFailed() {
    Counter.builder("sluice.ingress.publish.failures")
        .description("Requests the requests topic did not take")
        .register(registry)
        .increment();
  }

  /** Reports how many callers wait for a response, and how many may. */
  public void bindPending(Supplier<Number> waiting, int capacity) {
    Gauge.builder("sluice.ingress.pending", waiting)
        .description("Callers waiting for their response on this replica")
        .register(registry);
    Gauge.builder("sluice.ingress.pending.capacity", () -> capacity)
        .description("How many callers may wait at once before requests are shed")
        .register(registry);
  }

  private static String outcome(int httpStatus) {
    if (httpStatus < 400) {
      return "success";
    }
    return httpStatus < 500 ? "client_error" : "server_error";
  }
}
