package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.UsageRecord;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.worker.Requests;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler with the real provider client against the real simulator; only the Kafka side is replaced. */
class CompletionHandlerTest {

  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  private static final String KEY = "sk-simulator";

  private final HandlerHarness harness = new HandlerHarness();
  private final RecordingPublisher published = harness.published;
  private LlmSimulator simulator;

  @BeforeEach
  void start() {
    simulator = LlmSimulator.start(SimulatorSettings.defaults().withApiKey(Optional.of(KEY)));
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
    simulator.close();
  }

  @Test
  void anAnswerIsPublishedWithItsPricedUsage() throws Exception {
    handle(handler(Clock.fixed(NOW, ZoneOffset.UTC)), Requests.chat("r-ok", "gpt-4o", "What is Kafka?",
        NOW.plusSeconds(30)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
    assertThat(completion.getContent()).isEqualTo("Simulated answer to: What is Kafka?");
    assertThat(completion.getFinishReason()).isEqualTo("stop");
    assertThat(completion.getProvider()).isEqualTo("simulator");
    assertThat(completion.getModel()).isEqualTo("gpt-4o");
    assertThat(completion.getRoute()).isEqualTo("gpt-4o -> simulator:gpt-4o");
    assertThat(completion.getUsage().getInputTokens()).isEqualTo(15);
    assertThat(completion.getUsage().getOutputTokens()).isEqualTo(9);
    // 15 input tokens at $2.50/M + 9 output tokens at $10/M
    assertThat(completion.getCostNanos()).isEqualTo(37_500L + 90_000L);
    assertThat(completion.getAttempts()).isEqualTo(1);
    assertThat(completion.getError()).isNull();

    UsageRecord usage = published.single().usage().get(0);
    assertThat(published.single().usage()).hasSize(1);
    assertThat(UUID.fromString(usage.getCallId())).isNotNull();
    assertThat(usage.getCostNanos()).isEqualTo(completion.getCostNanos());
    assertThat(usage.getUsage()).isEqualTo(completion.getUsage());
    assertThat(usage.getModel()).isEqualTo("gpt-4o");
    assertThat(harness.meters.get(CallMetrics.OUTCOMES)
        .tags("provider", "simulator", "model", "gpt-4o", "outcome", "ok").counter().count()).isEqualTo(1.0);
    assertThat(harness.meters.get(CallMetrics.LATENCY).tags("outcome", "ok").timer().count()).isEqualTo(1);
  }

  @Test
  void anAliasIsServedByItsTargetModelAndPricedAsIt() throws Exception {
    handle(handler(Clock.fixed(NOW, ZoneOffset.UTC)), Requests.chat("r-alias", "cheap", "What is Kafka?",
        NOW.plusSeconds(30)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
    assertThat(completion.getModel()).isEqualTo("gpt-4o-mini");
    assertThat(completion.getRoute()).isEqualTo("cheap -> simulator:gpt-4o-mini");
    assertThat(simulator.receivedCalls()).singleElement()
        .satisfies(call -> assertThat(call.model()).isEqualTo("gpt-4o-mini"));
    // 15 input tokens at $0.15/M + 9 output tokens at $0.60/M
    assertThat(completion.getCostNanos()).isEqualTo(2_250L + 5_400L);
    assertThat(published.single().usage()).singleElement()
        .satisfies(usage -> assertThat(usage.getModel()).isEqualTo("gpt-4o-mini"));
  }

  @Test
  void autoSendsASimpleQuestionToTheCheapRouteAndCodeToTheStrongOne() throws Exception {
    CompletionHandler handler = handler(Clock.fixed(NOW, ZoneOffset.UTC));
    ChatRequest code = Requests.chat("r-code", "auto", "Why does this fail?\n```java\nint x = null;\n```",
        NOW.plusSeconds(30));

    handle(handler, Requests.chat("r-simple", "auto", "What is Kafka?", NOW.plusSeconds(30)));
    handle(handler, code);

    Completion simple = published.outcomes().get(0).completion();
    assertThat(simple.getModel()).isEqualTo("gpt-4o-mini");
    assertThat(simple.getRoute()).isEqualTo("auto -> cheap: 15 tokens, no complexity signals");
    Completion strong = published.outcomes().get(1).completion();
    assertThat(strong.getModel()).isEqualTo("gpt-4o");
    assertThat(strong.getRoute()).isEqualTo("auto -> strong: 23 tokens, complexity signals: code");
    assertThat(strong.getUsage().getInputTokens()).as("the estimate counts as the simulator does").isEqualTo(23);
    assertThat(harness.meters.get(CallMetrics.AUTO_ROUTED).tags("route", "cheap", "rule", "simple").counter()
        .count()).isEqualTo(1.0);
    assertThat(harness.meters.get(CallMetrics.AUTO_ROUTED).tags("route", "strong", "rule", "signals").counter()
        .count()).isEqualTo(1.0);
  }

  @Test
  void aStrongTierGetsTheStrongRouteForAnyPrompt() throws Exception {
    ChatRequest request = Requests.chat("r-tier", "auto", "Hi", NOW.plusSeconds(30));
    request.setMetadata(Map.of("tier", "premium"));

    handle(handler(Clock.fixed(NOW, ZoneOffset.UTC)), request);

    Completion completion = published.single().completion();
    assertThat(completion.getModel()).isEqualTo("gpt-4o");
    assertThat(completion.getRoute()).isEqualTo("auto -> strong: tenant tier 'premium'");
  }

  @Test
  void everyCallGetsItsOwnCallId() throws Exception {
    CompletionHandler handler = handler(Clock.fixed(NOW, ZoneOffset.UTC));
    handle(handler, Requests.chat("r-a", "gpt-4o-mini", "one", NOW.plusSeconds(30)));
    handle(handler, Requests.chat("r-a", "gpt-4o-mini", "one", NOW.plusSeconds(30)));

    assertThat(published.outcomes()).flatExtracting(WorkerOutcome::usage).extracting(UsageRecord::getCallId)
        .doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void aRefusedCallFailsWithTheProvidersReasonAndBillsNothing() throws Exception {
    CompletionHandler handler = harness.handler(settings("sk-wrong", Duration.ofSeconds(10), 4),
        Clock.fixed(NOW, ZoneOffset.UTC), 7);

    handle(handler, Requests.chat("r-401", "gpt-4o", "Hi", NOW.plusSeconds(30)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
    assertThat(completion.getError().getCode()).isEqualTo("unauthorized");
    assertThat(completion.getError().getMessage()).contains("Incorrect API key provided.");
    assertThat(completion.getCostNanos()).isZero();
    assertThat(completion.getAttempts()).isEqualTo(1);
    assertThat(published.single().usage()).isEmpty();
  }

  @Test
  void anExpiredRequestTimesOutWithoutReachingTheProvider() throws Exception {
    handle(handler(Clock.fixed(NOW, ZoneOffset.UTC)), Requests.chat("r-late", "gpt-4o", "Hi", NOW.minusMillis(1)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.TIMEOUT);
    assertThat(completion.getError().getCode()).isEqualTo("deadline_exceeded");
    assertThat(completion.getAttempts()).isZero();
    assertThat(completion.getProvider()).isEqualTo("none");
    assertThat(published.single().usage()).isEmpty();
    assertThat(simulator.receivedCalls()).isEmpty();
    assertThat(harness.meters.get(CallMetrics.OUTCOMES).tags("outcome", "expired").counter().count()).isEqualTo(1.0);
  }

  @Test
  void aModelNothingServesIsNeverCalled() throws Exception {
    handle(handler(Clock.fixed(NOW, ZoneOffset.UTC)), Requests.chat("r-x", "gpt-9-ultra", "Hi", NOW.plusSeconds(30)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
    assertThat(completion.getError().getCode()).isEqualTo("unknown_model");
    assertThat(completion.getError().getMessage()).contains("'gpt-9-ultra'", "auto", "cheap",
        "strong", "gpt-4o-mini");
    assertThat(completion.getRoute()).isNull();
    assertThat(simulator.receivedCalls()).isEmpty();
    assertThat(harness.meters.get(CallMetrics.OUTCOMES).tags("model", "other", "outcome", "unknown_model").counter()
        .count()).as("an unknown model name does not become a tag value").isEqualTo(1.0);
  }

  @Test
  void aCallCutShortByTheDeadlineTimesOut() throws Exception {
    simulator.updateSettings(settings -> settings.withLatencyMs(5_000));
    Clock clock = Clock.systemUTC();

    // Long enough that a busy machine still makes the call before the deadline, short enough to cut it off.
    handle(handler(clock), Requests.chat("r-slow", "gpt-4o", "Hi", clock.instant().plusSeconds(1)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.TIMEOUT);
    assertThat(completion.getError().getCode()).isEqualTo("provider_timeout");
    assertThat(completion.getAttempts()).isEqualTo(1);
    assertThat(simulator.receivedCalls()).hasSize(1);
  }

  @Test
  void aCallCutShortByTheConfiguredLimitFailsWhileTheDeadlineIsStillAhead() throws Exception {
    simulator.updateSettings(settings -> settings.withLatencyMs(5_000));
    Clock clock = Clock.systemUTC();
    CompletionHandler handler = harness.handler(settings(KEY, Duration.ofMillis(300), 2), clock, 7);

    handle(handler, Requests.chat("r-limit", "gpt-4o", "Hi", clock.instant().plusSeconds(60)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
    assertThat(completion.getError().getCode()).isEqualTo("provider_timeout");
    assertThat(completion.getError().getMessage()).contains("gave up after 2 attempts");
    assertThat(completion.getAttempts()).isEqualTo(2);
    assertThat(simulator.receivedCalls()).hasSize(2);
  }

  private CompletionHandler handler(Clock clock) {
    return harness.handler(settings(KEY, Duration.ofSeconds(10), 4), clock, 7);
  }

  /** One simulator serving gpt-4o and gpt-4o-mini, with routes cheap and strong onto them. */
  private WorkerProperties settings(String apiKey, Duration callTimeout, int maxAttempts) {
    return WorkerSettings.properties(
        Map.of("simulator", WorkerSettings.provider(simulator.baseUrl(), apiKey, List.of("gpt-4o", "gpt-4o-mini"),
            16, callTimeout)),
        Map.of("cheap", List.of("simulator:gpt-4o-mini"), "strong", List.of("simulator:gpt-4o")),
        WorkerSettings.breaker(20, 10),
        new WorkerProperties.Retry(maxAttempts, Duration.ofMillis(10), Duration.ofMillis(100)));
  }

  private static void handle(CompletionHandler handler, ChatRequest request) throws Exception {
    handler.handle(request).get(20, TimeUnit.SECONDS);
  }
}
