package dev.sluice.stack;

import dev.sluice.stack.infra.KafkaBrokerProcess;
import dev.sluice.stack.infra.RedisProcess;
import dev.sluice.stack.infra.RegistryProcess;
import dev.sluice.stack.process.ManagedProcess;
import dev.sluice.stack.process.Readiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The whole of Sluice on one machine, every part its own process: Kafka, the registry, Redis, the LLM simulator
 * and the five services. Closing it stops the services first, then the infrastructure.
 */
public final class LocalStack implements AutoCloseable {

  // Five Spring Boot services start at once; on a 2-core machine that is busy with a build, one took 136 s.
  private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(240);
  /** The heap bound of every service process. */
  public static final String SERVICE_HEAP = "-Xmx512m";
  /** Every service module, in start order. */
  public static final Set<String> ALL_SERVICES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
      "ingress-service", "guard-processor", "llm-worker", "judge-sampler", "cost-aggregator")));
  // Own threads: the common pool has a single thread on a 2-core machine and would start parts one by one.
  private static final ExecutorService STARTERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "stack-starter");
    thread.setDaemon(true);
    return thread;
  });

  private final StackLayout layout;
  private final StackSettings settings;
  private final List<AutoCloseable> infrastructure = Collections.synchronizedList(new ArrayList<>());
  private final List<ManagedProcess> services = Collections.synchronizedList(new ArrayList<>());
  private String bootstrapServers;
  private String registryUrl;
  private String redisUri;

  private LocalStack(StackLayout layout, StackSettings settings) {
    this.layout = layout;
    this.settings = settings;
  }

  /** Starts everything and returns once every part reports ready; on any failure stops what had started. */
  public static LocalStack start(StackLayout layout, StackSettings settings) {
    return start(layout, settings, ALL_SERVICES, Map.of());
  }

  /**
   * Starts the infrastructure and only the named services, e.g. one stage alone for a benchmark.
   *
   * @param extraArgs further command-line arguments per service module, after the stack's own
   */
  public static LocalStack start(StackLayout layout, StackSettings settings, Set<String> services,
      Map<String, List<String>> extraArgs) {
    if (!ALL_SERVICES.containsAll(services)) {
      throw new IllegalArgumentException("unknown services " + services + "; known: " + ALL_SERVICES);
    }
    LocalStack stack = new LocalStack(layout, settings);
    try {
      stack.startInfrastructure();
      stack.startServices(services, extraArgs);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startInfrastructure() {
    CompletableFuture<String> kafka = settings.externalBootstrap()
        .map(CompletableFuture::completedFuture)
        .orElseGet(() -> async(() -> {
          KafkaBrokerProcess broker = KafkaBrokerProcess.start(layout, settings.kafkaPort(),
              settings.kafkaControllerPort(), settings.topicPartitions());
          infrastructure.add(broker);
          return broker.bootstrapServers();
        }));
    CompletableFuture<String> registry = async(() -> {
      RegistryProcess process = RegistryProcess.start(layout, settings.registryPort());
      infrastructure.add(process);
      return process.apiUrl();
    });
    CompletableFuture<String> redis = async(() -> {
      RedisProcess process = RedisProcess.start(layout, settings.redisPort());
      infrastructure.add(process);
      return process.uri();
    });
    CompletableFuture<Void> simulator = async(() -> {
      ManagedProcess process = ManagedProcess.start("llm-simulator",
          List.of(StackLayout.javaExecutable(), "-Xmx256m", "-jar", layout.serviceJar("llm-simulator").toString(),
              "--port=" + settings.simulatorPort()),
          Map.of("SIM_LATENCY_MS", Long.toString(settings.simulatorLatencyMs())),
          layout.repositoryRoot(), layout.logFile("llm-simulator"));
      infrastructure.add(process);
      process.awaitReady(Readiness.http(settings.simulatorUrl() + "/v1/models"), Duration.ofSeconds(60));
      return null;
    });
    bootstrapServers = join(kafka);
    registryUrl = join(registry);
    redisUri = join(redis);
    join(simulator);
  }

  private void startServices(Set<String> only, Map<String, List<String>> extraArgs) {
    launches().stream()
        .filter(launch -> only.contains(launch.module()))
        .map(launch -> startService(launch, launch.module(), extraArgs.getOrDefault(launch.module(), List.of())))
        .toList()
        .forEach(LocalStack::join);
  }

  /**
   * Starts one more process of a service module beside those the stack started, e.g. a second worker replica, or a
   * worker restarted after a kill; returns once it reports ready. It is tied to the stack like the others and stopped
   * with it.
   *
   * @param instance the process's name, which also names its log file; unique within the stack
   * @param port its HTTP port, free
   * @param extraArgs further command-line arguments, after the stack's own
   */
  public ManagedProcess startInstance(String module, String instance, int port, List<String> extraArgs) {
    ServiceLaunch launch = launches().stream().filter(l -> l.module().equals(module)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown service " + module + "; known: " + ALL_SERVICES));
    synchronized (services) {
      if (services.stream().anyMatch(p -> p.name().equals(instance))) {
        throw new IllegalArgumentException("the stack has a process named " + instance + " already");
      }
    }
    return join(startService(new ServiceLaunch(module, port, launch.stackArgs()), instance, extraArgs));
  }

  private List<ServiceLaunch> launches() {
    return List.of(
        new ServiceLaunch("ingress-service", settings.ingressPort(), List.of()),
        new ServiceLaunch("guard-processor", settings.guardPort(), List.of(
            "--sluice.guard.state-dir=" + layout.data("state/guard-processor"),
            // used only by tenants in pii-mode REVERSIBLE, which also need SLUICE_GUARD_VAULT_KEY
            "--sluice.guard.vault.redis-uri=" + redisUri)),
        new ServiceLaunch("llm-worker", settings.workerPort(), List.of(
            "--sluice.worker.providers.simulator.base-url=" + settings.simulatorUrl() + "/v1",
            "--sluice.worker.redis.uri=" + redisUri)),
        new ServiceLaunch("judge-sampler", settings.judgePort(), List.of(
            "--sluice.judge.base-url=" + settings.simulatorUrl() + "/v1",
            "--sluice.judge.sample-rate=" + settings.judgeSampleRate())),
        new ServiceLaunch("cost-aggregator", settings.costPort(), List.of(
            "--sluice.cost.state-dir=" + layout.data("state/cost-aggregator"))));
  }

  private CompletableFuture<ManagedProcess> startService(ServiceLaunch launch, String instance,
      List<String> extraArgs) {
    String module = launch.module();
    int port = launch.port();
    return async(() -> {
      List<String> command = new ArrayList<>(List.of(StackLayout.javaExecutable(), SERVICE_HEAP, "-jar",
          layout.serviceJar(module).toString(),
          "--server.port=" + port,
          "--spring.kafka.bootstrap-servers=" + bootstrapServers,
          "--sluice.registry-url=" + registryUrl,
          "--sluice.topic-partitions=" + settings.topicPartitions()));
      command.addAll(launch.stackArgs());
      command.addAll(extraArgs);
      ManagedProcess process = ManagedProcess.start(instance, command, Map.of(), layout.repositoryRoot(),
          layout.logFile(instance));
      services.add(process);
      return process.awaitReady(Readiness.http("http://127.0.0.1:" + port + "/actuator/health"),
          SERVICE_START_TIMEOUT);
    });
  }

  public StackSettings settings() {
    return settings;
  }

  public StackLayout layout() {
    return layout;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String registryUrl() {
    return registryUrl;
  }

  public String redisUri() {
    return redisUri;
  }

  /** The running service process of a module (or of an instance {@link #startInstance} started), by its name. */
  public ManagedProcess service(String module) {
    synchronized (services) {
      return services.stream().filter(p -> p.name().equals(module)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no service " + module));
    }
  }

  /** Every process that is no longer running although the stack is up. */
  public List<ManagedProcess> deadServices() {
    synchronized (services) {
      return services.stream().filter(p -> !p.isAlive()).toList();
    }
  }

  /**
   * Stops the stack also when the JVM is told to stop (Ctrl-C, SIGTERM) before {@link #close()} is reached, so no
   * process of it outlives the command that started it.
   */
  public LocalStack closeOnShutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "sluice-stack-stop"));
    return this;
  }

  @Override
  public void close() {
    closeAll(services);
    closeAll(infrastructure);
  }

  private static void closeAll(List<? extends AutoCloseable> parts) {
    List<AutoCloseable> copy;
    synchronized (parts) {
      copy = new ArrayList<>(parts);
      parts.clear();
    }
    Collections.reverse(copy);
    copy.parallelStream().forEach(part -> {
      try {
        part.close();
      } catch (Exception e) {
        System.err.println("[sluice] stopping " + part + " failed: " + e);
      }
    });
  }

  /** How the stack starts one service: its module, port, and the arguments that tie it to the stack. */
  private record ServiceLaunch(String module, int port, List<String> stackArgs) {
  }

  private static <T> CompletableFuture<T> async(Supplier<T> step) {
    return CompletableFuture.supplyAsync(step, STARTERS);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }
}
