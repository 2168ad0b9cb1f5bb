package dev.sluice.guard.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardEvalTest {

  private static List<String> run(String resource) throws Exception {
    return run(resource, GuardEval.Mode.PRODUCTION, 0);
  }

  private static List<String> run(String resource, GuardEval.Mode mode, int folds) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      GuardEval.run(fixture(resource), mode, folds, out);
    }
    return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n"))
        .map(line -> line.strip().replaceAll(" +", " "))
        .toList();
  }

  private static Path fixture(String resource) throws URISyntaxException {
    return Path.of(GuardEvalTest.class.getResource("/eval/" + resource).toURI());
  }

  @Test
  void reportsInjectionCountsAndRatiosOfBothDecisionsAndTheOperatingPoint() throws Exception {
    // Rules only, so the numbers follow from the hand-written rules: t-1 is blocked (HIGH, 3.95), t-2 flagged
    // (MEDIUM, 2.7), t-3 missed; benign t-5 is blocked (HIGH, 3.9).
    List<String> lines = run("injection-sample.jsonl", GuardEval.Mode.RULES_ONLY, 0);

    assertThat(lines).contains(
        "Injection evaluation: injection-sample.jsonl (rules only), 5 texts (3 attack, 2 benign)",
        "Recall at <=1% FPR: threshold 3.950, recall 0.333, benign FPR 0.000");
    int block = lines.indexOf("Decision: BLOCK");
    int flag = lines.indexOf("Decision: FLAG or BLOCK");
    assertThat(block).isPositive().isLessThan(flag);
    assertThat(lines.subList(block, flag)).contains(
        "ALL 5 1 1 2 1 0.500 0.333 0.400 0.333",
        "direct_override 2 1 0 1 0 1.000 0.500 0.667 0.500",
        "roleplay_jailbreak 1 0 0 1 0 n/a 0.000 n/a 0.000",
        "benign_trigger_words 1 0 1 0 0 0.000 n/a n/a n/a");
    assertThat(lines.subList(flag, lines.size())).contains(
        "ALL 5 2 1 1 1 0.667 0.667 0.667 0.333",
        "direct_override 2 2 0 0 0 1.000 1.000 1.000 0.500");
    assertThat(lines).contains(
        "PII masking on injection-sample.jsonl (benign rows): 0 of 2 texts (0.000) would have something masked");
  }

  @Test
  void scoresWithTheShippedScorerAndSaysInSampleOnlyForItsTrainingFile() throws Exception {
    List<String> lines = run("injection-sample.jsonl");

    assertThat(lines).contains("Injection evaluation: injection-sample.jsonl, 5 texts (3 attack, 2 benign)")
        .noneMatch(line -> line.startsWith("IN-SAMPLE"));
  }

  @Test
  void crossValidatesWithTheScorerRetrainedPerFoldAndSaysSo() throws Exception {
    List<String> lines = run("injection-sample.jsonl", GuardEval.Mode.CROSS_VALIDATED, 2);

    assertThat(lines).anyMatch(line -> line.startsWith("HELD-OUT: grouped 2-fold cross-validation, 5 near-duplicate"
        + " groups") && line.contains("fold sizes [3, 2]"));
    assertThat(lines).contains(
        "Injection evaluation: injection-sample.jsonl (held-out folds), 5 texts (3 attack, 2 benign)");
  }

  @Test
  void leavesOneSourceRepositoryOutPerFold() throws Exception {
    List<String> lines = run("injection-sample.jsonl", GuardEval.Mode.BY_SOURCE, 0);

    // Every sample row has the source "test": one fold, so the scorer is trained on nothing else.
    assertThat(lines).anyMatch(line -> line.startsWith("HELD-OUT: leave-one-source-out cross-validation")
        && line.contains("fold sizes [5]"));
  }

  @Test
  void withTheSemanticTierScoresTheOddIdsOnlyWithoutAndWithItAndSaysSo() throws Exception {
    // Odd ids: t-1 (attack, blocked by the rules), t-3 (attack, no rule finding), t-5 (benign, blocked by the rules).
    List<String> lines = run("injection-sample.jsonl", GuardEval.Mode.SEMANTIC_ALWAYS, 0);

    assertThat(lines).anyMatch(line -> line.startsWith("HELD-OUT: the semantic tier's thresholds, short-text"
        + " discount and undecided band were chosen on the even ids")
        && line.contains("only the 3 rows with an odd id (2 attack, 1 benign)"));
    assertThat(lines).containsSubsequence(
        "Injection evaluation: injection-sample.jsonl (odd ids, without the semantic tier), 3 texts (2 attack,"
            + " 1 benign)",
        "Injection evaluation: injection-sample.jsonl (odd ids, semantic tier ALWAYS), 3 texts (2 attack, 1 benign)",
        "Semantic tier ALWAYS ran on 3 of 3 texts (1.000), on 1 of 1 benign texts (1.000)",
        "decision changed by the tier attack benign precision",
        "ALLOW -> FLAG 0 0 n/a",
        "ALLOW -> BLOCK 0 0 n/a",
        "FLAG -> BLOCK 0 0 n/a");
  }

  @Test
  void reportsPiiSpanPrecisionAndRecallExactAndByOverlap() throws Exception {
    // The card's gold span includes the word "Card": found by overlap, not exactly. "030 12345678" is no gold span,
    // and the data set labels no secrets, so the masked password counts against SECRET's precision.
    List<String> lines = run("pii-sample.jsonl");

    assertThat(lines).containsSubsequence(
        "PII evaluation: pii-sample.jsonl, 4 texts, 8 gold spans",
        "SECRET 0 1 0.000 n/a 0.000 n/a",
        "EMAIL EMAIL 1 1 1.000 1.000 1.000 1.000",
        "IBAN IBAN 1 1 1.000 1.000 1.000 1.000",
        "CARD CREDIT_CARD 1 1 0.000 0.000 1.000 1.000",
        "US_SSN US_SSN 1 1 1.000 1.000 1.000 1.000",
        "IP_ADDRESS IP_ADDRESS 1 1 1.000 1.000 1.000 1.000",
        "PHONE PHONE 2 3 0.667 1.000 0.667 1.000",
        "File types the engine does not detect (gold spans): PERSON (1)");
  }
}
