package dev.sluice.stack.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Notes when each awaited request id first shows up on a set of topics (committed records only), on a thread of its
 * own, so the benchmark can time what the stage under test added.
 */
final class ArrivalProbe<V> implements AutoCloseable {

  private final Map<String, Long> arrivedAtNanos = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  /**
   * @param requestIdOf the request id a record answers (records without one are ignored)
   */
  ArrivalProbe(String bootstrapServers, List<String> topics, Deserializer<V> values, Function<V, String> requestIdOf) {
    KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), values);
    Set<TopicPartition> partitions = topics.stream()
        .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(topic, info.partition())))
        .collect(Collectors.toSet());
    consumer.assign(partitions);
    // Only what arrives from now on: the topic may hold records of an earlier run.
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    this.thread = new Thread(() -> {
      try (consumer) {
        while (running.get()) {
          for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(50))) {
            long now = System.nanoTime();
            String requestId = record.value() == null ? null : requestIdOf.apply(record.value());
            if (requestId != null) {
              arrivedAtNanos.putIfAbsent(requestId, now);
            }
          }
        }
      }
    }, "bench-arrival-probe");
    thread.setDaemon(true);
    thread.start();
  }

  int arrived() {
    return arrivedAtNanos.size();
  }

  Long arrivedAtNanos(String requestId) {
    return arrivedAtNanos.get(requestId);
  }

  /** Waits until {@code expected} distinct ids have arrived or the timeout passes; true when they all did. */
  boolean awaitArrivals(int expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (arrived() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return arrived() >= expected;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(5_000);
  }
}
