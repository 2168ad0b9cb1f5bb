package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.worker.cache.semantic.eval.PromptPairs;
import dev.sluice.worker.cache.semantic.eval.PromptPairs.Pair;
import dev.sluice.worker.cache.semantic.eval.ShippedSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped settings on the hand-written pairs, through the real cache (MiniLM, guard, Lucene), each pair in a scope
 * of its own: a paraphrase must be answered with the earlier answer, a near miss must not.
 *
 * <p>The bounds are the numbers {@code SemanticCacheEval} measured, with one pair of slack on the hit counts for
 * floating-point differences between CPUs; false hits get no slack. They pin what was measured, so a change to the
 * guard, the model or the threshold that does worse fails here.
 */
class SemanticCacheAccuracyTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final LuceneVectorStore store = LuceneVectorStore.inMemory(10_000, clock);
  private final SemanticCache cache = new SemanticCache(SharedMiniLm.get(), store, new NearMissGuard(),
      ShippedSettings.defaults().cacheSettings(), Runnable::run, new SimpleMeterRegistry(), clock);
  private int scopes;

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void onThePairsTheThresholdWasChosenWithNoNearMissIsAnsweredAndFourInFiveParaphrasesAre() {
    PromptPairs pairs = PromptPairs.load();

    // measured: 74 of 90 paraphrases, 0 of 95 near misses
    assertThat(answered(pairs.paraphrases())).isGreaterThanOrEqualTo(73);
    assertThat(answered(pairs.nearMisses())).isZero();
  }

  @Test
  void onTheHoldoutPairsAtMostFiveInThirtyNearMissesAreAnswered() {
    PromptPairs holdout = PromptPairs.holdout();

    // measured: 29 of 30 paraphrases, 5 of 30 near misses (lower-case word swaps and "on"/"off")
    assertThat(answered(holdout.paraphrases())).isGreaterThanOrEqualTo(28);
    assertThat(answered(holdout.nearMisses())).isLessThanOrEqualTo(5);
  }

  /** How many of the new prompts got the cached prompt's answer. */
  private int answered(List<Pair> pairs) {
    int answered = 0;
    for (Pair pair : pairs) {
      Conversations conversation = Conversations.of("Be brief.").tenant("pair-" + scopes++);
      cache.lookup(conversation.ask(pair.cached())).join()
          .remember(new CachedAnswer("answer to " + pair.cached(), "stop", "model")).join();
      boolean hit = cache.lookup(conversation.ask(pair.asked())).join().hit()
          .filter(found -> found.answer().content().equals("answer to " + pair.cached()))
          .isPresent();
      answered += hit ? 1 : 0;
    }
    return answered;
  }
}
