package dev.sluice.guard.eval;

import dev.sluice.guard.detect.Span;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.pii.PiiSpan;
import dev.sluice.guard.pii.PiiType;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores the PII masker's spans against labelled spans, per kind the masker knows: exact match (same start and end)
 * and overlap match (a predicted span counts as correct when it overlaps a gold span of its kind, a gold span as found
 * when a predicted span of its kind overlaps it).
 */
public final class PiiEvaluation {

  /** The type names of {@code data/guard/pii-*.jsonl} for each kind the masker detects. */
  static final Map<String, PiiType> FILE_TYPES = Map.of(
      "EMAIL", PiiType.EMAIL,
      "CREDIT_CARD", PiiType.CARD,
      "PHONE", PiiType.PHONE,
      "IBAN", PiiType.IBAN,
      "US_SSN", PiiType.US_SSN,
      "IP_ADDRESS", PiiType.IP_ADDRESS);

  private static final Set<PiiType> ALL_TYPES = EnumSet.allOf(PiiType.class);

  private final PiiMasker masker;

  public PiiEvaluation(PiiMasker masker) {
    this.masker = Objects.requireNonNull(masker, "masker");
  }

  /** One gold span with the data set's type name. */
  public record GoldSpan(String type, Span span) {
  }

  /** One labelled text. */
  public record Sample(String id, String text, List<GoldSpan> spans) {
  }

  /** Per-kind tallies. */
  private static final class Tally {
    long gold;
    long predicted;
    long exact;
    long predictedOverlapping;
    long goldOverlapped;
  }

  /** Runs the masker over every sample and prints the report to {@code out}. */
  public void run(String name, List<Sample> samples, PrintStream out) {
    Map<PiiType, Tally> tallies = new EnumMap<>(PiiType.class);
    for (PiiType type : PiiType.values()) {
      tallies.put(type, new Tally());
    }
    Map<String, Long> uncovered = new TreeMap<>();
    long goldSpans = 0;
    for (Sample sample : samples) {
      List<PiiSpan> predicted = masker.find(sample.text(), ALL_TYPES);
      for (GoldSpan gold : sample.spans()) {
        goldSpans++;
        PiiType type = FILE_TYPES.get(gold.type());
        if (type == null) {
          uncovered.merge(gold.type(), 1L, Long::sum);
          continue;
        }
        Tally tally = tallies.get(type);
        tally.gold++;
        if (predicted.stream().anyMatch(p -> p.type() == type && overlaps(p.span(), gold.span()))) {
          tally.goldOverlapped++;
        }
      }
      for (PiiSpan prediction : predicted) {
        Tally tally = tallies.get(prediction.type());
        tally.predicted++;
        List<GoldSpan> sameKind = sample.spans().stream()
            .filter(gold -> FILE_TYPES.get(gold.type()) == prediction.type())
            .toList();
        if (sameKind.stream().anyMatch(gold -> gold.span().equals(prediction.span()))) {
          tally.exact++;
        }
        if (sameKind.stream().anyMatch(gold -> overlaps(gold.span(), prediction.span()))) {
          tally.predictedOverlapping++;
        }
      }
    }

    out.printf(Locale.ROOT, "PII evaluation: %s, %d texts, %d gold spans%n", name, samples.size(), goldSpans);
    Table table = new Table("engine type", "file types", "gold", "predicted", "exact P", "exact R", "overlap P",
        "overlap R");
    for (PiiType type : PiiType.values()) {
      Tally tally = tallies.get(type);
      table.row(type, fileTypeNames(type), tally.gold, tally.predicted,
          Table.ratio(ratio(tally.exact, tally.predicted)), Table.ratio(ratio(tally.exact, tally.gold)),
          Table.ratio(ratio(tally.predictedOverlapping, tally.predicted)),
          Table.ratio(ratio(tally.goldOverlapped, tally.gold)));
    }
    table.print(out);
    StringBuilder missing = new StringBuilder();
    uncovered.forEach((type, count) -> missing.append(missing.isEmpty() ? "" : ", ").append(type).append(" (")
        .append(count).append(')'));
    out.println("File types the engine does not detect (gold spans): " + (missing.isEmpty() ? "none" : missing));
  }

  /**
   * Runs the masker over texts that carry no span labels (the benign prompts of an injection file) and prints how
   * many of them it would mask something in, per kind: how often ordinary prompts lose text to masking.
   */
  public void runUnlabelled(String name, List<String> texts, PrintStream out) {
    Map<PiiType, Long> textsPerType = new EnumMap<>(PiiType.class);
    Map<PiiType, Long> spansPerType = new EnumMap<>(PiiType.class);
    long masked = 0;
    for (String text : texts) {
      List<PiiSpan> spans = masker.find(text, ALL_TYPES);
      if (!spans.isEmpty()) {
        masked++;
      }
      spans.forEach(span -> spansPerType.merge(span.type(), 1L, Long::sum));
      spans.stream().map(PiiSpan::type).distinct().forEach(type -> textsPerType.merge(type, 1L, Long::sum));
    }
    out.printf(Locale.ROOT, "PII masking on %s: %d of %d texts (%s) would have something masked%n", name, masked,
        texts.size(), Table.ratio(ratio(masked, texts.size())));
    Table table = new Table("engine type", "texts", "spans");
    for (PiiType type : PiiType.values()) {
      table.row(type, textsPerType.getOrDefault(type, 0L), spansPerType.getOrDefault(type, 0L));
    }
    table.print(out);
  }

  private static String fileTypeNames(PiiType type) {
    return String.join("|", new TreeMap<>(FILE_TYPES).entrySet().stream()
        .filter(entry -> entry.getValue() == type).map(Map.Entry::getKey).toList());
  }

  private static boolean overlaps(Span a, Span b) {
    return a.start() < b.end() && b.start() < a.end();
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }
}
