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
import dev.sluice.guard.semantic.SemanticInjectionDetector;
import dev.sluice.guard.semantic.SemanticMode;
import dev.sluice.guard.semantic.SemanticSettings;
import dev.sluice.guard.semantic.SemanticTier;
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
 *
 * <p>With {@code --semantic always} or {@code --semantic undecided} the engine runs without and with the semantic
 * tier in that mode ({@link SemanticMode#ALWAYS}, {@link SemanticMode#ONLY_WHEN_UNDECIDED}) on the rows with an odd
 * id only, since the tier's thresholds and its undecided band were chosen on the even ids of the DEV file; the lexical
 * scorer is retrained per fold there too, so no number comes from rows any part of the engine was built from.
 */
public final class GuardEval {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Folds of the lexical scorer's cross-validation in the semantic modes. */
  private static final int SEMANTIC_FOLDS = 5;
  private static final String USAGE =
      "usage: GuardEval FILE.jsonl [--rules-only | --folds K | --by-source | --semantic always|undecided]";

  private GuardEval() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[1].equals("--rules-only")) {
      run(Path.of(args[0]), Mode.RULES_ONLY, 0, System.out);
    } else if (args.length == 3 && args[1].equals("--folds") && args[2].matches("[2-9]|[1-9][0-9]")) {
      run(Path.of(args[0]), Mode.CROSS_VALIDATED, Integer.parseInt(args[2]), System.out);
    } else if (args.length == 2 && args[1].equals("--by-source")) {
      run(Path.of(args[0]), Mode.BY_SOURCE, 0, System.out);
    } else if (args.length == 3 && args[1].equals("--semantic") && args[2].equals("always")) {
      run(Path.of(args[0]), Mode.SEMANTIC_ALWAYS, 0, System.out);
    } else if (args.length == 3 && args[1].equals("--semantic") && args[2].equals("undecided")) {
      run(Path.of(args[0]), Mode.SEMANTIC_UNDECIDED, 0, System.out);
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
    BY_SOURCE,
    /** As CROSS_VALIDATED, on the odd ids only, without and with the semantic tier on every text. */
    SEMANTIC_ALWAYS,
    /** As CROSS_VALIDATED, on the odd ids only, without and with the semantic tier where the rules are undecided. */
    SEMANTIC_UNDECIDED
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
        case SEMANTIC_ALWAYS -> withSemanticTier(file, samples, SemanticMode.ALWAYS, out);
        case SEMANTIC_UNDECIDED -> withSemanticTier(file, samples, SemanticMode.ONLY_WHEN_UNDECIDED, out);
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
    List<LexicalScorer> scorers = foldScorers(file, samples, foldOf);
    InjectionEvaluation.Outcome[] outcomes = new InjectionEvaluation.Outcome[samples.size()];
    int[] foldSizes = new int[scorers.size()];
    for (int fold = 0; fold < scorers.size(); fold++) {
      List<Integer> heldOut = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        if (foldOf[i] == fold) {
          heldOut.add(i);
        }
      }
      foldSizes[fold] = heldOut.size();
      InjectionEvaluation evaluation =
          new InjectionEvaluation(inspector(new InjectionDetector(InjectionRules.defaults(), scorers.get(fold))));
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

  /** The lexical scorer retrained once per fold: element {@code f} never saw the samples of fold {@code f}. */
  private static List<LexicalScorer> foldScorers(Path file, List<InjectionEvaluation.Sample> samples, int[] foldOf)
      throws IOException {
    TextNormalizer normalizer = new TextNormalizer();
    LexicalScorerTrainer trainer = new LexicalScorerTrainer(InjectionRules.defaults(),
        LexicalScorerTrainer.Settings.defaults());
    List<LexicalScorerTrainer.Example> examples = new ArrayList<>(samples.size());
    for (InjectionEvaluation.Sample sample : samples) {
      examples.add(trainer.example(normalizer.normalize(sample.text()), sample.attack()));
    }
    int folds = Arrays.stream(foldOf).max().orElse(0) + 1;
    String sha256 = sha256(file);
    List<LexicalScorer> scorers = new ArrayList<>(folds);
    for (int fold = 0; fold < folds; fold++) {
      List<LexicalScorerTrainer.Example> training = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        if (foldOf[i] != fold) {
          training.add(examples.get(i));
        }
      }
      scorers.add(trainer.train(training,
          new LexicalScorer.Provenance(file.getFileName().toString(), sha256, training.size())));
    }
    return scorers;
  }

  /**
   * The engine without and with the semantic tier in {@code mode}, on the odd-id rows only: the tier's thresholds,
   * short-text discount and undecided band were read off the even ids of the DEV file. The shipped lexical scorer
   * was trained on the whole DEV file, so each row is scored by one retrained without its fold of
   * {@value #SEMANTIC_FOLDS}-fold grouped cross-validation, as {@code --folds} does: the rules' decisions, and with
   * them the band, are those for a text the engine was not built from.
   */
  private static void withSemanticTier(Path file, List<InjectionEvaluation.Sample> samples, SemanticMode mode,
      PrintStream out) throws IOException {
    int[] foldOf = NearDuplicateGroups.folds(nearDuplicateGroups(samples), SEMANTIC_FOLDS);
    List<LexicalScorer> scorers = foldScorers(file, samples, foldOf);
    List<Integer> odd = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      if (SemanticEval.idNumber(samples.get(i).id()) % 2 != 0) {
        odd.add(i);
      }
    }
    long attacks = odd.stream().filter(i -> samples.get(i).attack()).count();
    out.printf(Locale.ROOT, "HELD-OUT: the semantic tier's thresholds, short-text discount and undecided band were"
        + " chosen on the even ids of injection-dev.jsonl; only the %d rows with an odd id (%d attack, %d benign)"
        + " are scored here, without and with the tier. The lexical scorer is retrained without each row's fold of"
        + " grouped %d-fold cross-validation (as --folds %d).%n", odd.size(), attacks, odd.size() - attacks,
        SEMANTIC_FOLDS, SEMANTIC_FOLDS);
    InjectionEvaluation.Outcome[] without = new InjectionEvaluation.Outcome[samples.size()];
    InjectionEvaluation.Outcome[] with = new InjectionEvaluation.Outcome[samples.size()];
    try (SemanticTier tier = SemanticTier.start(SemanticSettings.defaults().withMode(mode))) {
      for (int fold = 0; fold < scorers.size(); fold++) {
        int current = fold;
        List<Integer> rows = odd.stream().filter(i -> foldOf[i] == current).toList();
        List<InjectionEvaluation.Sample> foldSamples = rows.stream().map(samples::get).toList();
        InjectionDetector detector = new InjectionDetector(InjectionRules.defaults(), scorers.get(fold));
        List<InjectionEvaluation.Outcome> rulesOnly =
            new InjectionEvaluation(inspector(detector)).outcomes(foldSamples);
        List<InjectionEvaluation.Outcome> withTier =
            new InjectionEvaluation(inspector(detector, tier.detector().orElseThrow())).outcomes(foldSamples);
        for (int k = 0; k < rows.size(); k++) {
          without[rows.get(k)] = rulesOnly.get(k);
          with[rows.get(k)] = withTier.get(k);
        }
      }
    }
    List<InjectionEvaluation.Outcome> withoutTier = odd.stream().map(i -> without[i]).toList();
    List<InjectionEvaluation.Outcome> withTier = odd.stream().map(i -> with[i]).toList();
    String name = file.getFileName().toString();
    InjectionEvaluation.report(name + " (odd ids, without the semantic tier)", withoutTier, out);
    out.println();
    InjectionEvaluation.report(name + " (odd ids, semantic tier " + mode + ")", withTier, out);
    out.println();
    InjectionEvaluation.reportSemanticTier(mode.name(), withoutTier, withTier, out);
  }

  /** The production wiring with the default policy, but no size limits: every text is inspected. */
  private static RequestInspector inspector(InjectionDetector detector) {
    return inspector(detector, null);
  }

  /** The same with the semantic tier {@code semantic}, or without for null. */
  private static RequestInspector inspector(InjectionDetector detector, SemanticInjectionDetector semantic) {
    GuardPolicy policy = GuardPolicy.defaults(new RequestLimits(1, Integer.MAX_VALUE));
    return new RequestInspector(new TextNormalizer(), List.of(detector), semantic, new PiiMasker(),
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
