package dev.sluice.guard.injection;

import dev.sluice.events.ThreatLevel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A logistic-regression scorer over {@link LexicalFeatures}: the probability that a text is an injection or
 * jailbreak, taken as the highest over its readings (the normalized text and its de-obfuscated variants). It catches
 * what no single rule names: paraphrases, other languages, templates, adversarial token soup. Weights come from
 * {@link LexicalScorerTrainer}; the shipped ones are a resource of this package. Immutable and thread-safe.
 */
public final class LexicalScorer {

  /**
   * Probabilities from which a text is LOW and MEDIUM. They were read off the held-out scores of grouped 5-fold
   * cross-validation on the DEV file ({@code GuardEval FILE --folds 5}): about 0.75% and 0.2% of benign texts reach
   * them there, so flagging stays under 1% of benign traffic of the kinds the scorer was trained on.
   */
  public static final double LOW_AT = 0.6;
  public static final double MEDIUM_AT = 0.85;

  static final String RESOURCE = "lexical-scorer.bin.gz";
  private static final int FORMAT = 1;

  /**
   * Where a set of weights came from.
   *
   * @param trainingFile the file name of the training data
   * @param trainingSha256 the SHA-256 of its bytes, hex
   * @param rows how many rows were trained on (fewer than the file's in a cross-validation fold)
   */
  public record Provenance(String trainingFile, String trainingSha256, int rows) {

    public Provenance {
      Objects.requireNonNull(trainingFile, "trainingFile");
      Objects.requireNonNull(trainingSha256, "trainingSha256");
    }
  }

  private final float[] weights;
  private final float bias;
  private final Provenance provenance;

  LexicalScorer(float[] weights, float bias, Provenance provenance) {
    if (weights.length != LexicalFeatures.BUCKETS) {
      throw new IllegalArgumentException("expected " + LexicalFeatures.BUCKETS + " weights, got " + weights.length);
    }
    this.weights = weights;
    this.bias = bias;
    this.provenance = Objects.requireNonNull(provenance, "provenance");
  }

  /** The weights shipped with the guard. */
  public static LexicalScorer shipped() {
    return Shipped.SCORER;
  }

  public Provenance provenance() {
    return provenance;
  }

  /**
   * The threat level of a probability from {@link #probability}. On its own the scorer can flag but never block:
   * left out one source repository at a time ({@code GuardEval FILE --by-source}), it flags far more benign texts
   * of a style it never saw (persona prompts, "decode this" requests), so a block needs a rule to agree.
   *
   * @param corroborated whether a rule reported an attack in the same text
   */
  public ThreatLevel levelOf(double probability, boolean corroborated) {
    if (probability >= MEDIUM_AT) {
      return corroborated ? ThreatLevel.HIGH : ThreatLevel.MEDIUM;
    }
    return probability >= LOW_AT ? ThreatLevel.LOW : ThreatLevel.NONE;
  }

  /**
   * The highest probability over the readings and, for long readings, over their {@link LexicalFeatures#windows}, with
   * the rule categories that matched in any reading. Word features are summed once per word, so scoring every window
   * costs no more than scoring the whole text.
   */
  double probability(List<WordScan> readings, List<String> matchedCategories) {
    double ruleLogit = 0;
    for (String category : matchedCategories) {
      ruleLogit += weights[LexicalFeatures.ruleBucket(category)];
    }
    WeightSum sum = new WeightSum();
    double best = 0;
    for (WordScan words : readings) {
      int count = words.count();
      double[] weightSums = new double[count + 1];
      int[] featureCounts = new int[count + 1];
      for (int w = 0; w < count; w++) {
        sum.reset();
        LexicalFeatures.addWordFeatures(words, w, sum);
        weightSums[w + 1] = weightSums[w] + sum.sum;
        featureCounts[w + 1] = featureCounts[w] + sum.count;
      }
      sum.reset();
      LexicalFeatures.addOddity(words.text(), sum);
      double whole = bias + ruleLogit + sum.sum + scaled(weightSums[count], featureCounts[count]);
      best = Math.max(best, sigmoid(whole));
      int start = 0;
      for (int end : LexicalFeatures.windows(words)) {
        double window = bias + ruleLogit
            + scaled(weightSums[end] - weightSums[start], featureCounts[end] - featureCounts[start]);
        best = Math.max(best, sigmoid(window));
        start = end;
      }
    }
    return best;
  }

