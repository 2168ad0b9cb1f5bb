package dev.sluice.guard.eval;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.GuardAction;
import dev.sluice.events.Role;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.injection.InjectionDetector;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.guard.inspection.Verdict;
import dev.sluice.guard.normalize.TextNormalizer;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.RequestLimits;
import dev.sluice.guard.semantic.AttackExemplar;
import dev.sluice.guard.semantic.KnownAttackCorpus;
import dev.sluice.guard.semantic.MiniLmEmbeddingModel;
import dev.sluice.guard.semantic.SemanticInjectionScorer;
import dev.sluice.guard.semantic.SemanticMatch;
import dev.sluice.guard.semantic.SemanticMode;
import dev.sluice.guard.semantic.SemanticSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command-line evaluation of the semantic tier on a labelled injection file ({@code data/guard/injection-*.jsonl}):
 * what it catches on its own and on top of the rules, and what it costs per prompt.
 *
 * <p>The file is split by id parity: thresholds and the short-text discount are chosen on the even ids (the
 * false-positive budget read on their benign rows only) and every other rate is reported on the odd ids. With {@code --corpus=dev-even} the known attacks are
 * the even-id attacks of the file itself (their first window each), so the odd ids are still unseen; that corpus
 * shares sources and templates with the odd ids, so its figures flatter a corpus built from the same collections.
 *
 * <p>Usage: {@code SemanticEval FILE.jsonl [--corpus=curated|dev-even] [--discount=D] [--max-sentences=N]
 * [--threads=T]}, where {@code D} and {@code N} replace the default short-text discount and sentence budget.
 * Per-prompt latencies are only comparable with {@code --threads=1} (the default) on an otherwise idle machine.
 */
public final class SemanticEval {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final double FLAG_FALSE_POSITIVE_RATE = 0.01;
  private static final double BLOCK_FALSE_POSITIVE_RATE = 0.001;
  private static final Instant CREATED_AT = Instant.EPOCH;
  private static final String ALL = "ALL";
  private static final double[] DISCOUNT_SWEEP = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

  private SemanticEval() {
  }

  /** One labelled text, with the half of the file it belongs to. */
  record Row(String id, String text, boolean attack, String category, boolean tuning) {
  }

  /**
   * What the semantic tier and the rules made of one row, and how long the semantic tier took.
   *
   * @param score the row's score at the evaluated discount
   * @param segments every segment's similarity and text, to score the row at other discounts
   */
  record Scored(Row row, double score, List<Segment> segments, GuardAction rulesAction, ThreatLevel rulesLevel,
      long nanos) {

    /** The row's score with {@code discount} instead: its best segment at that discount. */
    double scoreAt(double discount) {
      double best = Double.NEGATIVE_INFINITY;
      for (Segment segment : segments) {
        best = Math.max(best, SemanticInjectionScorer.score(segment.similarity(), segment.text(), discount));
      }
      return best;
    }
  }

  /** One segment's similarity to its nearest known attack, and its text. */
  record Segment(double similarity, String text) {
  }

