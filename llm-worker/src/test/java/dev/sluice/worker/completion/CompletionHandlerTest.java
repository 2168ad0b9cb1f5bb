package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.UsageRecord;
import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.worker.Requests;
import dev.sluice.worker.pricing.CallPricer;
import dev.sluice.worker.provider.OpenAiChatProvider;
import dev.sluice.worker.resilience.Backoff;
import dev.sluice.worker.resilience.RetryPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler with the real provider client against the real simulator; only the Kafka side is replaced. */
class CompletionHandlerTest {

  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private final RecordingPublisher published = new RecordingPublisher();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final CallPricer pricer = new CallPricer(PriceTable.defaults());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private LlmSimulator simulator;
  private OpenAiChatProvider provider;

  @BeforeEach
  void start() {
    simulator = LlmSimulator.start(SimulatorSettings.defaults().withApiKey(Optional.of("sk-simulator")));
    provider = OpenAiChatProvider.connect("simulator", simulator.baseUrl(), "sk-simulator", 16, Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    provider.close();
    simulator.close();
    scheduler.shutdownNow();
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
    assertThat(meters.get(CallMetrics.OUTCOMES).tags("provider", "simulator", "model", "gpt-4o", "outcome", "ok")
        .counter().count()).isEqualTo(1.0);
    assertThat(meters.get(CallMetrics.LATENCY).tags("outcome", "ok").timer().count()).isEqualTo(1);
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
    provider.close();
    provider = OpenAiChatProvider.connect("simulator", simulator.baseUrl(), "sk-wrong", 16, Duration.ofSeconds(2));

    handle(handler(Clock.fixed(NOW, ZoneOffset.UTC)), Requests.chat("r-401", "gpt-4o", "Hi", NOW.plusSeconds(30)));

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
    assertThat(published.single().usage()).isEmpty();
    assertThat(simulator.receivedCalls()).isEmpty();
    assertThat(meters.get(CallMetrics.OUTCOMES).tags("outcome", "expired").counter().count()).isEqualTo(1.0);
  }

  @Test
  void aModelWithoutAPriceIsNeverCalled() throws Exception {
    handle(handler(Clock.fixed(NOW, ZoneOffset.UTC)), Requests.chat("r-x", "gpt-9-ultra", "Hi", NOW.plusSeconds(30)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
    assertThat(completion.getError().getCode()).isEqualTo("unpriced_model");
    assertThat(completion.getError().getMessage()).contains("gpt-9-ultra");
    assertThat(simulator.receivedCalls()).isEmpty();
    assertThat(meters.get(CallMetrics.OUTCOMES).tags("model", "other", "outcome", "unpriced").counter().count())
        .as("an unpriced model name does not become a tag value").isEqualTo(1.0);
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
    CompletionHandler handler = new CompletionHandler(provider, pricer, published, new CallMetrics(meters, pricer),
        Duration.ofMillis(300), new Backoff(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)),
        new Random(7)), scheduler, clock);

    handle(handler, Requests.chat("r-limit", "gpt-4o", "Hi", clock.instant().plusSeconds(60)));

    Completion completion = published.single().completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.FAILED);
    assertThat(completion.getError().getCode()).isEqualTo("provider_timeout");
    assertThat(completion.getError().getMessage()).contains("gave up after 2 attempts");
    assertThat(completion.getAttempts()).isEqualTo(2);
    assertThat(simulator.receivedCalls()).hasSize(2);
  }

  private CompletionHandler handler(Clock clock) {
    return new CompletionHandler(provider, pricer, published, new CallMetrics(meters, pricer), Duration.ofSeconds(10),
        new Backoff(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(100)), new Random(7)), scheduler,
        clock);
  }

  private static void handle(CompletionHandler handler, ChatRequest request) throws Exception {
    handler.handle(request).get(20, TimeUnit.SECONDS);
  }
}
