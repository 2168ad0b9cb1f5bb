package dev.sluice.stack.cli;

import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.StackLayout;
import dev.sluice.stack.StackSettings;
import dev.sluice.stack.bench.GuardTopologyBenchmark;
import dev.sluice.stack.bench.WorkerBenchmark;
import dev.sluice.stack.process.ManagedProcess;
import dev.sluice.stack.process.Readiness;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** The commands behind {@code ./sluice}: up, demo, send. */
public final class SluiceCli {

  private static final PrintStream OUT = System.out;

  private SluiceCli() {
  }

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    switch (command) {
      case "up" -> up();
      case "demo" -> demo();
      case "send" -> send(String.join(" ", Arrays.copyOfRange(args, 1, args.length)));
      case "bench-worker" -> new WorkerBenchmark(intArg(args, "--requests", 20_000), intArg(args, "--latency-ms", 2000),
          intArg(args, "--in-flight", 2000)).run(OUT);
      case "bench-guard-topology" -> new GuardTopologyBenchmark(intArg(args, "--paced", 5_000),
          intArg(args, "--rate", 250), intArg(args, "--burst", 20_000)).run(OUT);
      default -> {
        OUT.println("""
            usage: ./sluice <command>
              up            start the whole local stack and keep it running until Ctrl-C
              demo          start the stack (unless it is up), send a mixed workload, print a summary
              send "text"   send one prompt to the running stack and print the answer
              bench-worker [--requests N] [--latency-ms L] [--in-flight M]
                            the llm-worker alone under load (broker, registry, simulator, one worker)
              bench-guard-topology [--paced N] [--rate R] [--burst N]
                            the input guard topology alone on a real broker: added latency, messages/s""");
        System.exit("help".equals(command) ? 0 : 2);
      }
    }
  }

  private static void up() throws InterruptedException {
    StackSettings settings = StackSettings.defaults();
    LocalStack stack = startStack(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      OUT.println("\n[sluice] stopping ...");
      stack.close();
      OUT.println("[sluice] stopped");
      stopped.countDown();
    }, "sluice-stop"));
    printBanner(stack);
    while (!stopping.get()) {
      List<ManagedProcess> dead = stack.deadServices();
      if (!dead.isEmpty()) {
        dead.forEach(p -> OUT.println("[sluice] " + p.name() + " stopped unexpectedly; last lines of "
            + p.logFile() + ":\n" + p.tail(20)));
        System.exit(1);
      }
      Thread.sleep(1_000);
    }
    stopped.await();
  }

  private static void demo() throws Exception {
    StackSettings settings = StackSettings.defaults();
    boolean alreadyUp = Readiness.http(settings.ingressUrl() + "/actuator/health").isReady();
    LocalStack stack = alreadyUp ? null : startStack(settings);
    try {
      String bootstrap = stack == null ? "127.0.0.1:" + settings.kafkaPort() : stack.bootstrapServers();
      String registry = stack == null ? "http://127.0.0.1:" + settings.registryPort() + "/apis/registry/v2"
          : stack.registryUrl();
      // Only the topic names are needed here; readers bring their own Apicurio deserializer.
      SluiceTopics topics = new SluiceTopics(SluiceTopics.DEFAULT_PREFIX, new PlainAvroSerdes());
      new DemoWorkload(new ChatClient(settings.ingressUrl(), ChatClient.DEMO_KEY), bootstrap, registry, topics)
          .run(OUT);
    } finally {
      if (stack != null) {
        OUT.println("[sluice] stopping the stack the demo started ...");
        stack.close();
      }
    }
  }

  private static void send(String prompt) throws Exception {
    if (prompt.isBlank()) {
      OUT.println("usage: ./sluice send \"your prompt\"");
      System.exit(2);
    }
    StackSettings settings = StackSettings.defaults();
    if (!Readiness.http(settings.ingressUrl() + "/actuator/health").isReady()) {
      OUT.println("Sluice is not running at " + settings.ingressUrl() + ": start it with ./sluice up");
      System.exit(1);
    }
    ChatClient.Reply reply = new ChatClient(settings.ingressUrl(), ChatClient.DEMO_KEY).send("gpt-4o-mini", prompt);
    OUT.printf("HTTP %d  request %s  model %s  cache %s  cost %d nano-USD%n%s%n", reply.status(), reply.requestId(),
        reply.model(), reply.cache(), reply.costNanos(), reply.text());
  }

  /** The integer after {@code flag} among the arguments, or {@code fallback}. */
  private static int intArg(String[] args, String flag, int fallback) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(flag)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  private static LocalStack startStack(StackSettings settings) {
    StackLayout layout = StackLayout.locate(Path.of(""));
    OUT.println("[sluice] starting the local stack; logs in " + layout.logs());
    long started = System.nanoTime();
    LocalStack stack = LocalStack.start(layout, settings);
    OUT.printf("[sluice] up in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return stack;
  }

  private static void printBanner(LocalStack stack) {
    StackSettings s = stack.settings();
    OUT.println("""

        Sluice is running.
          OpenAI-compatible API  %s/v1   (demo key: %s)
          Kafka                  %s
          Schema registry        %s
          Redis                  %s
          LLM simulator          %s/v1
          Services (health, metrics at /actuator/health, /actuator/prometheus):
            ingress-service  :%d   guard-processor :%d   llm-worker :%d
            judge-sampler    :%d   cost-aggregator :%d
          Logs                   %s

        Try:  ./sluice send "What is the capital of France?"
        Ctrl-C stops everything.
        """.formatted(s.ingressUrl(), ChatClient.DEMO_KEY, stack.bootstrapServers(), stack.registryUrl(),
        stack.redisUri(), s.simulatorUrl(), s.ingressPort(), s.guardPort(), s.workerPort(), s.judgePort(),
        s.costPort(), stack.layout().logs()));
  }
}
