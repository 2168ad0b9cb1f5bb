package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ResponseStatus;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.RecordedCall;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.simulator.fault.Fault;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.worker.Requests;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.WorkerSettings;
import dev.sluice.worker.provider.CallResult;
import dev.sluice.worker.provider.ChatProvider;
import dev.sluice.worker.provider.GatedProvider;
import dev.sluice.worker.provider.OpenAiChatProvider;
import dev.sluice.worker.provider.Providers;
import dev.sluice.worker.resilience.ConcurrencyLimit;
import dev.sluice.worker.resilience.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries of the handler with the real provider client against the real simulator and its injected faults. */
class RetryingCompletionTest {

  private static final String KEY = "sk-simulator";
  private static final Clock CLOCK = Clock.systemUTC();

  private final HandlerHarness harness = new HandlerHarness();
  private final RecordingPublisher published = harness.published;
  private final SimpleMeterRegistry meters = harness.meters;
  private LlmSimulator simulator;

  @AfterEach
  void stop() throws Exception {
    harness.close();
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void throttledAndFailingCallsAreRetriedAndOnlyAnsweredCallsBilled() throws Exception {
    start(settings -> settings.withSeed(11).withFaultRates(new FaultRates(0.5, 0.2, 0, 0)).withRetryAfterSeconds(0));
    CompletionHandler handler = handler(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20)));
    Map<String, String> questionById = new HashMap<>();
    List<CompletableFuture<Void>> handled = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ChatRequest request = Requests.chat("r-" + i, "gpt-4o-mini", "question " + i, CLOCK.instant().plusSeconds(30));
      questionById.put(request.getRequestId(), "question " + i);
      handled.add(handler.handle(request));
    }
    CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    Map<String, Long> callsByQuestion = simulator.receivedCalls().stream()
        .collect(Collectors.groupingBy(RecordedCall::lastUserContent, Collectors.counting()));
    List<WorkerOutcome> outcomes = published.outcomes();
    assertThat(outcomes).hasSize(30);
    for (WorkerOutcome outcome : outcomes) {
      Completion completion = outcome.completion();
      assertThat(completion.getAttempts()).as("attempts of %s", completion.getRequestId())
          .isEqualTo(callsByQuestion.get(questionById.get(completion.getRequestId())).intValue());
      assertThat(completion.getStatus()).isIn(ResponseStatus.OK, ResponseStatus.FAILED);
      if (completion.getStatus() == ResponseStatus.OK) {
        assertThat(outcome.usage()).singleElement()
            .satisfies(usage -> assertThat(usage.getCostNanos()).isEqualTo(completion.getCostNanos()).isPositive());
      } else {
        assertThat(completion.getAttempts()).isEqualTo(4);
        assertThat(completion.getError().getCode()).isIn("rate_limited", "provider_server_error");
        assertThat(completion.getError().getMessage()).contains("gave up after 4 attempts");
        assertThat(outcome.usage()).isEmpty();
        assertThat(completion.getCostNanos()).isZero();
      }
    }
    assertThat(outcomes).extracting(o -> o.completion().getStatus()).contains(ResponseStatus.OK);
    int attempts = outcomes.stream().mapToInt(o -> o.completion().getAttempts()).sum();
    assertThat(attempts).as("some requests were retried").isGreaterThan(30);
    double retries = meters.find(CallMetrics.RETRIES).counters().stream().mapToDouble(Counter::count).sum();
    assertThat(retries).isEqualTo(attempts - 30);
    assertThat(meters.get(CallMetrics.RETRIES).tags("reason", "rate_limited").counter().count()).isPositive();
    DistributionSummary attemptsPerRequest = meters.get(CallMetrics.ATTEMPTS).summary();
    assertThat(attemptsPerRequest.count()).isEqualTo(30);
    assertThat(attemptsPerRequest.totalAmount()).isEqualTo(attempts);
  }

  @Test
  void aRetryWaitsAsLongAsTheProvidersRetryAfter() throws Exception {
    // Seed 1 with half the calls throttled: the first call gets a 429, the second an answer.
    start(settings -> settings.withSeed(1).withFaultRates(new FaultRates(0.5, 0, 0, 0)).withRetryAfterSeconds(1));
    CompletionHandler handler = handler(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(2)));

    handler.handle(Requests.chat("r-ra", "gpt-4o", "Hi", CLOCK.instant().plusSeconds(10))).get(20, TimeUnit.SECONDS);

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
    assertThat(completion.getAttempts()).isEqualTo(2);
    List<RecordedCall> calls = simulator.receivedCalls();
    assertThat(calls).extracting(RecordedCall::fault).containsExactly(Fault.RATE_LIMIT, Fault.NONE);
    assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(published.single().usage()).hasSize(1);
  }

  @Test
  void retriesStopAtTheDeadlineWithTheLastError() throws Exception {
    start(settings -> settings.withFaultRates(new FaultRates(0, 1, 0, 0)));
    CompletionHandler handler = handler(new RetryPolicy(100, Duration.ofMillis(50), Duration.ofMillis(200)));
    Instant deadline = CLOCK.instant().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);

    handler.handle(Requests.chat("r-dl", "gpt-4o", "Hi", deadline)).get(20, TimeUnit.SECONDS);

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.TIMEOUT);
    // The last attempt may start so close to the deadline that its shortened call timeout cuts it off.
    assertThat(completion.getError().getCode()).isIn("provider_server_error", "provider_timeout");
    assertThat(completion.getError().getMessage()).contains("no further attempt", deadline.toString());
    List<RecordedCall> calls = simulator.receivedCalls();
    assertThat(completion.getAttempts()).isGreaterThan(1).isEqualTo(calls.size());
    assertThat(calls).allSatisfy(call -> assertThat(call.receivedAt()).isBefore(deadline));
    assertThat(meters.get(CallMetrics.OUTCOMES).tags("outcome", "timeout").counter().count()).isEqualTo(1.0);
  }

  @Test
  void aRefusedKeyIsNotRetried() throws Exception {
    start(settings -> settings);
    OpenAiChatProvider client =
        OpenAiChatProvider.connect("simulator", simulator.baseUrl(), "sk-wrong", 16, Duration.ofSeconds(2));
    CountingProvider counting = new CountingProvider(client);
    Providers providers = new Providers(List.of(new GatedProvider(counting, CircuitBreaker.ofDefaults("simulator"),
        new ConcurrencyLimit(16), Duration.ofSeconds(5))), List.of(client));
    CompletionHandler handler = harness.handler(settings(new RetryPolicy(4, Duration.ofMillis(5),
        Duration.ofMillis(20))), providers, CLOCK, 3);

    handler.handle(Requests.chat("r-401", "gpt-4o", "Hi", CLOCK.instant().plusSeconds(10))).get(20, TimeUnit.SECONDS);

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
    assertThat(completion.getError().getCode()).isEqualTo("unauthorized");
    assertThat(completion.getError().getMessage()).contains("Incorrect API key provided.")
        .doesNotContain("gave up");
    assertThat(completion.getAttempts()).isEqualTo(1);
    assertThat(counting.calls.get()).isEqualTo(1);
    assertThat(meters.find(CallMetrics.RETRIES).counters()).isEmpty();
  }

  @Test
  void unreadableAnswersAreRetriedAndNotBilled() throws Exception {
    start(settings -> settings.withFaultRates(new FaultRates(0, 0, 0, 1)));
    CompletionHandler handler = handler(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)));

    handler.handle(Requests.chat("r-bad", "gpt-4o", "Hi", CLOCK.instant().plusSeconds(10))).get(20, TimeUnit.SECONDS);

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
    assertThat(completion.getError().getCode()).isEqualTo("invalid_provider_response");
    assertThat(completion.getAttempts()).isEqualTo(3);
    assertThat(simulator.receivedCalls()).hasSize(3);
    assertThat(published.single().usage()).as("a cut-off answer reports no usage to bill").isEmpty();
    assertThat(meters.get(CallMetrics.RETRIES).tags("provider", "simulator", "reason", "malformed").counter().count())
        .isEqualTo(2.0);
  }

  private void start(Function<SimulatorSettings, SimulatorSettings> settings) {
    simulator = LlmSimulator.start(settings.apply(SimulatorSettings.defaults().withApiKey(Optional.of(KEY))));
  }

  private CompletionHandler handler(RetryPolicy policy) {
    return harness.handler(settings(policy), CLOCK, 3);
  }

  /**
   * One simulator as provider {@code simulator}; its breaker needs more calls than any test here makes, so these
   * tests see retries alone (FallbackChainTest covers the breaker).
   */
  private WorkerProperties settings(RetryPolicy policy) {
    return WorkerSettings.properties(
        Map.of("simulator", WorkerSettings.provider(simulator.baseUrl(), KEY, List.of("gpt-4o", "gpt-4o-mini"), 64,
            Duration.ofSeconds(5))),
        Map.of("cheap", List.of("simulator:gpt-4o-mini"), "strong", List.of("simulator:gpt-4o")),
        WorkerSettings.breaker(1_000, 1_000),
        new WorkerProperties.Retry(policy.maxAttempts(), policy.baseDelay(), policy.maxDelay()));
  }

  /** Counts the calls that reach the real provider. */
  private static final class CountingProvider implements ChatProvider {

    private final ChatProvider delegate;
    private final AtomicInteger calls = new AtomicInteger();

    CountingProvider(ChatProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public CompletableFuture<CallResult> complete(ChatRequest request, String model, Duration timeout) {
      calls.incrementAndGet();
      return delegate.complete(request, model, timeout);
    }
  }
}
