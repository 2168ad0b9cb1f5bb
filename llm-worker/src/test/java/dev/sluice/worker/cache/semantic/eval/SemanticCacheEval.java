package dev.sluice.worker.cache.semantic.eval;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import dev.sluice.worker.cache.semantic.CachedAnswer;
import dev.sluice.worker.cache.semantic.LuceneVectorStore;
import dev.sluice.worker.cache.semantic.MiniLmEmbedder;
import dev.sluice.worker.cache.semantic.NearMissGuard;
import dev.sluice.worker.cache.semantic.SemanticCache;
import dev.sluice.worker.cache.semantic.SemanticLookup;
import dev.sluice.worker.cache.semantic.eval.PromptPairs.Pair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Measures the semantic cache on the hand-written pairs: hit rate on paraphrases and false-hit rate on near misses,
 * with and without the near-miss guard, over a sweep of similarity thresholds.
 *
 * <p>The threshold is chosen on the tuning half only (the rule: most hits minus {@value #FALSE_HIT_COST} per false
 * hit, the higher threshold on a tie) and reported on the test half. A last run puts every cached prompt of both files
 * in one scope, so each new prompt competes with all of them, and goes through the real {@link SemanticCache} on the
 * embedded Lucene store at the shipped threshold.
 *
 * <p>Run: {@code ./mvnw -q -o -pl llm-worker test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/eval.cp} then {@code java -cp "llm-worker/target/test-classes:llm-worker/target/classes:$(cat
 * llm-worker/target/eval.cp)" dev.sluice.worker.cache.semantic.eval.SemanticCacheEval}.
 */
public final class SemanticCacheEval {

  /** A wrong answer is taken to cost as much as ten provider calls. */
  static final int FALSE_HIT_COST = 10;

  private SemanticCacheEval() {
  }

  public static void main(String[] args) {
    long loading = System.nanoTime();
    MiniLmEmbedder model = MiniLmEmbedder.load(1);
    System.out.printf("MiniLM model loaded in %d ms%n", (System.nanoTime() - loading) / 1_000_000);
    NearMissGuard guard = new NearMissGuard();
    PromptPairs all = PromptPairs.load();
    Scored tuning = Scored.of(all.tuningHalf(), model, guard);
    Scored test = Scored.of(all.testHalf(), model, guard);
    System.out.printf("pairs: %d paraphrases, %d near misses; tuning half (odd data lines) %d + %d, test half "
        + "(even data lines) %d + %d%n", all.paraphrases().size(), all.nearMisses().size(),
        tuning.paraphrases.size(), tuning.nearMisses.size(), test.paraphrases.size(), test.nearMisses.size());

    System.out.println();
    System.out.println("Sweep on the TUNING half (hit = similarity >= threshold; guarded = and the guard agrees)");
    System.out.println("threshold  hit-rate  false-hits  | guarded hit-rate  guarded false-hits");
    for (int step = 60; step <= 99; step++) {
      double threshold = step / 100.0;
      Rates raw = tuning.rates(threshold, false);
      Rates guarded = tuning.rates(threshold, true);
      System.out.printf("  %.2f     %5.1f%%    %5.1f%%      |     %5.1f%%            %5.1f%%%n", threshold,
          raw.hitRate(), raw.falseHitRate(), guarded.hitRate(), guarded.falseHitRate());
    }
    double chosen = choose(tuning);
    System.out.printf("chosen on the tuning half: %.2f (most hits - %d x false hits; ties go to the higher)%n",
        chosen, FALSE_HIT_COST);

    System.out.println();
    System.out.printf("TEST half (the worker ships with %.2f)%n", ShippedSettings.defaults().similarityThreshold());
    double shipped = ShippedSettings.defaults().similarityThreshold();
    for (double threshold : chosen == shipped ? new double[] {chosen} : new double[] {chosen, shipped}) {
      Rates guarded = test.rates(threshold, true);
      Rates raw = test.rates(threshold, false);
      System.out.printf("  at %.2f with the guard:    hit rate %5.1f%% (%d/%d), false-hit rate %5.1f%% (%d/%d)%n",
          threshold, guarded.hitRate(), guarded.hits, guarded.paraphrases, guarded.falseHitRate(),
          guarded.falseHits, guarded.nearMisses);
      System.out.printf("  at %.2f without the guard: hit rate %5.1f%% (%d/%d), false-hit rate %5.1f%% (%d/%d)%n",
          threshold, raw.hitRate(), raw.hits, raw.paraphrases, raw.falseHitRate(), raw.falseHits, raw.nearMisses);
    }
    for (int step = 60; step <= 100; step++) {
      Rates raw = test.rates(step / 100.0, false);
      if (raw.falseHits == 0) {
        System.out.printf("  without the guard, the lowest threshold with no false hit on the test half is %.2f: "
            + "hit rate %.1f%%%n", step / 100.0, raw.hitRate());
        break;
      }
    }
    System.out.println("  test-half false hits with the guard at " + chosen + ":");
    test.nearMisses.stream().filter(pair -> pair.hit(chosen, true))
        .forEach(pair -> System.out.printf("    [%s] %.3f  %s | %s%n", pair.pair.kind(), pair.similarity,
            pair.pair.cached(), pair.pair.asked()));
    System.out.println("  test-half paraphrases missed with the guard at " + chosen + ":");
    test.paraphrases.stream().filter(pair -> !pair.hit(chosen, true))
        .forEach(pair -> System.out.printf("    %.3f  %s | %s  (%s)%n", pair.similarity, pair.pair.cached(),
            pair.pair.asked(), pair.difference.orElse("below the threshold")));
    Map<String, int[]> byKind = new TreeMap<>();
    for (ScoredPair pair : test.nearMisses) {
      int[] counts = byKind.computeIfAbsent(pair.pair.kind(), kind -> new int[3]);
      counts[0]++;
      counts[1] += pair.hit(chosen, false) ? 1 : 0;
      counts[2] += pair.hit(chosen, true) ? 1 : 0;
    }
    System.out.println("  test-half near misses by kind at " + chosen + ": kind pairs false-hits-raw false-hits-guarded");
    byKind.forEach((kind, counts) -> System.out.printf("    %-17s %3d %3d %3d%n", kind, counts[0], counts[1],
        counts[2]));

    System.out.println();
    Scored holdout = Scored.of(PromptPairs.holdout(), model, guard);
    Rates holdoutGuarded = holdout.rates(shipped, true);
    Rates holdoutRaw = holdout.rates(shipped, false);
    System.out.printf("HOLDOUT (written after guard and threshold were fixed) at %.2f%n", shipped);
    System.out.printf("  with the guard:    hit rate %5.1f%% (%d/%d), false-hit rate %5.1f%% (%d/%d)%n",
        holdoutGuarded.hitRate(), holdoutGuarded.hits, holdoutGuarded.paraphrases, holdoutGuarded.falseHitRate(),
        holdoutGuarded.falseHits, holdoutGuarded.nearMisses);
    System.out.printf("  without the guard: hit rate %5.1f%% (%d/%d), false-hit rate %5.1f%% (%d/%d)%n",
        holdoutRaw.hitRate(), holdoutRaw.hits, holdoutRaw.paraphrases, holdoutRaw.falseHitRate(),
        holdoutRaw.falseHits, holdoutRaw.nearMisses);
    System.out.println("  holdout sweep (not used to choose anything): threshold guarded-hit-rate guarded-false-hit-rate");
    for (int step = 80; step <= 95; step++) {
      Rates rates = holdout.rates(step / 100.0, true);
      System.out.printf("    %.2f  %5.1f%%  %5.1f%%%n", step / 100.0, rates.hitRate(), rates.falseHitRate());
    }
    holdout.nearMisses.stream().filter(pair -> pair.hit(shipped, true))
        .forEach(pair -> System.out.printf("    false hit [%s] %.3f  %s | %s%n", pair.pair.kind(), pair.similarity,
            pair.pair.cached(), pair.pair.asked()));
    holdout.paraphrases.stream().filter(pair -> !pair.hit(shipped, true))
        .forEach(pair -> System.out.printf("    missed %.3f  %s | %s  (%s)%n", pair.similarity, pair.pair.cached(),
            pair.pair.asked(), pair.difference.orElse("below the threshold")));

    System.out.println();
    crowdedScope(all, model, shipped);
  }

  /** The threshold with the most hits less {@value #FALSE_HIT_COST} per false hit; the higher one on a tie. */
  static double choose(Scored tuning) {
    double chosen = 0;
    int best = Integer.MIN_VALUE;
    for (int step = 60; step <= 99; step++) {
      Rates guarded = tuning.rates(step / 100.0, true);
      int value = guarded.hits - FALSE_HIT_COST * guarded.falseHits;
      if (value >= best) {
        best = value;
        chosen = step / 100.0;
      }
    }
    return chosen;
  }

  /** Every cached prompt in one scope; each new prompt goes through the real cache and competes with all of them. */
  private static void crowdedScope(PromptPairs all, MiniLmEmbedder model, double threshold) {
    Set<String> cachedPrompts = new LinkedHashSet<>();
    all.paraphrases().forEach(pair -> cachedPrompts.add(pair.cached()));
    all.nearMisses().forEach(pair -> cachedPrompts.add(pair.cached()));
    try (LuceneVectorStore store = LuceneVectorStore.inMemory(10_000, Clock.systemUTC())) {
      SemanticCache cache = new SemanticCache(model, store, new NearMissGuard(),
          new SemanticCache.Settings(threshold, 4, Duration.ofHours(1), 1_000), Runnable::run,
          new SimpleMeterRegistry(), Clock.systemUTC());
      for (String prompt : cachedPrompts) {
        cache.lookup(request(prompt)).join().remember(new CachedAnswer(prompt, "stop", "model")).join();
      }
      int correct = 0;
      List<String> wrong = new ArrayList<>();
      for (Pair pair : all.paraphrases()) {
        Optional<String> answer = cache.lookup(request(pair.asked())).join().hit()
            .map(hit -> hit.answer().content());
        if (answer.isPresent() && answer.get().equals(pair.cached())) {
          correct++;
        } else if (answer.isPresent()) {
          wrong.add(pair.asked() + "  ->  " + answer.get());
        }
      }
      List<String> falseHits = new ArrayList<>();
      for (Pair pair : all.nearMisses()) {
        cache.lookup(request(pair.asked())).join().hit()
            .ifPresent(hit -> falseHits.add(pair.asked() + "  ->  " + hit.cachedPrompt()));
      }
      System.out.printf("ONE CROWDED SCOPE (%d cached prompts, all pairs, through SemanticCache + Lucene at %.2f)%n",
          store.size(), threshold);
      System.out.printf("  paraphrases answered with their own cached prompt: %d/%d (%.1f%%); with another one: %d%n",
          correct, all.paraphrases().size(), 100.0 * correct / all.paraphrases().size(), wrong.size());
      wrong.forEach(line -> System.out.println("    wrong: " + line));
      System.out.printf("  near misses answered from the cache: %d/%d (%.1f%%)%n", falseHits.size(),
          all.nearMisses().size(), 100.0 * falseHits.size() / all.nearMisses().size());
      falseHits.forEach(line -> System.out.println("    false hit: " + line));
    }
  }

  private static ChatRequest request(String prompt) {
    return ChatRequest.newBuilder()
        .setRequestId(UUID.randomUUID().toString())
        .setTenantId("eval")
        .setCreatedAt(Instant.EPOCH)
        .setDeadline(Instant.EPOCH.plusSeconds(60))
        .setModel("model")
        .setMessages(List.of(ChatMessage.newBuilder().setRole(Role.USER).setContent(prompt).build()))
        .setParams(ChatParams.newBuilder().build())
        .build();
  }

  /** One pair's similarity and the guard's verdict. */
  record ScoredPair(Pair pair, double similarity, Optional<String> difference) {

    boolean hit(double threshold, boolean guarded) {
      return similarity >= threshold && (!guarded || difference.isEmpty());
    }
  }

  record Rates(int hits, int paraphrases, int falseHits, int nearMisses) {

    double hitRate() {
      return 100.0 * hits / paraphrases;
    }

    double falseHitRate() {
      return 100.0 * falseHits / nearMisses;
    }
  }

  record Scored(List<ScoredPair> paraphrases, List<ScoredPair> nearMisses) {

    static Scored of(PromptPairs pairs, MiniLmEmbedder model, NearMissGuard guard) {
      return new Scored(score(pairs.paraphrases(), model, guard), score(pairs.nearMisses(), model, guard));
    }

    Rates rates(double threshold, boolean guarded) {
      return new Rates((int) paraphrases.stream().filter(pair -> pair.hit(threshold, guarded)).count(),
          paraphrases.size(), (int) nearMisses.stream().filter(pair -> pair.hit(threshold, guarded)).count(),
          nearMisses.size());
    }

    private static List<ScoredPair> score(List<Pair> pairs, MiniLmEmbedder model, NearMissGuard guard) {
      return pairs.stream().map(pair -> new ScoredPair(pair,
          cosine(model.embed(pair.cached()), model.embed(pair.asked())), guard.difference(pair.cached(),
              pair.asked()))).toList();
    }
  }

  /** The embeddings are of unit length, so their dot product is their cosine. */
  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