  public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
    if (args.length < 1) {
      System.err.println("usage: SemanticEval FILE.jsonl [--corpus=curated|dev-even] [--discount=D]"
          + " [--max-sentences=N] [--threads=T]");
      System.exit(2);
    }
    String corpus = "curated";
    SemanticSettings settings = SemanticSettings.defaults();
    int threads = 1;
    for (String arg : Arrays.asList(args).subList(1, args.length)) {
      if (arg.startsWith("--corpus=")) {
        corpus = arg.substring("--corpus=".length());
      } else if (arg.startsWith("--discount=")) {
        double discount = Double.parseDouble(arg.substring("--discount=".length()));
        settings = new SemanticSettings(settings.mode(), settings.flagScore(), settings.blockScore(), discount,
            settings.windowChars(), settings.maxWindows(), settings.maxSentences());
      } else if (arg.startsWith("--max-sentences=")) {
        int maxSentences = Integer.parseInt(arg.substring("--max-sentences=".length()));
        settings = new SemanticSettings(settings.mode(), settings.flagScore(), settings.blockScore(),
            settings.shortTextDiscount(), settings.windowChars(), settings.maxWindows(), maxSentences);
      } else if (arg.startsWith("--threads=")) {
        threads = Integer.parseInt(arg.substring("--threads=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    run(Path.of(args[0]), corpus, settings, threads, System.out);
  }

  static void run(Path file, String corpusName, SemanticSettings settings, int threads, PrintStream out)
      throws IOException, InterruptedException, ExecutionException {
    List<Row> rows = read(file);

    long loadStart = System.nanoTime();
    MiniLmEmbeddingModel model = MiniLmEmbeddingModel.load();
    long loaded = System.nanoTime();
    KnownAttackCorpus corpus = switch (corpusName) {
      case "curated" -> KnownAttackCorpus.curated();
      case "dev-even" -> evenAttacks(rows, settings);
      default -> throw new IllegalArgumentException("--corpus must be curated or dev-even: " + corpusName);
    };
    SemanticInjectionScorer scorer = settings.scorer(model, corpus);
    long corpusEmbedded = System.nanoTime();

    List<Scored> scored = score(rows, scorer, threads);

    out.printf(Locale.ROOT, "Semantic tier evaluation: %s, %d texts; corpus %s (%d exemplars: %s)%n",
        file.getFileName(), rows.size(), corpusName, scorer.corpusSize(), corpus.sizeByCategory());
    out.printf(Locale.ROOT, "Segments per prompt: windows of <= %d chars (at most %d), at most %d sentences;"
            + " score = similarity - %.2f / sqrt(words)%n", settings.windowChars(), settings.maxWindows(),
        settings.maxSentences(), settings.shortTextDiscount());
    out.printf(Locale.ROOT, "Model load %d ms; corpus embedding %d ms; %d scoring thread(s)%n",
        (loaded - loadStart) / 1_000_000, (corpusEmbedded - loaded) / 1_000_000, threads);
    report(scored, out);
  }

  static void report(List<Scored> scored, PrintStream out) {
    List<Scored> tuning = scored.stream().filter(s -> s.row().tuning()).toList();
    List<Scored> test = scored.stream().filter(s -> !s.row().tuning()).toList();

    out.println();
    out.println("Short-text discount sweep, even ids only: recall at the threshold that keeps <=1% of benign texts");
    Table sweep = new Table("discount", "threshold", "recall");
    for (double discount : DISCOUNT_SWEEP) {
      double[] benign = tuning.stream().filter(s -> !s.row().attack()).mapToDouble(s -> s.scoreAt(discount))
          .toArray();
      double threshold = thresholdAtFalsePositiveRate(benign, FLAG_FALSE_POSITIVE_RATE);
      sweep.row(Table.number(discount), Table.number(threshold), Table.ratio(share(
          tuning.stream().filter(s -> s.row().attack()).toList(), s -> s.scoreAt(discount) >= threshold)));
    }
    sweep.print(out);
    out.println();
    double flagAt = thresholdAtFalsePositiveRate(scores(tuning, false), FLAG_FALSE_POSITIVE_RATE);
    double blockAt = thresholdAtFalsePositiveRate(scores(tuning, false), BLOCK_FALSE_POSITIVE_RATE);
    out.printf(Locale.ROOT, "Thresholds chosen on the even ids (%d attacks, %d benign): flag %s (<=%.1f%% FPR),"
            + " block %s (<=%.1f%% FPR)%n", count(tuning, true), count(tuning, false), Table.number(flagAt),
        FLAG_FALSE_POSITIVE_RATE * 100, Table.number(blockAt), BLOCK_FALSE_POSITIVE_RATE * 100);
    out.printf(Locale.ROOT, "Reported on the odd ids: %d attacks, %d benign%n", count(test, true),
        count(test, false));

    out.println();
    out.println("Semantic tier alone, per category (attack rows: recall; benign rows: false-positive rate)");
    Table table = new Table("category", "n", "at flag", "at block", "median score");
    Map<String, List<Scored>> byCategory = new TreeMap<>();
    for (Scored s : test) {
      byCategory.computeIfAbsent((s.row().attack() ? "attack/" : "benign/") + s.row().category(),
          c -> new ArrayList<>()).add(s);
    }
    byCategory.put(ALL + " attacks", test.stream().filter(s -> s.row().attack()).toList());
    byCategory.put(ALL + " benign", test.stream().filter(s -> !s.row().attack()).toList());
    byCategory.forEach((category, rows) -> table.row(category, rows.size(),
        Table.ratio(share(rows, s -> s.score() >= flagAt)),
        Table.ratio(share(rows, s -> s.score() >= blockAt)),
        Table.number(median(rows.stream().mapToDouble(Scored::score).toArray()))));
    table.print(out);

    out.println();
    out.println("With the rules (default rules and policy), odd ids: recall on attacks, false-positive rate on"
        + " benign");
    Table combined = new Table("decision", "recall", "FPR");
    combinedRow(combined, "rules BLOCK", test, s -> s.rulesAction() == GuardAction.BLOCK);
    combinedRow(combined, "rules BLOCK or semantic >= block", test,
        s -> s.rulesAction() == GuardAction.BLOCK || s.score() >= blockAt);
    combinedRow(combined, "rules FLAG/BLOCK", test, s -> s.rulesAction() != GuardAction.ALLOW);
    combinedRow(combined, "rules FLAG/BLOCK or semantic >= flag", test,
        s -> s.rulesAction() != GuardAction.ALLOW || s.score() >= flagAt);
    combined.print(out);
    Predicate<Scored> undecided = s -> SemanticMode.ONLY_WHEN_UNDECIDED.runsAfter(s.rulesLevel(), ThreatLevel.HIGH);
    out.printf(Locale.ROOT, "ONLY_WHEN_UNDECIDED runs the semantic tier on %s of all texts (%s of benign)"
            + " (those where the rules found a threat below HIGH)%n",
        Table.ratio(share(scored, undecided)),
        Table.ratio(share(scored.stream().filter(s -> !s.row().attack()).toList(), undecided)));

    long[] nanos = scored.stream().mapToLong(Scored::nanos).sorted().toArray();
    out.printf(Locale.ROOT, "Semantic scoring time per text over this file (mixed lengths): p50 %.1f ms,"
            + " p99 %.1f ms, max %.1f ms%n", percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6,
        nanos[nanos.length - 1] / 1e6);
  }

  /**
   * The lowest threshold that leaves at most {@code maxRate} of {@code benign} at or above it: just above the
   * benign score ranked one past the budget. Attack scores play no part, so it can be read on any labelled half.
   */
  static double thresholdAtFalsePositiveRate(double[] benign, double maxRate) {
    double[] descending = Arrays.stream(benign).map(v -> -v).sorted().map(v -> -v).toArray();
    int allowed = (int) Math.floor(maxRate * descending.length);
    if (allowed >= descending.length) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.nextUp(descending[allowed]);
  }

  private static KnownAttackCorpus evenAttacks(List<Row> rows, SemanticSettings settings) {
    List<AttackExemplar> exemplars = new ArrayList<>();
    for (Row row : rows) {
      if (row.attack() && row.tuning()) {
        settings.segmenter().segments(row.text()).stream().findFirst()
            .ifPresent(window -> exemplars.add(new AttackExemplar(row.category(), window.text())));
      }
    }
    return KnownAttackCorpus.of(exemplars);
  }

  private static List<Scored> score(List<Row> rows, SemanticInjectionScorer scorer, int threads)
      throws InterruptedException, ExecutionException {
    RequestInspector rules = rulesInspector();
    TextNormalizer normalizer = new TextNormalizer();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Scored>> futures = new ArrayList<>(rows.size());
      for (Row row : rows) {
        futures.add(pool.submit(() -> {
          // the detector sees what the engine gives it: the normalized text of the message
          String text = normalizer.normalize(row.text()).text();
          long start = System.nanoTime();
          List<SemanticMatch> matches = scorer.segmentMatches(text);
          long nanos = System.nanoTime() - start;
          Verdict verdict = rules.inspect(request(row)).verdict();
          double score = matches.stream().mapToDouble(SemanticMatch::score).max().orElse(Double.NEGATIVE_INFINITY);
          List<Segment> segments = matches.stream()
              .map(m -> new Segment(m.similarity(), m.segment().text())).toList();
          return new Scored(row, score, segments, verdict.action(), verdict.threatLevel(), nanos);
        }));
      }
      List<Scored> scored = new ArrayList<>(rows.size());
      for (Future<Scored> future : futures) {
        scored.add(future.get());
      }
      return scored;
    } finally {
      pool.shutdown();
    }
  }

  /** The production rules with the default policy, but no size limits, as {@link GuardEval} runs them. */
  private static RequestInspector rulesInspector() {
    GuardPolicy policy = GuardPolicy.defaults(new RequestLimits(1, Integer.MAX_VALUE));
    return new RequestInspector(new TextNormalizer(), List.of(InjectionDetector.withDefaultRules()),
        new PiiMasker(), GuardPolicies.uniform(policy));
  }

  private static List<Row> read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      String id = node.get("id").asString();
      String label = node.get("label").asString();
      if (!label.equals("attack") && !label.equals("benign")) {
        throw new IllegalArgumentException("label must be attack or benign: " + label + " in " + id);
      }
      rows.add(new Row(id, node.get("text").asString(), label.equals("attack"), node.get("category").asString(),
          idNumber(id) % 2 == 0));
    }
    return rows;
  }

