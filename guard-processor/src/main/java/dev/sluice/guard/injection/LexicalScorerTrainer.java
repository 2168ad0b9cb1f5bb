package dev.sluice.guard.injection;

import dev.sluice.guard.normalize.NormalizedText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Trains a {@link LexicalScorer} by logistic regression with FTRL-Proximal (per-feature adaptive learning rates, L1
 * and L2 regularization): L1 leaves most buckets at zero, so the weights stay small and a feature seen in a handful
 * of texts rarely carries weight. Deterministic: the same examples and settings give the same weights, bit for bit.
 */
public final class LexicalScorerTrainer {

  /**
   * @param epochs passes over the examples
   * @param alpha learning-rate scale
   * @param beta learning-rate smoothing
   * @param l1 L1 strength (sparsity)
   * @param l2 L2 strength
   * @param seed the shuffle order of each pass
   */
  public record Settings(int epochs, double alpha, double beta, double l1, double l2, long seed) {

    /** The settings the shipped weights were trained with. */
    public static Settings defaults() {
      return new Settings(32, 0.1, 1.0, 0.1, 1.0, 20_240_601L);
    }
  }

  /**
   * One labelled text as training instances: each of its readings as a whole, and the windows of its long readings.
   * Windows of a benign text are benign; windows of an attack are left out, since most of an attack document is the
   * harmless document it was planted in.
   *
   * @param readings the feature vectors of the whole readings
   * @param windows the feature vectors of the windows of long readings
   * @param attack the label
   */
  public record Example(List<FeatureVector> readings, List<FeatureVector> windows, boolean attack) {

    public Example {
      readings = List.copyOf(readings);
      windows = List.copyOf(windows);
    }
  }

  private final InjectionDetector rules;
  private final Settings settings;

  /** A trainer whose features include the matches of {@code rules}, the rules the scorer will run with. */
  public LexicalScorerTrainer(List<InjectionRule> rules, Settings settings) {
    this.rules = new InjectionDetector(rules);
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The training example of a normalized text. */
  public Example example(NormalizedText text, boolean attack) {
    InjectionDetector.Matches matches = rules.match(text);
    List<String> categories = matches.matchedCategories();
    List<FeatureVector> readings = new ArrayList<>(matches.readings().size());
    List<FeatureVector> windows = new ArrayList<>();
    for (WordScan reading : matches.readings()) {
      FeatureVector whole = new FeatureVector();
      LexicalFeatures.extract(reading, 0, reading.count(), categories, true, whole);
      readings.add(whole.merged());
      int start = 0;
      for (int end : LexicalFeatures.windows(reading)) {
        FeatureVector window = new FeatureVector();
        LexicalFeatures.extract(reading, start, end, categories, false, window);
        windows.add(window.merged());
        start = end;
      }
    }
    return new Example(readings, windows, attack);
  }

  /** Trains on {@code examples}. */
  public LexicalScorer train(List<Example> examples, LexicalScorer.Provenance provenance) {
    List<FeatureVector> instances = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (Example example : examples) {
      for (FeatureVector reading : example.readings()) {
        instances.add(reading);
        labels.add(example.attack());
      }
      if (!example.attack()) {
        for (FeatureVector window : example.windows()) {
          instances.add(window);
          labels.add(false);
        }
      }
    }
    List<Integer> order = new ArrayList<>(instances.size());
    for (int i = 0; i < instances.size(); i++) {
      order.add(i);
    }
    Random random = new Random(settings.seed());
    Ftrl ftrl = new Ftrl(settings);
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      Collections.shuffle(order, random);
      for (int i : order) {
        ftrl.learn(instances.get(i), labels.get(i));
      }
    }
    return LexicalScorer.onGrid(ftrl.weights(), (float) ftrl.bias(), provenance);
  }

  /** FTRL-Proximal state: z and n per bucket, the bias as one more coordinate without L1. */
  private static final class Ftrl {

    private final Settings settings;
    private final double[] z = new double[LexicalFeatures.BUCKETS + 1];
    private final double[] n = new double[LexicalFeatures.BUCKETS + 1];
    private final int biasIndex = LexicalFeatures.BUCKETS;

    Ftrl(Settings settings) {
      this.settings = settings;
    }

    void learn(FeatureVector x, boolean attack) {
      double[] w = new double[x.size()];
      double logit = weight(biasIndex, 0);
      for (int i = 0; i < x.size(); i++) {
        w[i] = weight(x.bucket(i), settings.l1());
        logit += w[i] * x.value(i);
      }
      double p = 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, logit))));
      double error = p - (attack ? 1 : 0);
      update(biasIndex, error, weight(biasIndex, 0));
      for (int i = 0; i < x.size(); i++) {
        update(x.bucket(i), error * x.value(i), w[i]);
      }
    }

    private void update(int index, double gradient, double weight) {
      double sigma = (Math.sqrt(n[index] + gradient * gradient) - Math.sqrt(n[index])) / settings.alpha();
      z[index] += gradient - sigma * weight;
      n[index] += gradient * gradient;
    }

    private double weight(int index, double l1) {
      double zi = z[index];
      if (Math.abs(zi) <= l1) {
        return 0;
      }
      return -(zi - Math.signum(zi) * l1) / ((settings.beta() + Math.sqrt(n[index])) / settings.alpha()
          + settings.l2());
    }

    float[] weights() {
      float[] weights = new float[LexicalFeatures.BUCKETS];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = (float) weight(i, settings.l1());
      }
      return weights;
    }

    double bias() {
      return weight(biasIndex, 0);
    }
  }
}
