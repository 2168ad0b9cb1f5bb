package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest extends VectorStoreContract {

  @Override
  protected VectorStore newStore(ManualClock clock) {
    return LuceneVectorStore.inMemory(1_000, clock);
  }

  @Test
  void pastItsBoundTheOldestEntriesGoDownToNineTenths() {
    try (LuceneVectorStore bounded = LuceneVectorStore.inMemory(10, clock)) {
      List<float[]> vectors = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        vectors.add(randomVector());
        bounded.upsert(SCOPE, "entry-" + i, vectors.get(i), Map.of(), null);
        clock.advance(Duration.ofSeconds(1));
      }

      assertThat(bounded.size()).isEqualTo(9);
      assertThat(bounded.nearest(SCOPE, vectors.get(0), 20)).extracting(Neighbour::id)
          .doesNotContain("entry-0", "entry-1")
          .contains("entry-2", "entry-10");
    }
  }

  @Test
  void makingRoomDeletesExpiredEntriesBeforeOldOnes() {
    try (LuceneVectorStore bounded = LuceneVectorStore.inMemory(10, clock)) {
      for (int i = 0; i < 5; i++) {
        bounded.upsert(SCOPE, "old-" + i, randomVector(), Map.of(), null);
      }
      for (int i = 0; i < 5; i++) {
        bounded.upsert(SCOPE, "brief-" + i, randomVector(), Map.of(), Duration.ofMinutes(1));
      }
      clock.advance(Duration.ofMinutes(2));

      bounded.upsert(SCOPE, "new", randomVector(), Map.of(), null);

      assertThat(bounded.size()).isEqualTo(6);
      assertThat(bounded.nearest(SCOPE, randomVector(), 20)).extracting(Neighbour::id)
          .containsExactlyInAnyOrder("old-0", "old-1", "old-2", "old-3", "old-4", "new");
    }
  }

  @Test
  void anIndexOnDiskKeepsItsEntriesAcrossARestart(@TempDir Path directory) {
    float[] vector = randomVector();
    try (LuceneVectorStore first = LuceneVectorStore.onDisk(directory, 100, clock)) {
      first.upsert(SCOPE, "entry", vector, Map.of("content", "Paris."), Duration.ofHours(1));
    }

    try (LuceneVectorStore reopened = LuceneVectorStore.onDisk(directory, 100, clock)) {
      assertThat(reopened.nearest(SCOPE, vector, 1)).singleElement()
          .satisfies(entry -> assertThat(entry.payload()).containsEntry("content", "Paris."));
    }
  }
}
