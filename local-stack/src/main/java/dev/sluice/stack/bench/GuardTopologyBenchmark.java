package dev.sluice.stack.bench;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.Role;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The input guard topology alone on a real broker: a broker, the registry and one guard-processor process. Two
 * phases on 1 KB prompts that hold personal data to mask: a paced phase measures the latency the guard adds (from
 * the send of a request to its guarded record being readable, committed, on {@code sluice.requests.guarded}), and a
 * burst phase measures how many messages per second it guards when the input is already waiting.
 */
public final class GuardTopologyBenchmark {

  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);
  private static final int WARM_UP_SECONDS = 20;

  private final int pacedRequests;
  private final int pacedRatePerSecond;
  private final int burstRequests;

  public GuardTopologyBenchmark(int pacedRequests, int pacedRatePerSecond, int burstRequests) {
    this.pacedRequests = pacedRequests;
    this.pacedRatePerSecond = pacedRatePerSecond;
    this.burstRequests = burstRequests;
  }

  public void run(PrintStream out) throws Exception {
    StackLayout layout = StackLayout.locate(Path.of(""));
    layout = layout.withWorkDirectory(layout.workDirectory().resolve("bench/guard-" + System.currentTimeMillis()));
    StackSettings settings = StackSettings.onFreePorts(Optional.empty());
    out.printf("[bench] input guard topology: %d paced requests at %d/s, then a burst of %d; logs in %s%n",
        pacedRequests, pacedRatePerSecond, burstRequests, layout.logs());
    try (LocalStack stack = LocalStack.start(layout, settings, Set.of("guard-processor"), Map.of(
        "guard-processor", List.of("--sluice.guard.state-dir=" + layout.data("state/guard-processor"))))) {
      stack.closeOnShutdown();
      SluiceTopics topics = new SluiceTopics(SluiceTopics.DEFAULT_PREFIX,
          ApicurioSerdes.forRegistry(stack.registryUrl()));
      TopicDescriptor<String, GuardedRequest> guarded = topics.requestsGuarded();
      try (ArrivalProbe<GuardedRequest> probe = new ArrivalProbe<>(stack.bootstrapServers(),
          List.of(guarded.name()), guarded.valueSerde().deserializer(), g -> g.getRequest().getRequestId());
          KafkaProducer<String, ChatRequest> producer = producer(stack.bootstrapServers(), topics.requests())) {
        // Not measured: the first records wait for the group to form, the tasks to initialise their stores and
        // transactions, the schemas to be registered and the JIT to warm up.
        paced(out, "warm-up", Math.max(1, pacedRatePerSecond * WARM_UP_SECONDS), topics.requests(), producer, probe);
        paced(out, "paced", pacedRequests, topics.requests(), producer, probe);
        burst(out, topics.requests(), producer, probe);
      }
    }
  }

  private void paced(PrintStream out, String phase, int count, TopicDescriptor<String, ChatRequest> requests,
      KafkaProducer<String, ChatRequest> producer, ArrivalProbe<GuardedRequest> probe) throws InterruptedException {
    Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
    long interval = 1_000_000_000L / pacedRatePerSecond;
    long start = System.nanoTime();
    int before = probe.arrived();
    for (int i = 0; i < count; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String requestId = phase + "-" + start + "-" + i;
      sentAtNanos.put(requestId, System.nanoTime());
      producer.send(new ProducerRecord<>(requests.name(), requestId, request(requestId, i)));
    }
    producer.flush();
    boolean all = probe.awaitArrivals(before + count, PHASE_TIMEOUT);
    long[] latenciesMicros = sentAtNanos.entrySet().stream()
        .filter(sent -> probe.arrivedAtNanos(sent.getKey()) != null)
        .mapToLong(sent -> (probe.arrivedAtNanos(sent.getKey()) - sent.getValue()) / 1_000)
        .toArray();
    Percentiles latency = new Percentiles(latenciesMicros);
    out.printf("[bench] %s %s: %d requests at %d/s; send -> guarded record committed: p50 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms%n", phase, all ? "done" : "TIMED OUT", latenciesMicros.length, pacedRatePerSecond,
        latency.at(50) / 1000.0, latency.at(99) / 1000.0, latency.max() / 1000.0);
  }

  private void burst(PrintStream out, TopicDescriptor<String, ChatRequest> requests,
      KafkaProducer<String, ChatRequest> producer, ArrivalProbe<GuardedRequest> probe) throws InterruptedException {
    int before = probe.arrived();
    long start = System.nanoTime();
    for (int i = 0; i < burstRequests; i++) {
      String requestId = "burst-" + start + "-" + i;
      producer.send(new ProducerRecord<>(requests.name(), requestId, request(requestId, i)));
    }
    producer.flush();
    long published = System.nanoTime();
    boolean all = probe.awaitArrivals(before + burstRequests, PHASE_TIMEOUT);
    double seconds = (System.nanoTime() - start) / 1e9;
    int guardedCount = probe.arrived() - before;
    out.printf("[bench] burst %s: %d requests published in %.1f s; %d guarded in %.1f s = %.0f messages/s%n",
        all ? "done" : "TIMED OUT", burstRequests, (published - start) / 1e9, guardedCount, seconds,
        guardedCount / seconds);
  }

  private static KafkaProducer<String, ChatRequest> producer(String bootstrapServers,
      TopicDescriptor<String, ChatRequest> requests) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.LINGER_MS_CONFIG, 1),
        requests.keySerde().serializer(), requests.valueSerde().serializer());
  }

  /** About 1 KB of ordinary text with an e-mail address and a phone number in it, different for every index. */
  static ChatRequest request(String requestId, int index) {
    String prompt = ("Hello, I am writing about order %d. Please reach me at customer%d@example.com or call"
        + " +1 415 555 %04d after six. The parcel arrived late and the box was damaged; the blue mug inside was"
        + " chipped and the manual was missing. I have used your shop for years and the service was always good, so"
        + " I would like to understand what happened this time. Could you tell me whether a replacement can be sent"
        + " this week, or whether I should return the item first? I would also like to know how long a refund"
        + " usually takes to reach a card, and whether the delivery fee is refunded as well. I keep the original"
        + " packaging and can send photos of the damage if that helps. My neighbour received a similar parcel the"
        + " same day without any problem, so it may have been a single careless handling. Please write a short,"
        + " polite reply that explains the options, the expected timeline for each, and what I need to do next.")
        .formatted(index, index, index % 10_000);
    Instant now = Instant.now();
    return ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId("bench")
        .setCreatedAt(now)
        .setDeadline(now.plus(Duration.ofMinutes(10)))
        .setModel("gpt-4o-mini")
        .setMessages(List.of(new ChatMessage(Role.USER, prompt, null)))
        .setParams(ChatParams.newBuilder().build())
        .build();
  }
}
