package dev.sluice.guard.eval;

import dev.sluice.guard.detect.Span;
import dev.sluice.guard.injection.InjectionDetector;
import dev.sluice.guard.injection.InjectionRules;
import dev.sluice.guard.injection.LexicalScorer;
import dev.sluice.guard.injection.LexicalScorerTrainer;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.guard.normalize.NormalizedText;
import dev.sluice.guard.normalize.TextNormalizer;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.RequestLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command-line evaluation of the guard's detection engine on a labelled JSON Lines file (the format of
 * {@code data/guard/*.jsonl}): injection files have a {@code label}, PII files have {@code spans}. Plain Java, no
 * Spring context and no Kafka; prints a report to standard output.
 *
 * <p>Injection files are scored with the production detector (rules and the shipped lexical scorer), with
 * {@code --rules-only} without the scorer, with {@code --folds K} by grouped K-fold cross-validation (the lexical
 * scorer is retrained on K-1 folds and scored on the held-out one, and near-duplicate texts, such as one template
 * filled with different questions or one payload in several documents, always share a fold), or with
 * {@code --by-source} by leaving out one source repository at a time, the nearest this file comes to a test on
 * other sources. Numbers measured on the file the shipped weights were trained on are in-sample, and the report
 * says so.
 */
public final class GuardEval {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String USAGE = "usage: GuardEval FILE.jsonl [--rules-only | --folds K | --by-source]";

  private GuardEval() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[1].equals("--rules-only")) {
      run(Path.of(args[0]), Mode.RULES_ONLY, 0, System.out);
    } else if (args.length == 3 && args[1].equals("--folds") && args[2].matches("[2-9]|[1-9][0-9]")) {
      run(Path.of(args[0]), Mode.CROSS_VALIDATED, Integer.parseInt(args[2]), System.out);
    } else if (args.length == 2 && args[1].equals("--by-source")) {
      run(Path.of(args[0]), Mode.BY_SOURCE, 0, System.out);
    } else if (args.length == 1) {
      run(Path.of(args[0]), Mode.PRODUCTION, 0, System.out);
    } else {
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  /** How injection files are scored. */
  enum Mode {
    /** Rules and the shipped lexical scorer. */
    PRODUCTION,
    /** Rules alone. */
    RULES_ONLY,
    /** Rules and a lexical scorer retrained per fold of near-duplicate groups. */
    CROSS_VALIDATED,
    /** Rules and a lexical scorer retrained per source repository, scored on the source it did not see. */
    BY_SOURCE
  }

  /** Evaluates the engine with its default rules, scorer and policy on {@code file}. */
  public static void run(Path file, PrintStream out) throws IOException {
    run(file, Mode.PRODUCTION, 0, out);
  }

  static void run(Path file, Mode mode, int folds, PrintStream out) throws IOException {
    List<JsonNode> rows = readRows(file);
    String name = file.getFileName().toString();
    if (rows.get(0).has("label")) {
      List<InjectionEvaluation.Sample> samples = rows.stream().map(GuardEval::injectionSample).toList();
      switch (mode) {
        case PRODUCTION -> {
          LexicalScorer scorer = LexicalScorer.shipped();
          if (scorer.provenance().trainingSha256().equals(sha256(file))) {
            out.printf(Locale.ROOT, "IN-SAMPLE: the shipped lexical scorer was trained on this file (%d rows);"
                + " use --folds K for numbers on held-out data.%n", scorer.provenance().rows());
          }
          new InjectionEvaluation(inspector(new InjectionDetector(InjectionRules.defaults(), scorer)))
              .run(name, samples, out);
        }
        case RULES_ONLY -> new InjectionEvaluation(inspector(InjectionDetector.withDefaultRules()))
            .run(name + " (rules only)", samples, out);
        case CROSS_VALIDATED -> {
          int[] groups = nearDuplicateGroups(samples);
          crossValidate(file, samples, NearDuplicateGroups.folds(groups, folds), out, String.format(Locale.ROOT,
              "grouped %d-fold cross-validation, %d near-duplicate groups (word 5-gram containment >= %.1f) never"
                  + " straddle folds", folds, Arrays.stream(groups).distinct().count(),
              NearDuplicateGroups.MIN_CONTAINMENT));
        }
        case BY_SOURCE -> crossValidate(file, samples, sourceFolds(rows), out,
            "leave-one-source-out cross-validation (a fold per source repository, derived items one more)");
        default -> throw new IllegalStateException("unknown mode " + mode);
      }
      // what masking would do to ordinary traffic: every masked benign text is a changed prompt
      out.println();
      new PiiEvaluation(new PiiMasker()).runUnlabelled(name + " (benign rows)",
          samples.stream().filter(sample -> !sample.attack()).map(InjectionEvaluation.Sample::text).toList(), out);
    } else if (rows.get(0).has("spans")) {
      new PiiEvaluation(new PiiMasker()).run(name, rows.stream().map(GuardEval::piiSample).toList(), out);
    } else {
      throw new IllegalArgumentException(file + ": first record has neither 'label' nor 'spans'");
    }
  }

  /**
   * The near-duplicate groups (see {@link NearDuplicateGroups}) of the normalized texts with their variants, so a
   * Base64 copy of a payload joins the group of the payload.
   */
  private static int[] nearDuplicateGroups(List<InjectionEvaluation.Sample> samples) {
    TextNormalizer normalizer = new TextNormalizer();
    List<String> readings = new ArrayList<>(samples.size());
    for (InjectionEvaluation.Sample sample : samples) {
      NormalizedText normalized = normalizer.normalize(sample.text());
      List<String> all = new ArrayList<>(List.of(normalized.text()));
      all.addAll(normalized.distinctVariants());
      readings.add(String.join("\n", all));
    }
    return NearDuplicateGroups.of(readings);
  }

  /** One fold per source repository ({@code owner/repo} before the colon of {@code source}), in order of appearance. */
  private static int[] sourceFolds(List<JsonNode> rows) {
    List<String> sources = new ArrayList<>();
    int[] foldOf = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String source = required(rows.get(i), "source").asString();
      String repository = source.substring(0, Math.max(0, source.indexOf(':')));
      if (!sources.contains(repository)) {
        sources.add(repository);
      }
      foldOf[i] = sources.indexOf(repository);
    }
    return foldOf;
  }

  private static void crossValidate(Path file, List<InjectionEvaluation.Sample> samples, int[] foldOf,
      PrintStream out, String design) throws IOException {
    TextNormalizer normalizer = new TextNormalizer();
    LexicalScorerTrainer trainer = new LexicalScorerTrainer(InjectionRules.defaults(),
        LexicalScorerTrainer.Settings.defaults());
    List<LexicalScorerTrainer.Example> examples = new ArrayList<>(samples.size());
    for (InjectionEvaluation.Sample sample : samples) {
      examples.add(trainer.example(normalizer.normalize(sample.text()), sample.attack()));
    }
    int folds = Arrays.stream(foldOf).max().orElse(0) + 1;
    String sha256 = sha256(file);
    InjectionEvaluation.Outcome[] outcomes = new InjectionEvaluation.Outcome[samples.size()];
    int[] foldSizes = new int[folds];
    for (int fold = 0; fold < folds; fold++) {
      List<LexicalScorerTrainer.Example> training = new ArrayList<>();
      List<Integer> heldOut = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        if (foldOf[i] == fold) {
          heldOut.add(i);
        } else {
          training.add(examples.get(i));
        }
      }
      foldSizes[fold] = heldOut.size();
      LexicalScorer scorer = trainer.train(training,
          new LexicalScorer.Provenance(file.getFileName().toString(), sha256, training.size()));
      InjectionEvaluation evaluation =
          new InjectionEvaluation(inspector(new InjectionDetector(InjectionRules.defaults(), scorer)));
      List<InjectionEvaluation.Outcome> scored =
          evaluation.outcomes(heldOut.stream().map(samples::get).toList());
      for (int k = 0; k < heldOut.size(); k++) {
        outcomes[heldOut.get(k)] = scored.get(k);
      }
    }
    out.printf(Locale.ROOT, "HELD-OUT: %s; the lexical scorer is retrained without each fold and scored on it;"
        + " fold sizes %s. The rules are hand-written and the same in every fold.%n", design,
        Arrays.toString(foldSizes));
    InjectionEvaluation.report(file.getFileName() + " (held-out folds)", List.of(outcomes), out);
  }

  /** The production wiring with the default policy, but no size limits: every text is inspected. */
  private static RequestInspector inspector(InjectionDetector detector) {
    GuardPolicy policy = GuardPolicy.defaults(new RequestLimits(1, Integer.MAX_VALUE));
    return new RequestInspector(new TextNormalizer(), List.of(detector), new PiiMasker(),
        GuardPolicies.uniform(policy));
  }

  static List<JsonNode> readRows(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no records in " + file);
    }
    return rows;
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  static InjectionEvaluation.Sample injectionSample(JsonNode row) {
    String label = required(row, "label").asString();
    if (!label.equals("attack") && !label.equals("benign")) {
      throw new IllegalArgumentException("label must be attack or benign: " + label + " in " + row.get("id"));
    }
    return new InjectionEvaluation.Sample(required(row, "id").asString(), required(row, "text").asString(),
        label.equals("attack"), required(row, "category").asString());
  }

  private static PiiEvaluation.Sample piiSample(JsonNode row) {
    List<PiiEvaluation.GoldSpan> spans = new ArrayList<>();
    for (JsonNode span : required(row, "spans")) {
      spans.add(new PiiEvaluation.GoldSpan(required(span, "type").asString(),
          new Span(required(span, "start").asInt(), required(span, "end").asInt())));
    }
    return new PiiEvaluation.Sample(required(row, "id").asString(), required(row, "text").asString(), spans);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing '" + field + "' in " + node);
    }
    return value;
  }
}
