package dev.sluice.worker.cache.semantic.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Hand-written prompt pairs (src/test/resources/semantic-cache): each pair is a cached prompt and a new one.
 *
 * <p>The split into halves is fixed: the pairs on odd lines of a file (1st, 3rd, …, counting data lines only) tune
 * the threshold, the pairs on even lines measure it. Alternating keeps every kind of pair on both sides.
 */
public record PromptPairs(List<Pair> paraphrases, List<Pair> nearMisses) {

  /** One pair; {@code kind} says what differs in a near miss ("entity", "number", …) and is "paraphrase" otherwise. */
  public record Pair(String cached, String asked, String kind) {
  }

  public static PromptPairs load() {
    return new PromptPairs(read("/semantic-cache/paraphrases.tsv"), read("/semantic-cache/near-misses.tsv"));
  }

  /** Pairs written after the guard and the threshold were fixed, measured once, never tuned on. */
  public static PromptPairs holdout() {
    return new PromptPairs(read("/semantic-cache/holdout-paraphrases.tsv"),
        read("/semantic-cache/holdout-near-misses.tsv"));
  }

  public PromptPairs tuningHalf() {
    return keep(index -> index % 2 == 0);
  }

  public PromptPairs testHalf() {
    return keep(index -> index % 2 == 1);
  }

  private PromptPairs keep(IntPredicate index) {
    return new PromptPairs(pick(paraphrases, index), pick(nearMisses, index));
  }

  private static List<Pair> pick(List<Pair> pairs, IntPredicate index) {
    List<Pair> picked = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      if (index.test(i)) {
        picked.add(pairs.get(i));
      }
    }
    return List.copyOf(picked);
  }

  private static List<Pair> read(String resource) {
    List<Pair> pairs = new ArrayList<>();
    try (InputStream stream = PromptPairs.class.getResourceAsStream(resource)) {
      if (stream == null) {
        throw new IllegalStateException(resource + " is not on the test classpath");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t");
        if (columns.length < 2) {
          throw new IllegalStateException(resource + ": not two tab-separated prompts: " + line);
        }
        pairs.add(new Pair(columns[0], columns[1], columns.length > 2 ? columns[2] : "paraphrase"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(pairs);
  }
}
