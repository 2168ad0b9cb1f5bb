package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.Role;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.WorkerSettings;
import dev.sluice.worker.cache.ExactCache;
import dev.sluice.worker.cache.ExactCacheProperties;
import dev.sluice.worker.cache.semantic.LuceneVectorStore;
import dev.sluice.worker.cache.semantic.NearMissGuard;
import dev.sluice.worker.cache.semantic.SemanticCache;
import dev.sluice.worker.cache.semantic.SharedMiniLm;
import dev.sluice.worker.dedupe.RedeliveryLedger;
import dev.sluice.worker.limits.ProviderRateLimiter;
import dev.sluice.worker.limits.TokenEstimator;
import dev.sluice.worker.provider.Providers;
import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.RedisUnderTest;
import dev.sluice.worker.redis.WorkerRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler with its Redis steps on a real Redis and the real simulator: cache, redelivery record, canary. */
class SharedStepsTest {

  private static final RedisUnderTest REDIS = RedisUnderTest.start();
  private static final String KEY = "sk-simulator";

  private final HandlerHarness harness = new HandlerHarness();
  private final Clock clock = Clock.systemUTC();
  private LlmSimulator simulator;
  private WorkerRedis redis;
  private CompletionHandler handler;
  private WorkerProperties settings;

  @BeforeEach
  void start() {
    REDIS.inspect().flushall();
    simulator = LlmSimulator.start(SimulatorSettings.defaults().withApiKey(Optional.of(KEY)));
    redis = REDIS.connect();
    RedisFallbacks fallbacks = new RedisFallbacks(harness.meters);
    RedisSteps shared = new RedisSteps(
        new RedeliveryLedger(redis, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(15),
            Duration.ofMillis(100), clock, fallbacks, harness.meters),
        new ExactCache(redis, new ExactCacheProperties(true, Duration.ofMinutes(5), true), fallbacks, harness.meters),
        new ProviderRateLimiter(redis, Map.of(), fallbacks, harness.meters),
        new TokenEstimator(256));
    settings = WorkerSettings.properties(
        Map.of("simulator", WorkerSettings.provider(simulator.baseUrl(), KEY, List.of("gpt-4o", "gpt-4o-mini"), 16,
            Duration.ofSeconds(10))),
        Map.of("cheap", List.of("simulator:gpt-4o-mini"), "strong", List.of("simulator:gpt-4o")),
        WorkerSettings.breaker(20, 10), new WorkerProperties.Retry(2, Duration.ofMillis(10), Duration.ofMillis(100)));
    handler = harness.handler(settings, Providers.connect(settings, clock, harness.meters), clock, 7, shared,
        CanaryPlacement.from(() -> "sluice-canary-feedfacecafebeef"));
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
    redis.close();
    simulator.close();
  }

  @AfterAll
  static void stopRedis() {
    REDIS.close();
  }

  @Test
  void aDeterministicRequestAskedAgainIsAnsweredFromTheExactCacheForNothing() throws Exception {
    handle(request("r-1", 0.0, "What is Kafka?"));
    handle(request("r-2", 0.0, "What is Kafka?"));

    Completion first = harness.published.outcomes().get(0).completion();
    Completion second = harness.published.outcomes().get(1).completion();
    assertThat(first.getCache()).isEqualTo(CacheOutcome.NONE);
    assertThat(first.getCostNanos()).isPositive();
    assertThat(second.getStatus()).isEqualTo(ResponseStatus.OK);
    assertThat(second.getCache()).isEqualTo(CacheOutcome.EXACT);
    assertThat(second.getContent()).isEqualTo(first.getContent());
    assertThat(second.getCostNanos()).isZero();
    assertThat(second.getAttempts()).isZero();
    assertThat(harness.published.outcomes().get(1).usage()).singleElement()
        .satisfies(usage -> assertThat(usage.getCostNanos()).isZero());
    assertThat(simulator.receivedCalls()).hasSize(1);
  }

