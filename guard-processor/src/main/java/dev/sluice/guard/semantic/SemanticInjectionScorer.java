package dev.sluice.guard.semantic;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How close a prompt comes to a known attack: the prompt's windows and chosen sentences ({@link PromptSegmenter})
 * are embedded and compared by cosine similarity with every exemplar of a {@link KnownAttackCorpus}, whose
 * embeddings are computed once, here. Thread-safe when the model is (MiniLM is).
 *
 * <p>A segment's score is its best similarity less {@code shortTextDiscount / sqrt(words)}. A fragment of a few
 * words ("Instructions:", "Prompt rules:") lands close to every exemplar that shares its topic, so without the
 * discount the benign tail of the score, and with it the threshold, is set by such fragments; with it, a whole
 * sentence or prompt has to read like an attack.
 */
public final class SemanticInjectionScorer {

  private final EmbeddingModel model;
  private final PromptSegmenter segmenter;
  private final double shortTextDiscount;
  private final List<AttackExemplar> exemplars;
  /** Unit-length exemplar embeddings, one row per exemplar: a dot product is a cosine similarity. */
  private final float[][] exemplarVectors;

  public SemanticInjectionScorer(EmbeddingModel model, KnownAttackCorpus corpus, PromptSegmenter segmenter,
      double shortTextDiscount) {
    this.model = Objects.requireNonNull(model, "model");
    this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
    if (!(shortTextDiscount >= 0)) {
      throw new IllegalArgumentException("shortTextDiscount must be >= 0: " + shortTextDiscount);
    }
    this.shortTextDiscount = shortTextDiscount;
    this.exemplars = corpus.exemplars();
    this.exemplarVectors = embed(exemplars.stream().map(AttackExemplar::text).toList());
  }

  /** The segment of {@code text} nearest to a known attack; empty when the text has nothing to embed. */
  public Optional<SemanticMatch> nearest(String text) {
    SemanticMatch best = null;
    for (SemanticMatch match : segmentMatches(text)) {
      if (best == null || match.score() > best.score()) {
        best = match;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every segment of {@code text} with its nearest known attack, in segment order. */
  public List<SemanticMatch> segmentMatches(String text) {
    List<PromptSegment> segments = segmenter.segments(text);
    if (segments.isEmpty()) {
      return List.of();
    }
    float[][] vectors = embed(segments.stream().map(PromptSegment::text).toList());
    List<SemanticMatch> matches = new ArrayList<>(vectors.length);
    for (int s = 0; s < vectors.length; s++) {
      double similarity = Double.NEGATIVE_INFINITY;
      int nearest = -1;
      for (int e = 0; e < exemplarVectors.length; e++) {
        double candidate = dot(vectors[s], exemplarVectors[e]);
        if (candidate > similarity) {
          similarity = candidate;
          nearest = e;
        }
      }
      PromptSegment segment = segments.get(s);
      matches.add(new SemanticMatch(score(similarity, segment.text(), shortTextDiscount), similarity,
          exemplars.get(nearest), segment));
    }
    return matches;
  }

  /** {@code similarity} less {@code shortTextDiscount} over the square root of the words of {@code segmentText}. */
  public static double score(double similarity, String segmentText, double shortTextDiscount) {
    return similarity - shortTextDiscount / Math.sqrt(words(segmentText));
  }

  /** How many known attacks the prompt is compared with. */
  public int corpusSize() {
    return exemplars.size();
  }

  private float[][] embed(List<String> texts) {
    List<Embedding> embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    float[][] vectors = new float[embeddings.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = unit(embeddings.get(i).vector());
    }
    return vectors;
  }

  /** Copies {@code vector} at unit length: MiniLM's output already is, another model's may not be. */
  private static float[] unit(float[] vector) {
    double norm = Math.sqrt(dot(vector, vector));
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
    }
    return unit;
  }

  /** Whitespace-separated words, at least 1. */
  static int words(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean whitespace = Character.isWhitespace(text.charAt(i));
      if (!whitespace && !inWord) {
        words++;
      }
      inWord = !whitespace;
    }
    return Math.max(1, words);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
