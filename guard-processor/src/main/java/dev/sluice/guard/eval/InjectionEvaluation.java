package dev.sluice.guard.eval;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.GuardAction;
import dev.sluice.events.Role;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.inspection.RequestInspection;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.guard.inspection.Verdict;
import dev.sluice.guard.pii.PiiMasker;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Scores the input guard on labelled prompts: each text goes through {@link RequestInspector} as the only user
 * message of a request, and its verdict is compared with the label.
 */
public final class InjectionEvaluation {

  /** The false-positive budget the continuous score is read at. */
  public static final double MAX_FALSE_POSITIVE_RATE = 0.01;

  private static final Instant CREATED_AT = Instant.EPOCH;
  private static final String ALL = "ALL";

  private final RequestInspector inspector;

  public InjectionEvaluation(RequestInspector inspector) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** One labelled text. */
  public record Sample(String id, String text, boolean attack, String category) {
  }

  /**
   * What the engine made of one sample.
   *
   * @param semanticTime how long the semantic tier took on it; null when it did not run
   */
  record Outcome(Sample sample, GuardAction action, double score, Duration semanticTime) {
  }

  /** Runs every sample through the engine and prints the report to {@code out}. */
  public void run(String name, List<Sample> samples, PrintStream out) {
    report(name, outcomes(samples), out);
  }

  /** What the engine makes of each sample, in order. */
  List<Outcome> outcomes(List<Sample> samples) {
    List<Outcome> outcomes = new ArrayList<>(samples.size());
    for (Sample sample : samples) {
      RequestInspection inspection = inspector.inspect(request(sample));
      Verdict verdict = inspection.verdict();
      outcomes.add(new Outcome(sample, verdict.action(), rankingScore(verdict.findings()),
          inspection.semanticTime()));
    }
    return outcomes;
  }

  /**
   * The engine only has discrete threat levels and a fixed score per rule, so the ranking score of a text is the
   * highest {@code level ordinal + finding score} over its threat findings, and 0 without one.
   */
  static double rankingScore(List<Finding> findings) {
    double best = 0;
    for (Finding finding : findings) {
      if (!finding.detector().equals(PiiMasker.NAME)) {
        best = Math.max(best, finding.threatLevel().ordinal() + finding.score());
      }
    }
    return best;
  }

  static void report(String name, List<Outcome> outcomes, PrintStream out) {
    Map<String, List<Outcome>> byCategory = new TreeMap<>();
    for (Outcome outcome : outcomes) {
      byCategory.computeIfAbsent(outcome.sample().category(), c -> new ArrayList<>()).add(outcome);
    }
    byCategory.put(ALL, outcomes);
    OperatingPoint point = OperatingPoint.atFalsePositiveRate(scores(outcomes, true), scores(outcomes, false),
        MAX_FALSE_POSITIVE_RATE);

    long attacks = outcomes.stream().filter(o -> o.sample().attack()).count();
    out.printf(Locale.ROOT, "Injection evaluation: %s, %d texts (%d attack, %d benign)%n", name, outcomes.size(),
        attacks, outcomes.size() - attacks);
    out.println("Score: the engine has discrete levels only; score = max over threat findings of"
        + " (ThreatLevel ordinal + finding score), 0 without a finding.");
    out.printf(Locale.ROOT, "Recall at <=1%% FPR: threshold %s, recall %s, benign FPR %s%n",
        Table.number(point.threshold()), Table.ratio(point.recall()), Table.ratio(point.falsePositiveRate()));
    for (GuardAction atLeast : List.of(GuardAction.BLOCK, GuardAction.FLAG)) {
      out.println();
      out.printf("Decision: %s%n", atLeast == GuardAction.BLOCK ? "BLOCK" : "FLAG or BLOCK");
      Table table = new Table("category", "n", "TP", "FP", "FN", "TN", "precision", "recall", "F1",
          "rec@1%FPR");
      byCategory.forEach((category, rows) -> {
        ConfusionCounts counts = ConfusionCounts.EMPTY;
        for (Outcome outcome : rows) {
          counts = counts.plus(outcome.sample().attack(), caught(outcome.action(), atLeast));
        }
        table.row(category, rows.size(), counts.truePositives(), counts.falsePositives(), counts.falseNegatives(),
            counts.trueNegatives(), Table.ratio(counts.precision()), Table.ratio(counts.recall()),
            Table.ratio(counts.f1()), Table.ratio(OperatingPoint.shareAtOrAbove(scores(rows, true),
                point.threshold())));
      });
      table.print(out);
    }
    out.println("Per category, counts cover only that category's rows (an attack category has no FP/TN, so its"
        + " precision is 1 or n/a); rec@1%FPR = share of its attacks at or above the threshold chosen on all benign"
        + " rows; n/a = undefined.");
  }

