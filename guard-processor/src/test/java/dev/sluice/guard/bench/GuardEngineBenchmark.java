package dev.sluice.guard.bench;

import dev.sluice.events.ChatRequest;
import dev.sluice.guard.injection.InjectionDetector;
import dev.sluice.guard.inspection.RequestInspection;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.guard.normalize.TextNormalizer;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.RequestLimits;
import dev.sluice.guard.semantic.SemanticMode;
import dev.sluice.guard.semantic.SemanticSettings;
import dev.sluice.guard.semantic.SemanticTier;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Input guard (normalization, injection rules and lexical scorer, PII masking) on 1 KB prompts ({@link OneKilobytePrompts}), one
 * thread: messages per second per core. {@code semantic=OFF} is the rules and PII alone (the DESIGN target); the
 * other modes add the semantic tier with its default settings, the MiniLM model on one ONNX thread in the same
 * thread: ONLY_WHEN_UNDECIDED on the prompts the rules flag but do not block, ALWAYS on every prompt.
 *
 * <p>In this mix the rules block the 16 attack prompts and find nothing in the other 240, so ONLY_WHEN_UNDECIDED
 * runs the tier on none of them and measures only what the mode costs where nothing is undecided. Where a share
 * {@code s} of the traffic is undecided, a message costs about the OFF time plus {@code s} times the time per
 * prompt of {@link SemanticTierBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GuardEngineBenchmark {

  @Param({"OFF", "ONLY_WHEN_UNDECIDED", "ALWAYS"})
  public SemanticMode semantic;

  private List<ChatRequest> prompts;
  private SemanticTier tier;
  private RequestInspector inspector;
  private int next;

  @Setup
  public void setUp() {
    tier = SemanticTier.start(SemanticSettings.defaults().withMode(semantic));
    inspector = new RequestInspector(new TextNormalizer(), List.of(InjectionDetector.withDefaults()),
        tier.detector().orElse(null), new PiiMasker(),
        GuardPolicies.uniform(GuardPolicy.defaults(new RequestLimits(100, 100_000))));
    prompts = OneKilobytePrompts.requests(256);
  }

  @TearDown
  public void tearDown() {
    tier.close();
  }

  @Benchmark
  public RequestInspection inspectOneKilobytePrompt() {
    ChatRequest request = prompts.get(next);
    next = (next + 1) % prompts.size();
    return inspector.inspect(request);
  }
}
