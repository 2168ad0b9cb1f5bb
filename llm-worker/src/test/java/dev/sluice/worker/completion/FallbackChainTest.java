package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ResponseStatus;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.worker.Requests;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.WorkerSettings;
import dev.sluice.worker.provider.CallResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routes with two targets on two real simulators: provider {@code openai} (the primary, a simulator under that name
 * so the shipped price table prices it) and provider {@code simulator} (the fallback).
 */
class FallbackChainTest {

  private static final String KEY = "sk-simulator";
  private static final Clock CLOCK = Clock.systemUTC();
  private static final String FAILED_OVER = "strong -> openai:gpt-4o; fallback openai:gpt-4o -> simulator:gpt-4o ";

  private final HandlerHarness harness = new HandlerHarness();
  private final RecordingPublisher published = harness.published;
  private final SimpleMeterRegistry meters = harness.meters;
  private LlmSimulator primary;
  private LlmSimulator fallback;

  @AfterEach
  void stop() throws Exception {
    harness.close();
    Stream.of(primary, fallback).filter(s -> s != null).forEach(LlmSimulator::close);
  }

  @Test
  void theBreakerOpensAfterFailuresAndTheChainFallsBackToTheSecondProvider() throws Exception {
    start(s -> s.withFaultRates(new FaultRates(0, 1, 0, 0)), s -> s);
    // Two attempts per target; the breaker judges the last 4 calls once 4 were made.
    CompletionHandler handler = harness.handler(settings(KEY, 2, WorkerSettings.breaker(4, 4), 16,
        Duration.ofSeconds(5)), CLOCK, 5);

    for (int i = 0; i < 5; i++) {
      handler.handle(Requests.chat("r-" + i, "strong", "question " + i, CLOCK.instant().plusSeconds(30)))
          .get(20, TimeUnit.SECONDS);
    }

    List<Completion> completions = published.outcomes().stream().map(WorkerOutcome::completion).toList();
    assertThat(completions).allSatisfy(completion -> {
      assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
      assertThat(completion.getProvider()).as("what answered").isEqualTo("simulator");
      assertThat(completion.getModel()).isEqualTo("gpt-4o");
    });
    assertThat(completions).extracting(Completion::getAttempts).containsExactly(3, 3, 1, 1, 1);
    assertThat(completions.subList(0, 2)).extracting(Completion::getRoute).containsOnly(FAILED_OVER
        + "(openai:gpt-4o failed 2 times, last with provider_server_error)");
    assertThat(completions.subList(2, 5)).extracting(Completion::getRoute).containsOnly(FAILED_OVER
        + "(openai's circuit is open)");
    assertThat(primary.receivedCalls()).as("2 requests x 2 attempts, then the circuit was open").hasSize(4);
    assertThat(fallback.receivedCalls()).hasSize(5);
    assertThat(published.outcomes()).allSatisfy(outcome -> assertThat(outcome.usage()).singleElement()
        .satisfies(usage -> {
          assertThat(usage.getProvider()).as("the failed calls were not billed").isEqualTo("simulator");
          assertThat(usage.getCostNanos()).isEqualTo(outcome.completion().getCostNanos()).isPositive();
        }));
    assertThat(fallbacks("retries_exhausted")).isEqualTo(2.0);
    assertThat(fallbacks("circuit_open")).isEqualTo(3.0);
    assertThat(meters.get("sluice.worker.provider.circuit.state").tags("provider", "openai", "state", "open")
        .gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("sluice.worker.provider.circuit.state").tags("provider", "simulator", "state", "closed")
        .gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("sluice.worker.provider.circuit.transitions")
        .tags("provider", "openai", "from", "closed", "to", "open").counter().count()).isEqualTo(1.0);
    assertThat(meters.get(CallMetrics.RETRIES).tags("provider", "openai").counter().count()).isEqualTo(2.0);
  }

