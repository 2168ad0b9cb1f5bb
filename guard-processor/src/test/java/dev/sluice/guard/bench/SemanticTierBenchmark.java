package dev.sluice.guard.bench;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.normalize.NormalizedText;
import dev.sluice.guard.normalize.TextNormalizer;
import dev.sluice.guard.semantic.KnownAttackCorpus;
import dev.sluice.guard.semantic.MiniLmEmbeddingModel;
import dev.sluice.guard.semantic.SemanticInjectionDetector;
import dev.sluice.guard.semantic.SemanticMode;
import dev.sluice.guard.semantic.SemanticSettings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The semantic tier on 1 KB prompts ({@link OneKilobytePrompts}, already normalized), one thread and one ONNX
 * thread: messages per second per core (Throughput) and the time per prompt with its percentiles (SampleTime).
 * {@code maxSentences=0} embeds the whole prompt only; the default setting adds its sentences.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
public class SemanticTierBenchmark {

  @Param({"0", "12"})
  public int maxSentences;

  private List<NormalizedText> prompts;
  private SemanticInjectionDetector detector;
  private int next;

  @Setup
  public void setUp() {
    SemanticSettings defaults = SemanticSettings.defaults();
    SemanticSettings settings = new SemanticSettings(SemanticMode.ALWAYS, defaults.flagScore(), defaults.blockScore(),
        defaults.shortTextDiscount(), defaults.windowChars(), defaults.maxWindows(), maxSentences);
    detector = SemanticInjectionDetector.create(MiniLmEmbeddingModel.load(), KnownAttackCorpus.curated(), settings);
    TextNormalizer normalizer = new TextNormalizer();
    prompts = OneKilobytePrompts.texts(256).stream().map(normalizer::normalize).toList();
  }

  @Benchmark
  public List<Finding> inspectOneKilobytePrompt() {
    NormalizedText prompt = prompts.get(next);
    next = (next + 1) % prompts.size();
    return detector.inspect(prompt, ThreatLevel.NONE);
  }
}