  @Test
  void aSampledRequestIsNotCachedAndAnotherQuestionMisses() throws Exception {
    handle(request("r-1", 0.7, "What is Kafka?"));
    handle(request("r-2", 0.7, "What is Kafka?"));
    handle(request("r-3", 0.0, "What is Redis?"));

    assertThat(harness.published.outcomes()).extracting(outcome -> outcome.completion().getCache())
        .containsOnly(CacheOutcome.NONE);
    assertThat(simulator.receivedCalls()).hasSize(3);
  }

  @Test
  void aRedeliveredRequestWhoseOutcomeWasPublishedIsNotCalledOrPublishedAgain() throws Exception {
    ChatRequest request = request("r-1", 0.7, "What is Kafka?");

    handle(request);
    handle(request);

    assertThat(harness.published.outcomes()).hasSize(1);
    assertThat(simulator.receivedCalls()).hasSize(1);
  }

  @Test
  void theCanaryReachesTheModelInTheSystemPromptAndTheGuardOnTheCompletion() throws Exception {
    ChatRequest request = request("r-1", 0.7, "What is Kafka?");
    request.setMessages(List.of(new ChatMessage(Role.SYSTEM, "You are a helpful assistant.", null),
        new ChatMessage(Role.USER, "What is Kafka?", null)));

    handle(request);

    assertThat(harness.published.single().completion().getCanary()).isEqualTo("sluice-canary-feedfacecafebeef");
    assertThat(simulator.receivedCalls()).singleElement().satisfies(call -> assertThat(call.messages().get(0)
        .content()).contains("sluice-canary-feedfacecafebeef"));
  }

  @Test
  void aParaphraseOfAnEarlierQuestionIsAnsweredFromTheSemanticCacheAndANearMissIsNot() throws Exception {
    try (LuceneVectorStore store = LuceneVectorStore.inMemory(100, clock)) {
      SemanticCache semantic = new SemanticCache(SharedMiniLm.get(), store, new NearMissGuard(),
          new SemanticCache.Settings(0.80, 4, Duration.ofMinutes(5), 1_000), Runnable::run, harness.meters, clock);
      CompletionHandler withSemantic = harness.handler(settings, Providers.connect(settings, clock, harness.meters),
          clock, 7, RedisSteps.off(), CanaryPlacement.disabled(), semantic);

      withSemantic.handle(request("r-1", 0.0, "What is the capital of France?")).get(30, TimeUnit.SECONDS);
      withSemantic.handle(request("r-2", 0.0, "What's the capital city of France?")).get(30, TimeUnit.SECONDS);
      withSemantic.handle(request("r-3", 0.0, "What is the capital of Spain?")).get(30, TimeUnit.SECONDS);

      Completion paraphrase = harness.published.outcomes().get(1).completion();
      assertThat(paraphrase.getCache()).isEqualTo(CacheOutcome.SEMANTIC);
      assertThat(paraphrase.getContent()).isEqualTo(harness.published.outcomes().get(0).completion().getContent());
      assertThat(paraphrase.getCostNanos()).isZero();
      assertThat(harness.published.outcomes().get(1).usage()).singleElement()
          .satisfies(usage -> assertThat(usage.getCallId()).isEqualTo("r-2/cache-semantic"));
      Completion nearMiss = harness.published.outcomes().get(2).completion();
      assertThat(nearMiss.getCache()).isEqualTo(CacheOutcome.NONE);
      assertThat(nearMiss.getContent()).contains("Spain");
      assertThat(simulator.receivedCalls()).hasSize(2);
    }
  }

  private ChatRequest request(String requestId, double temperature, String question) {
    Instant now = clock.instant();
    return ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId("acme")
        .setCreatedAt(now)
        .setDeadline(now.plusSeconds(30))
        .setModel("gpt-4o-mini")
        .setMessages(List.of(new ChatMessage(Role.USER, question, null)))
        .setParams(ChatParams.newBuilder().setTemperature(temperature).build())
        .build();
  }

  private void handle(ChatRequest request) throws Exception {
    handler.handle(request).get(30, TimeUnit.SECONDS);
  }
}