  /** The trailing number of an id such as {@code inj-dev-00042}. */
  static long idNumber(String id) {
    int start = id.length();
    while (start > 0 && Character.isDigit(id.charAt(start - 1))) {
      start--;
    }
    if (start == id.length()) {
      throw new IllegalArgumentException("id has no trailing number to split on: " + id);
    }
    return Long.parseLong(id.substring(start));
  }

  private static void combinedRow(Table table, String name, List<Scored> rows, Predicate<Scored> caught) {
    table.row(name, Table.ratio(share(rows.stream().filter(s -> s.row().attack()).toList(), caught)),
        Table.ratio(share(rows.stream().filter(s -> !s.row().attack()).toList(), caught)));
  }

  private static double[] scores(List<Scored> rows, boolean attack) {
    return rows.stream().filter(s -> s.row().attack() == attack).mapToDouble(Scored::score).toArray();
  }

  private static long count(List<Scored> rows, boolean attack) {
    return rows.stream().filter(s -> s.row().attack() == attack).count();
  }

  private static double share(List<Scored> rows, Predicate<Scored> predicate) {
    return rows.isEmpty() ? Double.NaN : (double) rows.stream().filter(predicate).count() / rows.size();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
  }

  private static double percentile(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
  }

  private static ChatRequest request(Row row) {
    return ChatRequest.newBuilder()
        .setRequestId(row.id())
        .setTenantId("eval")
        .setCreatedAt(CREATED_AT)
        .setDeadline(CREATED_AT.plusSeconds(30))
        .setModel("eval")
        .setMessages(List.of(ChatMessage.newBuilder().setRole(Role.USER).setContent(row.text()).build()))
        .setParams(ChatParams.newBuilder().build())
        .build();
  }
}
