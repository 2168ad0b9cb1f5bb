package dev.sluice.guard.eval;

import dev.sluice.guard.injection.InjectionRules;
import dev.sluice.guard.injection.LexicalScorer;
import dev.sluice.guard.injection.LexicalScorerTrainer;
import dev.sluice.guard.normalize.TextNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the lexical scorer's shipped weights from a labelled injection file (the format of
 * {@code data/guard/injection-*.jsonl}) with the default rules and {@link LexicalScorerTrainer.Settings#defaults()},
 * and writes them where {@link LexicalScorer#shipped()} loads them from. Deterministic: the same file gives the same
 * bytes. Numbers for weights trained this way must come from {@code GuardEval FILE --folds K}, not from the file.
 */
public final class LexicalScorerTraining {

  static final Path DEFAULT_OUTPUT =
      Path.of("guard-processor/src/main/resources/dev/sluice/guard/injection/lexical-scorer.bin.gz");

  private LexicalScorerTraining() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: LexicalScorerTraining FILE.jsonl [OUTPUT] (default " + DEFAULT_OUTPUT + ")");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    Path output = args.length == 2 ? Path.of(args[1]) : DEFAULT_OUTPUT;
    LexicalScorer scorer = train(file);
    Files.createDirectories(output.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(output)) {
      scorer.write(out);
    }
    System.out.printf("trained on %d rows of %s (sha256 %s); wrote %s (%d bytes)%n", scorer.provenance().rows(),
        file, scorer.provenance().trainingSha256(), output, Files.size(output));
  }

  static LexicalScorer train(Path file) throws IOException {
    TextNormalizer normalizer = new TextNormalizer();
    LexicalScorerTrainer trainer = new LexicalScorerTrainer(InjectionRules.defaults(),
        LexicalScorerTrainer.Settings.defaults());
    List<LexicalScorerTrainer.Example> examples = new ArrayList<>();
    for (InjectionEvaluation.Sample sample : GuardEval.readRows(file).stream().map(GuardEval::injectionSample)
        .toList()) {
      examples.add(trainer.example(normalizer.normalize(sample.text()), sample.attack()));
    }
    return trainer.train(examples, new LexicalScorer.Provenance(file.getFileName().toString(),
        GuardEval.sha256(file), examples.size()));
  }
}
