package dev.sluice.worker.cache;

import static dev.sluice.worker.cache.ExactCacheKeyTest.params;
import static dev.sluice.worker.cache.ExactCacheKeyTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import dev.sluice.events.TokenUsage;
import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.RedisUnderTest;
import dev.sluice.worker.redis.WorkerRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExactCacheTest {

  private static final RedisUnderTest REDIS = RedisUnderTest.start();
  private static final WorkerRedis CLIENT = REDIS.connect();
  private static final ExactCacheProperties DEFAULTS = new ExactCacheProperties(true, Duration.ofHours(1), true);
  private static final CachedAnswer ANSWER = new CachedAnswer("Hello.", "stop", "gpt-4o-2024-08-06", "openai",
      TokenUsage.newBuilder().setInputTokens(12).setOutputTokens(3).setCachedInputTokens(4).setReasoningTokens(1)
          .build());

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final ExactCache cache = cache(CLIENT, DEFAULTS);

  @AfterAll
  static void stop() {
    REDIS.close();
  }

  @BeforeEach
  void empty() {
    REDIS.inspect().flushall();
  }

  @Test
  void theSameQuestionAskedAgainIsAnsweredFromTheCache() {
    cache.store(request(), ANSWER).join();

    Optional<CachedAnswer> hit = cache.lookup(ChatRequest.newBuilder(request()).setRequestId("r-2").build()).join();

    assertThat(hit).contains(ANSWER);
    assertThat(lookups("hit")).isEqualTo(1);
    assertThat(registry.counter(ExactCache.TOKENS_SAVED).count()).isEqualTo(15);
  }

  @Test
  void aQuestionDifferingInAnythingThatShapesTheAnswerIsAMiss() {
    cache.store(request(), ANSWER).join();
    List<UnaryOperator<ChatRequest.Builder>> changes = List.of(
        r -> r.setModel("gpt-4o-mini"),
        r -> r.setParams(params().setTopP(0.5).build()),
        r -> r.setParams(params().setMaxTokens(50).build()),
        r -> r.setParams(params().setStop(List.of("\n")).build()),
        r -> r.setParams(params().setResponseFormat("json_object").build()),
        r -> r.setMessages(List.of(ExactCacheKeyTest.message(Role.USER, "Hi", null))));

    for (UnaryOperator<ChatRequest.Builder> change : changes) {
      assertThat(cache.lookup(change.apply(ChatRequest.newBuilder(request())).build()).join()).isEmpty();
    }
    assertThat(lookups("miss")).isEqualTo(changes.size());
  }

  @Test
  void anotherTenantAskingTheSameNeverSeesTheAnswer() {
    cache.store(request(), ANSWER).join();

    Optional<CachedAnswer> other = cache.lookup(ChatRequest.newBuilder(request()).setTenantId("globex").build()).join();

    assertThat(other).isEmpty();
    assertThat(REDIS.inspect().keys("*")).singleElement().asString()
        .startsWith("sluice:worker:cache:exact:acme:");
  }

  @Test
  void aBypassingRequestNeitherReadsNorWritesTheCache() {
    ChatRequest bypassing = ChatRequest.newBuilder(request()).setCachePolicy(CachePolicy.BYPASS).build();

    cache.store(bypassing, ANSWER).join();
    assertThat(REDIS.inspect().keys("*")).isEmpty();

    cache.store(request(), ANSWER).join();
    assertThat(cache.lookup(bypassing).join()).isEmpty();
    assertThat(lookups("bypass")).isEqualTo(1);
  }

  @Test
  void onlyDeterministicRequestsAreCachedUnlessConfiguredOtherwise() {
    ChatRequest sampled = ChatRequest.newBuilder(request()).setParams(params().setTemperature(0.7).build()).build();
    ChatRequest providerDefault = ChatRequest.newBuilder(request()).setParams(params().setTemperature(null).build())
        .build();

    cache.store(sampled, ANSWER).join();
    cache.store(providerDefault, ANSWER).join();
    assertThat(REDIS.inspect().keys("*")).isEmpty();
    assertThat(cache.lookup(sampled).join()).isEmpty();
    assertThat(lookups("not_deterministic")).isEqualTo(1);

    ExactCache cachingAll = cache(CLIENT, new ExactCacheProperties(true, Duration.ofHours(1), false));
    cachingAll.store(sampled, ANSWER).join();
    assertThat(cachingAll.lookup(sampled).join()).contains(ANSWER);
  }

  @Test
  void anEntryLivesForTheTtlAndIsAMissAfterIt() {
    ExactCache shortLived = cache(CLIENT, new ExactCacheProperties(true, Duration.ofSeconds(2), true));
    cache.store(ChatRequest.newBuilder(request()).setTenantId("hour").build(), ANSWER).join();

    shortLived.store(request(), ANSWER).join();

    assertThat(REDIS.inspect().pttl(shortLived.key(request()))).isBetween(1L, 2_000L);
    assertThat(REDIS.inspect().pttl(cache.key(ChatRequest.newBuilder(request()).setTenantId("hour").build())))
        .isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> shortLived.lookup(request()).join().isEmpty());
  }

  @Test
  void anAnswerWithoutAFinishReasonIsCachedAsSuch() {
    CachedAnswer unfinished = new CachedAnswer("Hel", null, "gpt-4o", "openai", TokenUsage.newBuilder().build());
    cache.store(request(), ANSWER).join();

    cache.store(request(), unfinished).join();

    assertThat(cache.lookup(request()).join()).contains(unfinished);
  }

  @Test
  void aDisabledCacheIsNeverAsked() {
    ExactCache disabled = cache(CLIENT, new ExactCacheProperties(false, Duration.ofHours(1), true));

    disabled.store(request(), ANSWER).join();

    assertThat(REDIS.inspect().keys("*")).isEmpty();
    assertThat(disabled.lookup(request()).join()).isEmpty();
    assertThat(lookups("disabled")).isEqualTo(1);
  }

  @Test
  void withoutRedisEveryLookupIsAMissAndNothingFails() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (WorkerRedis unreachable = WorkerRedis.create(RedisUnderTest.settings("redis://127.0.0.1:" + closedPort))) {
      ExactCache down = cache(unreachable, DEFAULTS);

      down.store(request(), ANSWER).join();
      Optional<CachedAnswer> lookup = down.lookup(request()).join();

      assertThat(lookup).isEmpty();
      assertThat(lookups("error")).isEqualTo(1);
      assertThat(registry.counter(RedisFallbacks.METER, "use", "cache").count()).isEqualTo(2);
    }
  }

  private ExactCache cache(WorkerRedis redis, ExactCacheProperties settings) {
    return new ExactCache(redis, settings, new RedisFallbacks(registry), registry);
  }

  private double lookups(String result) {
    return registry.counter(ExactCache.LOOKUPS, "cache", "exact", "result", result).count();
  }
}