  @Test
  void aBadRequestFailsAtOnceWithTheProvidersReasonAndNeitherFallsBackNorTripsTheBreaker() throws Exception {
    start(s -> s, s -> s);
    CompletionHandler handler = harness.handler(settings(KEY, 3, WorkerSettings.breaker(4, 4), 16,
        Duration.ofSeconds(5)), CLOCK, 5);

    for (int i = 0; i < 5; i++) {
      ChatRequest request = Requests.chat("r-400-" + i, "strong", "Hi", CLOCK.instant().plusSeconds(30));
      request.setParams(ChatParams.newBuilder().setMaxTokens(0).build());
      handler.handle(request).get(20, TimeUnit.SECONDS);
    }

    assertThat(published.outcomes()).hasSize(5).allSatisfy(outcome -> {
      Completion completion = outcome.completion();
      assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
      assertThat(completion.getError().getCode()).isEqualTo("bad_request");
      assertThat(completion.getError().getMessage()).contains("openai answered HTTP 400", "max_completion_tokens");
      assertThat(completion.getAttempts()).isEqualTo(1);
      assertThat(completion.getProvider()).isEqualTo("openai");
      assertThat(completion.getRoute()).isEqualTo("strong -> openai:gpt-4o");
      assertThat(outcome.usage()).isEmpty();
    });
    assertThat(meters.find(CallMetrics.FALLBACKS).counters()).isEmpty();
    assertThat(meters.find(CallMetrics.RETRIES).counters()).isEmpty();
    assertThat(meters.get("sluice.worker.provider.circuit.state").tags("provider", "openai", "state", "closed")
        .gauge().value()).as("a bad request says nothing about the provider's health").isEqualTo(1.0);
  }

  @Test
  void aRefusedKeyEndsTheRequestWithoutTryingTheNextTarget() throws Exception {
    start(s -> s, s -> s);
    WorkerProperties properties = settings("sk-wrong", 3, WorkerSettings.breaker(4, 4), 16, Duration.ofSeconds(5));
    Map<String, WorkerProperties.Provider> providers = new LinkedHashMap<>(properties.providers());
    providers.put("simulator", WorkerSettings.provider(fallback.baseUrl(), KEY, List.of("gpt-4o", "gpt-4o-mini"),
        16, Duration.ofSeconds(5)));
    CompletionHandler handler = harness.handler(WorkerSettings.properties(providers, properties.routes(),
        properties.breaker(), properties.retry()), CLOCK, 5);

    handler.handle(Requests.chat("r-401", "strong", "Hi", CLOCK.instant().plusSeconds(30)))
        .get(20, TimeUnit.SECONDS);

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
    assertThat(completion.getError().getCode()).isEqualTo("unauthorized");
    assertThat(completion.getAttempts()).isEqualTo(1);
    assertThat(fallback.receivedCalls()).as("the fallback, which would have answered, was not asked").isEmpty();
  }

