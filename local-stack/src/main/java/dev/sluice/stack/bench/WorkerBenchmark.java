package dev.sluice.stack.bench;

import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardVerdict;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.Priority;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.Role;
import dev.sluice.events.ThreatLevel;
import dev.sluice.schemas.topics.ApicurioSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.StackLayout;
import dev.sluice.stack.StackSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The llm-worker under load, alone with real parts: a broker, the registry, the simulator at a set latency and one
 * worker process with the stack's heap bound. Publishes guarded requests all at once, so the worker's in-flight bound
 * is what limits it, and reports completions per second, the peak of calls in flight and the peak heap in use, as the
 * worker's own metrics report them.
 */
public final class WorkerBenchmark {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  private static final String PROMPT = "Benchmark request %d: summarise the benefits of event-driven systems for"
      + " serving language models in two sentences.";

  private final int requests;
  private final long simulatorLatencyMs;
  private final int maxInFlight;

  public WorkerBenchmark(int requests, long simulatorLatencyMs, int maxInFlight) {
    this.requests = requests;
    this.simulatorLatencyMs = simulatorLatencyMs;
    this.maxInFlight = maxInFlight;
  }

  public void run(PrintStream out) throws Exception {
    StackLayout layout = StackLayout.locate(Path.of(""));
    layout = layout.withWorkDirectory(layout.workDirectory().resolve("bench/worker-" + System.currentTimeMillis()));
    StackSettings settings = StackSettings.onFreePorts(Optional.empty()).withSimulatorLatencyMs(simulatorLatencyMs);
    out.printf("[bench] llm-worker: %d requests, simulator latency %d ms, max in flight %d; logs in %s%n",
        requests, simulatorLatencyMs, maxInFlight, layout.logs());
    try (LocalStack stack = LocalStack.start(layout, settings, Set.of("llm-worker"), Map.of("llm-worker", List.of(
        "--sluice.worker.max-in-flight=" + maxInFlight,
        // the provider's own bound must not be the smaller one, or the run measures refusals instead of calls
        "--sluice.worker.providers.simulator.max-concurrent-calls=" + maxInFlight,
        "--spring.kafka.consumer.max-poll-records=1000")))) {
      stack.closeOnShutdown();
      measure(stack, out);
    }
  }

  private void measure(LocalStack stack, PrintStream out) throws Exception {
    SluiceTopics topics = new SluiceTopics(SluiceTopics.DEFAULT_PREFIX,
        ApicurioSerdes.forRegistry(stack.registryUrl()));
    String workerUrl = "http://127.0.0.1:" + stack.settings().workerPort();
    Map<ResponseStatus, AtomicLong> statuses = new EnumMap<>(ResponseStatus.class);
    for (ResponseStatus status : ResponseStatus.values()) {
      statuses.put(status, new AtomicLong());
    }
    Map<String, Boolean> counted = new ConcurrentHashMap<>();
    Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    TopicDescriptor<String, Completion> completions = topics.completions();
    PeakSampler peaks = new PeakSampler(new PrometheusScrape(workerUrl));
    try (ArrivalProbe<Completion> probe = new ArrivalProbe<>(stack.bootstrapServers(), List.of(completions.name()),
        completions.valueSerde().deserializer(), completion -> {
          if (counted.putIfAbsent(completion.getRequestId(), true) == null) {
            statuses.get(completion.getStatus()).incrementAndGet();
            if (completion.getError() != null) {
              errors.computeIfAbsent(errorKind(completion.getError().getCode(), completion.getError().getMessage()), kind -> new AtomicLong()).incrementAndGet();
            }
          }
          return completion.getRequestId();
        });
        peaks) {
      long started = System.nanoTime();
      publish(stack.bootstrapServers(), topics.requestsGuarded());
      long published = System.nanoTime();
      boolean all = probe.awaitArrivals(requests, RUN_TIMEOUT);
      long finished = System.nanoTime();
      double seconds = (finished - started) / 1e9;
      out.printf("[bench] published %d guarded requests in %.1f s%n", requests, (published - started) / 1e9);
      out.printf("[bench] %s: %d of %d completions in %.1f s = %.0f completions/s%n",
          all ? "done" : "TIMED OUT", probe.arrived(), requests, seconds, probe.arrived() / seconds);
      out.printf("[bench] statuses %s%n", statuses);
      errors.entrySet().stream()
          .sorted(Map.Entry.<String, AtomicLong>comparingByValue(Comparator.comparingLong(AtomicLong::get)).reversed())
          .limit(5)
          .forEach(error -> out.printf("[bench] error x%d: %s%n", error.getValue().get(), error.getKey()));
      out.printf("[bench] worker peak calls in flight %.0f, peak heap used %.0f MiB (the worker runs with %s)%n",
          peaks.peakInFlight(), peaks.peakHeapBytes() / (1024.0 * 1024), LocalStack.SERVICE_HEAP);
    }
  }

  /** An error message without its request-specific tail, so that errors of one kind are counted together. */
  private static String errorKind(String code, String message) {
    String firstLine = message.lines().findFirst().orElse("");
    return code + ": " + (firstLine.length() > 160 ? firstLine.substring(0, 160) : firstLine);
  }

  private void publish(String bootstrapServers, TopicDescriptor<String, GuardedRequest> guarded) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    Instant now = Instant.now();
    try (KafkaProducer<String, GuardedRequest> producer = new KafkaProducer<>(config,
        guarded.keySerde().serializer(), guarded.valueSerde().serializer())) {
      List<Future<?>> sent = new ArrayList<>(requests);
      for (int i = 0; i < requests; i++) {
        String requestId = "bench-" + now.toEpochMilli() + "-" + i;
        sent.add(producer.send(new ProducerRecord<>(guarded.name(), requestId, guardedRequest(requestId, i, now))));
      }
      producer.flush();
      for (Future<?> future : sent) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing the benchmark's requests failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    }
  }

  private static GuardedRequest guardedRequest(String requestId, int index, Instant now) {
    ChatRequest request = ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId("bench")
        .setCreatedAt(now)
        .setDeadline(now.plus(RUN_TIMEOUT))
        .setModel("gpt-4o-mini")
        .setMessages(List.of(new ChatMessage(Role.USER, PROMPT.formatted(index), null)))
        .setParams(ChatParams.newBuilder().setTemperature(0.7).build())
        .setPriority(Priority.BATCH)
        .setCachePolicy(CachePolicy.BYPASS)
        .build();
    return GuardedRequest.newBuilder()
        .setRequest(request)
        .setVerdict(GuardVerdict.newBuilder().setAction(GuardAction.ALLOW).setThreatLevel(ThreatLevel.NONE).build())
        .setGuardedAt(now)
        .build();
  }

  /** Samples the worker's metrics four times a second and keeps the peaks. */
  private static final class PeakSampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile double peakInFlight;
    private volatile double peakHeapBytes;

    PeakSampler(PrometheusScrape worker) {
      timer.scheduleAtFixedRate(() -> {
        String exposition = worker.scrape();
        PrometheusScrape.sum(exposition, "sluice_worker_calls_in_flight", "")
            .ifPresent(value -> peakInFlight = Math.max(peakInFlight, value));
        PrometheusScrape.sum(exposition, "jvm_memory_used_bytes", "area=\"heap\"")
            .ifPresent(value -> peakHeapBytes = Math.max(peakHeapBytes, value));
      }, 0, 250, TimeUnit.MILLISECONDS);
    }

    double peakInFlight() {
      return peakInFlight;
    }

    double peakHeapBytes() {
      return peakHeapBytes;
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
