package dev.sluice.worker.cache.semantic.bench;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import dev.sluice.worker.cache.semantic.CacheScope;
import dev.sluice.worker.cache.semantic.CachedAnswer;
import dev.sluice.worker.cache.semantic.LuceneVectorStore;
import dev.sluice.worker.cache.semantic.MiniLmEmbedder;
import dev.sluice.worker.cache.semantic.NearMissGuard;
import dev.sluice.worker.cache.semantic.Neighbour;
import dev.sluice.worker.cache.semantic.SemanticCache;
import dev.sluice.worker.cache.semantic.SemanticLookup;
import dev.sluice.worker.cache.semantic.eval.PromptPairs;
import dev.sluice.worker.cache.semantic.eval.PromptPairs.Pair;
import dev.sluice.worker.cache.semantic.eval.ShippedSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * The latency of a semantic cache hit on one thread: embedding the prompt (MiniLM, one ONNX thread), searching the
 * embedded Lucene store, and the near-miss guard; and each of the first two alone.
 *
 * <p>The store holds the 152 cached prompts of the evaluation pairs plus {@value #FILLER} random entries (fixed seed),
 * all in the one scope the lookups search, so the HNSW graph is not trivially small. Each lookup is a paraphrase from
 * the pairs that the shipped settings answer from the cache. Sample mode reports p50/p90/p99 per operation.
 *
 * <p>Run: {@code ./mvnw -q -o -pl llm-worker test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/bench.cp}, then {@code java -cp "llm-worker/target/test-classes:llm-worker/target/classes:$(cat
 * llm-worker/target/bench.cp)" org.openjdk.jmh.Main SemanticCacheHitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
public class SemanticCacheHitBenchmark {

  private static final int FILLER = 10_000;

  private MiniLmEmbedder model;
  private LuceneVectorStore store;
  private SemanticCache cache;
  private final List<ChatRequest> hits = new ArrayList<>();
  private final List<float[]> hitVectors = new ArrayList<>();
  private CacheScope scope;
  private int next;

  @Setup
  public void setUp() {
    long loading = System.nanoTime();
    model = MiniLmEmbedder.load(1);
    System.out.printf("%nMiniLM loaded in %d ms%n", (System.nanoTime() - loading) / 1_000_000);
    Clock clock = Clock.systemUTC();
    store = LuceneVectorStore.inMemory(FILLER * 2, clock);
    cache = new SemanticCache(model, store, new NearMissGuard(), ShippedSettings.defaults().cacheSettings(),
        Runnable::run, new SimpleMeterRegistry(), clock);
    PromptPairs pairs = PromptPairs.load();
    scope = CacheScope.of(request(pairs.paraphrases().get(0).cached())).orElseThrow().scope();
    Random random = new Random(42);
    long filling = System.nanoTime();
    for (int i = 0; i < FILLER; i++) {
      store.upsert(scope, "filler-" + i, randomVector(random, model.dimension()), Map.of(), null);
    }
    System.out.printf("%d filler entries written in %d ms%n", FILLER, (System.nanoTime() - filling) / 1_000_000);
    for (Pair pair : pairs.paraphrases()) {
      SemanticLookup lookup = cache.lookup(request(pair.cached())).join();
      lookup.remember(new CachedAnswer("answer to " + pair.cached(), "stop", "model")).join();
    }
    for (Pair pair : pairs.nearMisses()) {
      SemanticLookup lookup = cache.lookup(request(pair.cached())).join();
      lookup.remember(new CachedAnswer("answer to " + pair.cached(), "stop", "model")).join();
    }
    for (Pair pair : pairs.paraphrases()) {
      ChatRequest asked = request(pair.asked());
      if (cache.lookup(asked).join().hit().isPresent()) {
        hits.add(asked);
        hitVectors.add(model.embed(pair.asked()));
      }
    }
    System.out.printf("store: %d entries; %d of %d paraphrases are hits%n", store.size(), hits.size(),
        pairs.paraphrases().size());
  }

  @TearDown
  public void tearDown() {
    store.close();
    model.close();
  }

  /** A whole hit: embed, search, guard. */
  @Benchmark
  public SemanticLookup hit() {
    SemanticLookup lookup = cache.lookup(hits.get(next++ % hits.size())).join();
    if (lookup.hit().isEmpty()) {
      throw new IllegalStateException("a paraphrase that hit in set-up missed");
    }
    return lookup;
  }

  @Benchmark
  public float[] embedOnly() {
    return model.embed(hits.get(next++ % hits.size()).getMessages().get(1).getContent());
  }

  @Benchmark
  public List<Neighbour> searchOnly() {
    return store.nearest(scope, hitVectors.get(next++ % hitVectors.size()), 4);
  }

  private static ChatRequest request(String prompt) {
    return ChatRequest.newBuilder()
        .setRequestId("bench-" + prompt.hashCode() + "-" + System.nanoTime())
        .setTenantId("bench")
        .setCreatedAt(Instant.EPOCH)
        .setDeadline(Instant.EPOCH.plusSeconds(60))
        .setModel("gpt-4o-mini")
        .setMessages(List.of(
            ChatMessage.newBuilder().setRole(Role.SYSTEM).setContent("Be brief.").build(),
            ChatMessage.newBuilder().setRole(Role.USER).setContent(prompt).build()))
        .setParams(ChatParams.newBuilder().build())
        .build();
  }

  private static float[] randomVector(Random random, int dimension) {
    float[] vector = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return vector;
  }
}