  @Test
  void theDeadlineEndsTheChainWithTimeoutAndNoCallStartsAfterIt() throws Exception {
    start(s -> s.withLatencyMs(10_000), s -> s);
    CallLog log = new CallLog(CLOCK);
    CompletionHandler handler = harness.handler(settings(KEY, 2, WorkerSettings.breaker(20, 10), 16,
        Duration.ofSeconds(30)), CLOCK, 5, log);
    Instant deadline = CLOCK.instant().plusSeconds(2);

    handler.handle(Requests.chat("r-dl", "strong", "Hi", deadline)).get(30, TimeUnit.SECONDS);

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.TIMEOUT);
    assertThat(completion.getError().getCode()).isIn("provider_timeout", "deadline_exceeded");
    List<CallLog.Call> calls = log.calls();
    assertThat(calls).isNotEmpty()
        .allSatisfy(call -> assertThat(call.startedAt()).isBefore(deadline));
    assertThat(calls.get(0).provider()).isEqualTo("openai");
    assertThat(completion.getAttempts()).isEqualTo(calls.size());
    assertThat(published.single().usage()).isEmpty();
  }

  @Test
  void aProviderAtItsConcurrencyLimitPassesTheRequestOn() throws Exception {
    start(s -> s.withLatencyMs(5_000), s -> s);
    CompletionHandler handler = harness.handler(settings(KEY, 2, WorkerSettings.breaker(20, 10), 1,
        Duration.ofSeconds(10)), CLOCK, 5);

    // The primary's one slot is held by the first call for its 5 s latency while the others arrive.
    List<CompletableFuture<Void>> handled = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      handled.add(handler.handle(Requests.chat("r-" + i, "strong", "question " + i,
          CLOCK.instant().plusSeconds(30))));
    }
    CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    Map<String, Completion> byId = published.outcomes().stream().map(WorkerOutcome::completion)
        .collect(Collectors.toMap(Completion::getRequestId, c -> c));
    assertThat(byId.get("r-0").getProvider()).isEqualTo("openai");
    assertThat(byId.get("r-0").getRoute()).isEqualTo("strong -> openai:gpt-4o");
    assertThat(List.of(byId.get("r-1"), byId.get("r-2"))).allSatisfy(completion -> {
      assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
      assertThat(completion.getProvider()).isEqualTo("simulator");
      assertThat(completion.getAttempts()).as("a call not made is no attempt").isEqualTo(1);
      assertThat(completion.getRoute()).isEqualTo(FAILED_OVER + "(openai is at its limit of 1 concurrent calls)");
    });
    assertThat(primary.receivedCalls()).hasSize(1);
    assertThat(fallbacks("at_concurrency_limit")).isEqualTo(2.0);
    assertThat(meters.get("sluice.worker.provider.calls.in.flight").tags("provider", "openai").gauge().value())
        .isZero();
  }

  @Test
  void aFullProviderWithNoTargetLeftIsWaitedForNotFailed() throws Exception {
    start(s -> s.withLatencyMs(300), s -> s);
    CompletionHandler handler = harness.handler(settings(KEY, 2, WorkerSettings.breaker(20, 10), 1,
        Duration.ofSeconds(10)), CLOCK, 5);

    // One slot, three requests at once on a route of one target: two must wait for the slot, one after the other.
    List<CompletableFuture<Void>> handled = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      handled.add(handler.handle(Requests.chat("r-" + i, "solo", "question " + i, CLOCK.instant().plusSeconds(30))));
    }
    CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(published.outcomes()).hasSize(3).extracting(WorkerOutcome::completion).allSatisfy(completion -> {
      assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
      assertThat(completion.getProvider()).isEqualTo("openai");
      assertThat(completion.getAttempts()).isEqualTo(1);
    });
    assertThat(primary.receivedCalls()).hasSize(3);
    assertThat(meters.get(CallMetrics.SLOT_WAITS).tags("provider", "openai").counter().count())
        .isGreaterThanOrEqualTo(2.0);
    assertThat(meters.get("sluice.worker.provider.calls.in.flight").tags("provider", "openai").gauge().value())
        .isZero();
  }

  @Test
  void aWaitForAFullProviderEndsAtTheDeadlineAsTimeout() throws Exception {
    start(s -> s.withLatencyMs(3_000), s -> s);
    CompletionHandler handler = harness.handler(settings(KEY, 2, WorkerSettings.breaker(20, 10), 1,
        Duration.ofSeconds(10)), CLOCK, 5);

    CompletableFuture<Void> holder = handler.handle(Requests.chat("r-holder", "solo", "long question",
        CLOCK.instant().plusSeconds(30)));
    await().atMost(Duration.ofSeconds(5)).until(() -> primary.receivedCalls().size() == 1);
    handler.handle(Requests.chat("r-late", "solo", "short deadline", CLOCK.instant().plusMillis(500)))
        .get(10, TimeUnit.SECONDS);
    holder.get(20, TimeUnit.SECONDS);

    Map<String, Completion> byId = published.outcomes().stream().map(WorkerOutcome::completion)
        .collect(Collectors.toMap(Completion::getRequestId, c -> c));
    assertThat(byId.get("r-holder").getStatus()).isEqualTo(ResponseStatus.OK);
    Completion late = byId.get("r-late");
    assertThat(late.getStatus()).isEqualTo(ResponseStatus.TIMEOUT);
    assertThat(late.getError().getCode()).isEqualTo("deadline_exceeded");
    assertThat(late.getAttempts()).isZero();
    assertThat(primary.receivedCalls()).hasSize(1);
  }

  @Test
  void inAFaultStormEveryRequestEndsAndNoCallStartsAfterItsDeadline() throws Exception {
    // Per call: 50% 429 (Retry-After 0), 20% 500, 10% held past the 2 s call timeout; fixed seeds.
    FaultRates storm = new FaultRates(0.5, 0.2, 0.1, 0);
    start(s -> s.withSeed(7).withFaultRates(storm).withRetryAfterSeconds(0).withTimeoutHoldMs(5_000),
        s -> s.withSeed(8).withFaultRates(storm).withRetryAfterSeconds(0).withTimeoutHoldMs(5_000));
    CallLog log = new CallLog(CLOCK);
    CompletionHandler handler = harness.handler(settings(KEY, 3, WorkerSettings.breaker(20, 10), 64,
        Duration.ofSeconds(2)), CLOCK, 5, log);
    List<CompletableFuture<Void>> handled = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      handled.add(handler.handle(Requests.chat("r-" + i, i % 2 == 0 ? "strong" : "cheap", "storm " + i,
          CLOCK.instant().plusSeconds(30))));
    }
    CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);

    List<CallLog.Call> calls = log.calls();
    assertThat(calls).allSatisfy(call -> {
      assertThat(call.startedAt()).isBefore(call.deadline());
      assertThat(call.timeout()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    });
    Map<String, List<CallLog.Call>> callsByRequest = calls.stream()
        .collect(Collectors.groupingBy(CallLog.Call::requestId));
    List<WorkerOutcome> outcomes = published.outcomes();
    assertThat(outcomes).hasSize(40);
    int fallbacksInRoutes = 0;
    for (WorkerOutcome outcome : outcomes) {
      Completion completion = outcome.completion();
      List<CallLog.Call> made = callsByRequest.getOrDefault(completion.getRequestId(), List.of());
      assertThat(completion.getAttempts()).as("attempts of %s", completion.getRequestId()).isEqualTo(made.size());
      assertThat(made.stream().collect(Collectors.groupingBy(CallLog.Call::provider, Collectors.counting())))
          .as("calls per target of %s", completion.getRequestId()).allSatisfy((provider, count) ->
              assertThat(count).isLessThanOrEqualTo(3));
      if (completion.getStatus() == ResponseStatus.OK) {
        CallLog.Call answering = made.get(made.size() - 1);
        assertThat(answering.result()).isInstanceOf(CallResult.Answered.class);
        assertThat(completion.getProvider()).isEqualTo(answering.provider());
        assertThat(outcome.usage()).singleElement().satisfies(usage -> {
          assertThat(usage.getProvider()).isEqualTo(completion.getProvider());
          assertThat(usage.getCostNanos()).isEqualTo(completion.getCostNanos()).isPositive();
        });
      } else {
        assertThat(completion.getStatus()).isIn(ResponseStatus.FAILED, ResponseStatus.TIMEOUT);
        assertThat(completion.getError().getCode())
            .isIn("rate_limited", "provider_server_error", "provider_timeout", "provider_unavailable");
        assertThat(outcome.usage()).as("faults are not billed").isEmpty();
      }
      fallbacksInRoutes += completion.getRoute().split("; fallback ", -1).length - 1;
    }
    assertThat(outcomes).extracting(o -> o.completion().getStatus()).contains(ResponseStatus.OK);
    assertThat(fallbacksInRoutes).as("some requests fell back").isPositive();
    double fallbacksCounted = meters.find(CallMetrics.FALLBACKS).counters().stream().mapToDouble(Counter::count).sum();
    assertThat(fallbacksCounted).isEqualTo(fallbacksInRoutes);
    assertThat(outcomes.stream().mapToLong(o -> o.usage().size()).sum()).as("one UsageRecord per answered call")
        .isEqualTo(calls.stream().filter(call -> call.result() instanceof CallResult.Answered).count());
    assertThat(primary.receivedCalls().size() + fallback.receivedCalls().size())
        .as("calls the simulators read").isLessThanOrEqualTo(calls.size());
  }

  private void start(UnaryOperator<SimulatorSettings> primarySettings,
      UnaryOperator<SimulatorSettings> fallbackSettings) {
    SimulatorSettings base = SimulatorSettings.defaults().withApiKey(Optional.of(KEY));
    primary = LlmSimulator.start(primarySettings.apply(base));
    fallback = LlmSimulator.start(fallbackSettings.apply(base));
  }

  /** Both simulators serve gpt-4o and gpt-4o-mini; every route and model tries openai first. */
  private WorkerProperties settings(String primaryKey, int maxAttempts, WorkerProperties.Breaker breaker,
      int primaryConcurrency, Duration callTimeout) {
    List<String> models = List.of("gpt-4o", "gpt-4o-mini");
    Map<String, WorkerProperties.Provider> providers = new LinkedHashMap<>();
    providers.put("openai", WorkerSettings.provider(primary.baseUrl(), primaryKey, models, primaryConcurrency,
        callTimeout));
    providers.put("simulator", WorkerSettings.provider(fallback.baseUrl(), KEY, models, 64, callTimeout));
    Map<String, List<String>> routes = new LinkedHashMap<>();
    routes.put("strong", List.of("openai:gpt-4o", "simulator:gpt-4o"));
    routes.put("cheap", List.of("openai:gpt-4o-mini", "simulator:gpt-4o-mini"));
    routes.put("solo", List.of("openai:gpt-4o"));
    routes.put("gpt-4o", routes.get("strong"));
    routes.put("gpt-4o-mini", routes.get("cheap"));
    return WorkerSettings.properties(providers, routes, breaker,
        new WorkerProperties.Retry(maxAttempts, Duration.ofMillis(5), Duration.ofMillis(50)));
  }

  private double fallbacks(String reason) {
    return meters.get(CallMetrics.FALLBACKS).tags("reason", reason).counters().stream()
        .mapToDouble(Counter::count).sum();
  }
}
