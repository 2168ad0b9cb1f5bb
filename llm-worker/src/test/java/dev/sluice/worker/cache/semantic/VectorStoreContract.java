package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link VectorStore} must do; each implementation's test extends this class. */
abstract class VectorStoreContract {

  static final int DIMENSION = 16;
  static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
  static final CacheScope SCOPE = new CacheScope("acme", "gpt-4o-mini", "a1".repeat(32));

  protected final ManualClock clock = new ManualClock(START);
  private final Random random = new Random(42);
  protected VectorStore store;

  /** A new, empty store of the implementation under test, reading time from {@code clock}. */
  protected abstract VectorStore newStore(ManualClock clock);

  @BeforeEach
  void openStore() {
    store = newStore(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void findsTheNearestEntriesMostSimilarFirst() {
    float[] query = randomVector();
    float[] close = nudge(query, 0.2f);
    float[] farther = nudge(query, 0.8f);
    store.upsert(SCOPE, "unrelated", randomVector(), Map.of(), null);
    store.upsert(SCOPE, "farther", farther, Map.of(), null);
    store.upsert(SCOPE, "close", close, Map.of(), null);

    List<Neighbour> found = store.nearest(SCOPE, query, 2);

    assertThat(found).extracting(Neighbour::id).containsExactly("close", "farther");
    assertThat(found.get(0).similarity()).isCloseTo(cosine(query, close), within(1e-4));
    assertThat(found.get(1).similarity()).isCloseTo(cosine(query, farther), within(1e-4));
  }

  @Test
  void similarityIsTheCosineNotTheDotProduct() {
    float[] vector = randomVector();
    store.upsert(SCOPE, "same-direction", scale(vector, 3f), Map.of(), null);

    assertThat(store.nearest(SCOPE, vector, 1).get(0).similarity()).isCloseTo(1.0, within(1e-4));
    assertThat(store.nearest(SCOPE, scale(vector, -1f), 1).get(0).similarity()).isCloseTo(-1.0, within(1e-4));
  }

  @Test
  void returnsAtMostKEntries() {
    for (int i = 0; i < 5; i++) {
      store.upsert(SCOPE, "entry-" + i, randomVector(), Map.of(), null);
    }

    assertThat(store.nearest(SCOPE, randomVector(), 3)).hasSize(3);
    assertThat(store.nearest(SCOPE, randomVector(), 10)).hasSize(5);
  }

  @Test
  void keepsThePayload() {
    float[] vector = randomVector();
    store.upsert(SCOPE, "entry", vector, Map.of("prompt", "What is the capital of France?", "content", "Paris."),
        null);

    Neighbour found = store.nearest(SCOPE, vector, 1).get(0);

    assertThat(found.id()).isEqualTo("entry");
    assertThat(found.payload()).containsExactlyInAnyOrderEntriesOf(
        Map.of("prompt", "What is the capital of France?", "content", "Paris."));
  }

  @Test
  void anEntryWithTheSameIdIsReplaced() {
    float[] first = randomVector();
    float[] second = randomVector();
    store.upsert(SCOPE, "entry", first, Map.of("version", "1"), null);
    store.upsert(SCOPE, "entry", second, Map.of("version", "2"), null);

    List<Neighbour> found = store.nearest(SCOPE, first, 5);

    assertThat(found).singleElement().satisfies(entry -> {
      assertThat(entry.payload()).containsEntry("version", "2");
      assertThat(entry.similarity()).isCloseTo(cosine(first, second), within(1e-4));
    });
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void anotherTenantModelOrConversationSeesNothing() {
    float[] vector = randomVector();
    store.upsert(SCOPE, "entry", vector, Map.of(), null);

    assertThat(store.nearest(new CacheScope("globex", SCOPE.model(), SCOPE.contextHash()), vector, 5)).isEmpty();
    assertThat(store.nearest(new CacheScope(SCOPE.tenantId(), "gpt-4o", SCOPE.contextHash()), vector, 5)).isEmpty();
    assertThat(store.nearest(new CacheScope(SCOPE.tenantId(), SCOPE.model(), "b2".repeat(32)), vector, 5)).isEmpty();
    assertThat(store.nearest(SCOPE, vector, 5)).extracting(Neighbour::id).containsExactly("entry");
  }

  @Test
  void anEntryIsNotReturnedOnceItsTimeToLiveIsOver() {
    float[] vector = randomVector();
    store.upsert(SCOPE, "entry", vector, Map.of(), Duration.ofMinutes(1));

    clock.advance(Duration.ofSeconds(59));
    assertThat(store.nearest(SCOPE, vector, 1)).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(store.nearest(SCOPE, vector, 1)).isEmpty();
  }

  @Test
  void evictionDeletesExpiredEntriesAndOnlyThose() {
    float[] vector = randomVector();
    store.upsert(SCOPE, "short-lived", vector, Map.of(), Duration.ofMinutes(1));
    store.upsert(SCOPE, "long-lived", nudge(vector, 0.1f), Map.of(), Duration.ofMinutes(10));
    store.upsert(SCOPE, "no-ttl", nudge(vector, 0.2f), Map.of(), null);
    clock.advance(Duration.ofMinutes(5));

    store.evictExpired();

    assertThat(store.size()).isEqualTo(2);
    // Back at the start the short-lived entry would be live again, had eviction not deleted it.
    clock.set(START);
    assertThat(store.nearest(SCOPE, vector, 5)).extracting(Neighbour::id)
        .containsExactlyInAnyOrder("long-lived", "no-ttl");
  }

  @Test
  void anEntryWithoutTimeToLiveStays() {
    float[] vector = randomVector();
    store.upsert(SCOPE, "entry", vector, Map.of(), null);
    clock.advance(Duration.ofDays(365 * 100));

    store.evictExpired();

    assertThat(store.nearest(SCOPE, vector, 1)).extracting(Neighbour::id).containsExactly("entry");
  }

  protected float[] randomVector() {
    float[] vector = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return vector;
  }

  /** {@code vector} moved by {@code amount} times a random direction. */
  protected float[] nudge(float[] vector, float amount) {
    float[] noise = randomVector();
    float[] nudged = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      nudged[i] = vector[i] + amount * noise[i];
    }
    return nudged;
  }

  private static float[] scale(float[] vector, float factor) {
    float[] scaled = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      scaled[i] = vector[i] * factor;
    }
    return scaled;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      normA += a[i] * a[i];
      normB += b[i] * b[i];
    }
    return dot / Math.sqrt(normA * normB);
  }
}
