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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Input guard (normalization, injection rules and lexical scorer, PII masking) on 1 KB prompts ({@link OneKilobytePrompts}), one
 * thread: messages per second per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GuardEngineBenchmark {

  private List<ChatRequest> prompts;
  private RequestInspector inspector;
  private int next;

  @Setup
  public void setUp() {
    inspector = new RequestInspector(new TextNormalizer(), List.of(InjectionDetector.withDefaults()),
        new PiiMasker(), GuardPolicies.uniform(GuardPolicy.defaults(new RequestLimits(100, 100_000))));
    prompts = OneKilobytePrompts.requests(256);
  }

  @Benchmark
  public RequestInspection inspectOneKilobytePrompt() {
    ChatRequest request = prompts.get(next);
    next = (next + 1) % prompts.size();
    return inspector.inspect(request);
  }
}