  /** Sums the weights of the features it is given, without storing them. */
  private final class WeightSum implements LexicalFeatures.Sink {

    double sum;
    int count;

    void reset() {
      sum = 0;
      count = 0;
    }

    @Override
    public void add(int bucket, float value) {
      sum += weights[bucket] * value;
      count++;
    }
  }

  /** The probability of one explicit feature vector: the definition the word-sum shortcut above must agree with. */
  double probability(FeatureVector features) {
    double logit = bias;
    for (int i = 0; i < features.size(); i++) {
      logit += weights[features.bucket(i)] * features.value(i);
    }
    return sigmoid(logit);
  }

  private static double scaled(double weightSum, int featureCount) {
    return featureCount == 0 ? 0 : weightSum / Math.sqrt(featureCount);
  }

  private static double sigmoid(double logit) {
    return 1 / (1 + Math.exp(-logit));
  }

  /**
   * Writes the weights in the resource format: gzip of provenance, bias, and every weight as a 16-bit multiple of
   * (largest weight)/32767; trained weights are already on that grid, see {@link #onGrid}.
   */
  public void write(OutputStream out) throws IOException {
    try (DataOutputStream data = new DataOutputStream(new GZIPOutputStream(out))) {
      data.writeInt(FORMAT);
      data.writeUTF(provenance.trainingFile());
      data.writeUTF(provenance.trainingSha256());
      data.writeInt(provenance.rows());
      data.writeInt(LexicalFeatures.BUCKET_BITS);
      data.writeFloat(bias);
      float step = step(weights);
      data.writeFloat(step);
      for (float weight : weights) {
        data.writeShort(step == 0 ? 0 : Math.round(weight / step));
      }
    }
  }

  /** Reads weights written by {@link #write}. */
  public static LexicalScorer read(InputStream in) throws IOException {
    try (DataInputStream data = new DataInputStream(new GZIPInputStream(in))) {
      int format = data.readInt();
      if (format != FORMAT) {
        throw new IOException("unknown lexical scorer format " + format);
      }
      Provenance provenance = new Provenance(data.readUTF(), data.readUTF(), data.readInt());
      int bits = data.readInt();
      if (bits != LexicalFeatures.BUCKET_BITS) {
        throw new IOException("weights for " + bits + "-bit buckets, features use " + LexicalFeatures.BUCKET_BITS);
      }
      float bias = data.readFloat();
      float step = data.readFloat();
      float[] weights = new float[LexicalFeatures.BUCKETS];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = data.readShort() * step;
      }
      return new LexicalScorer(weights, bias, provenance);
    }
  }

  /**
   * A scorer whose weights are rounded to the 16-bit grid the resource stores, so a freshly trained scorer (in a
   * cross-validation fold) scores exactly as its shipped copy would.
   */
  static LexicalScorer onGrid(float[] weights, float bias, Provenance provenance) {
    float step = step(weights);
    float[] rounded = new float[weights.length];
    for (int i = 0; i < weights.length; i++) {
      rounded[i] = step == 0 ? 0 : Math.round(weights[i] / step) * step;
    }
    return new LexicalScorer(rounded, bias, provenance);
  }

  private static float step(float[] weights) {
    float max = 0;
    for (float weight : weights) {
      max = Math.max(max, Math.abs(weight));
    }
    return max / Short.MAX_VALUE;
  }

  /** Loads the shipped weights once, on first use. */
  private static final class Shipped {

    static final LexicalScorer SCORER = load();

    private static LexicalScorer load() {
      try (InputStream in = LexicalScorer.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE + " next to " + LexicalScorer.class);
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
