package dev.sluice.worker.cache.bench;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import dev.sluice.events.TokenUsage;
import dev.sluice.worker.cache.CachedAnswer;
import dev.sluice.worker.cache.ExactCache;
import dev.sluice.worker.cache.ExactCacheProperties;
import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.RedisUnderTest;
import dev.sluice.worker.redis.WorkerRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency of an exact-cache hit on one thread against a real Redis over loopback: the canonical key's SHA-256,
 * one round trip, and decoding the stored answer. Each lookup is a fresh request (new requestId) for one of
 * {@value #CACHED} cached conversations of about 1 KB, the shape of a repeated temperature-0 question.
 *
 * <p>Run: {@code ./mvnw -q -o -pl llm-worker test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/bench.cp}, then {@code java -cp "llm-worker/target/test-classes:llm-worker/target/classes:$(cat
 * llm-worker/target/bench.cp)" org.openjdk.jmh.Main ExactCacheHitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
public class ExactCacheHitBenchmark {

  private static final int CACHED = 1_000;
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private RedisUnderTest redis;
  private WorkerRedis client;
  private ExactCache cache;
  private final List<ChatRequest> questions = new ArrayList<>();
  private int next;

  @Setup
  public void setUp() {
    redis = RedisUnderTest.start();
    client = redis.connect();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    cache = new ExactCache(client, new ExactCacheProperties(true, Duration.ofHours(1), true),
        new RedisFallbacks(registry), registry);
    String filler = "Summarize the following paragraph in two sentences for a busy reader. ".repeat(12);
    for (int i = 0; i < CACHED; i++) {
      ChatRequest question = request("q-" + i, "Question " + i + ": " + filler);
      cache.store(question, new CachedAnswer("Answer " + i + ". " + filler.substring(0, 300), "stop",
          "gpt-4o-mini-2024-07-18", "simulator",
          TokenUsage.newBuilder().setInputTokens(250).setOutputTokens(80).build())).join();
      questions.add(question);
    }
  }

  @TearDown
  public void tearDown() {
    client.close();
    redis.close();
  }

  /** One hit: a new request for an already answered conversation. */
  @Benchmark
  public Optional<CachedAnswer> hit() {
    ChatRequest asked = questions.get(next++ % CACHED);
    Optional<CachedAnswer> answer = cache.lookup(ChatRequest.newBuilder(asked)
        .setRequestId(asked.getRequestId() + "-again-" + next).build()).join();
    if (answer.isEmpty()) {
      throw new IllegalStateException("a cached conversation missed: " + asked.getRequestId());
    }
    return answer;
  }

  private static ChatRequest request(String requestId, String prompt) {
    return ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId("bench")
        .setCreatedAt(CREATED)
        .setDeadline(CREATED.plusSeconds(60))
        .setModel("gpt-4o-mini")
        .setMessages(List.of(
            ChatMessage.newBuilder().setRole(Role.SYSTEM).setContent("Be brief.").build(),
            ChatMessage.newBuilder().setRole(Role.USER).setContent(prompt).build()))
        .setParams(ChatParams.newBuilder().setTemperature(0.0).setMaxTokens(200).build())
        .build();
  }
}
