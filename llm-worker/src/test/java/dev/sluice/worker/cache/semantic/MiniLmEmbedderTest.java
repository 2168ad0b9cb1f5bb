package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {

  private final MiniLmEmbedder embedder = SharedMiniLm.get();

  @Test
  void embedsIntoUnitVectorsOfThe384Dimensions() {
    float[] vector = embedder.embed("What is the capital of France?");

    assertThat(embedder.dimension()).isEqualTo(384);
    assertThat(vector).hasSize(384);
    assertThat(VectorStoreContract.cosine(vector, vector)).isCloseTo(1.0, within(1e-6));
    double norm = 0;
    for (float value : vector) {
      norm += value * value;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void theSameTextGivesTheSameVector() {
    assertThat(embedder.embed("Why is the sky blue?")).containsExactly(embedder.embed("Why is the sky blue?"));
  }

  @Test
  void callersInParallelGetWhatOneCallerGets() throws Exception {
    List<String> prompts = List.of("Why is the sky blue?", "How do I reverse a list in Python?",
        "What is the capital of France?", "Convert 5 km to miles");
    List<float[]> alone = prompts.stream().map(embedder::embed).toList();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> together = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (String prompt : prompts) {
          together.add(callers.submit(() -> embedder.embed(prompt)));
        }
      }
      for (int i = 0; i < together.size(); i++) {
        assertThat(together.get(i).get()).containsExactly(alone.get(i % prompts.size()));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aParaphraseIsCloserThanAnotherQuestion() {
    float[] question = embedder.embed("How do I reverse a list in Python?");
    double paraphrase = VectorStoreContract.cosine(question, embedder.embed("What's the way to reverse a Python list?"));
    double other = VectorStoreContract.cosine(question, embedder.embed("What is the boiling point of water?"));

    assertThat(paraphrase).isGreaterThan(0.9);
    assertThat(other).isLessThan(0.3);
  }
}