  /**
   * What the semantic tier changed: how often it ran and how long it took, and the decisions that differ between
   * {@code without} and {@code with} (the same samples in the same order, without and with the tier).
   */
  static void reportSemanticTier(String mode, List<Outcome> without, List<Outcome> with, PrintStream out) {
    long ran = with.stream().filter(o -> o.semanticTime() != null).count();
    long benign = with.stream().filter(o -> !o.sample().attack()).count();
    long ranOnBenign = with.stream().filter(o -> o.semanticTime() != null && !o.sample().attack()).count();
    out.printf(Locale.ROOT, "Semantic tier %s ran on %d of %d texts (%s), on %d of %d benign texts (%s)%n", mode,
        ran, with.size(), Table.ratio(ratio(ran, with.size())), ranOnBenign, benign,
        Table.ratio(ratio(ranOnBenign, benign)));
    long[] nanos = with.stream().filter(o -> o.semanticTime() != null)
        .mapToLong(o -> o.semanticTime().toNanos()).sorted().toArray();
    if (nanos.length > 0) {
      out.printf(Locale.ROOT, "Time per run (this machine, this file's lengths): p50 %.1f ms, p99 %.1f ms,"
          + " max %.1f ms%n", percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6,
          nanos[nanos.length - 1] / 1e6);
    }
    Table table = new Table("decision changed by the tier", "attack", "benign", "precision");
    for (GuardAction from : List.of(GuardAction.ALLOW, GuardAction.FLAG)) {
      for (GuardAction to : List.of(GuardAction.FLAG, GuardAction.BLOCK)) {
        if (from == to) {
          continue;
        }
        ConfusionCounts counts = ConfusionCounts.EMPTY;
        for (int i = 0; i < with.size(); i++) {
          if (without.get(i).action() == from && with.get(i).action() == to) {
            counts = counts.plus(with.get(i).sample().attack(), true);
          }
        }
        table.row(from + " -> " + to, counts.truePositives(), counts.falsePositives(),
            Table.ratio(counts.precision()));
      }
    }
    table.print(out);
    out.println("precision = attacks / (attacks + benign) among the texts whose decision the tier changed.");
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }

  private static double percentile(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))];
  }

  private static boolean caught(GuardAction action, GuardAction atLeast) {
    return action == GuardAction.BLOCK || (atLeast == GuardAction.FLAG && action == GuardAction.FLAG);
  }

  private static double[] scores(List<Outcome> outcomes, boolean attack) {
    return outcomes.stream().filter(o -> o.sample().attack() == attack).mapToDouble(Outcome::score).toArray();
  }

  private static ChatRequest request(Sample sample) {
    return ChatRequest.newBuilder()
        .setRequestId(sample.id())
        .setTenantId("eval")
        .setCreatedAt(CREATED_AT)
        .setDeadline(CREATED_AT.plusSeconds(30))
        .setModel("eval")
        .setMessages(List.of(ChatMessage.newBuilder().setRole(Role.USER).setContent(sample.text()).build()))
        .setParams(ChatParams.newBuilder().build())
        .build();
  }
}
