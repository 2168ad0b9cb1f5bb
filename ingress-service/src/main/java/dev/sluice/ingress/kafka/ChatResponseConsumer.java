package dev.sluice.ingress.kafka;

import dev.sluice.events.ChatResponse;
import dev.sluice.schemas.topics.TopicDescriptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every response on the responses topic and hands it to a sink. Every ingress replica must see every
 * response (the caller waits on whichever replica took its request), so this consumer is in no group: it assigns
 * itself all partitions, starts at their end, and picks up partitions added later from their beginning.
 *
 * <p>It starts before the web server takes traffic and stops after the server has drained, so callers still
 * waiting during a graceful shutdown get their answers. Until it has fixed its position on every partition it is
 * not {@linkplain #isReady() ready}: a response published before that could be missed.
 */
public final class ChatResponseConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ChatResponseConsumer.class);
  private static final String CLIENT_ID = "sluice-ingress-responses";
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, Object> consumerConfig;
  private final TopicDescriptor<String, ChatResponse> topic;
  private final Consumer<ChatResponse> sink;
  private final Runnable onUndecodable;
  private final Duration partitionRefreshInterval;
  private final MeterRegistry meterRegistry;

  private volatile boolean running;
  private volatile boolean ready;
  private volatile boolean healthy = true;
  private volatile int assignedPartitions;
  private CountDownLatch stopped;
  private Thread thread;
  private KafkaConsumer<String, ChatResponse> consumer;

  /**
   * @param consumerConfig Kafka consumer settings; group, commit and isolation settings are overridden here
   * @param onUndecodable called for each record that cannot be decoded (it is skipped)
   */
  public ChatResponseConsumer(Map<String, Object> consumerConfig, TopicDescriptor<String, ChatResponse> topic,
      Consumer<ChatResponse> sink, Runnable onUndecodable, Duration partitionRefreshInterval,
      MeterRegistry meterRegistry) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    // The output guard writes responses in Kafka Streams transactions; aborted ones must never reach a caller.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig = Map.copyOf(config);
    this.topic = topic;
    this.sink = sink;
    this.onUndecodable = onUndecodable;
    this.partitionRefreshInterval = partitionRefreshInterval;
    this.meterRegistry = meterRegistry;
  }

  /** True once every partition's position is fixed, so no response published from now on can be missed. */
  public boolean isReady() {
    return ready;
  }

  /** False after the last poll failed; polling goes on and sets it back. */
  public boolean isHealthy() {
    return healthy;
  }

  public int assignedPartitions() {
    return assignedPartitions;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    consumer = new KafkaConsumer<>(consumerConfig, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    stopped = new CountDownLatch(1);
    running = true;
    thread = new Thread(this::run, "sluice-ingress-responses");
    thread.start();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    stopped.countDown();
    consumer.wakeup();
    try {
      thread.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Below the web server's phase: started before it takes traffic, stopped after it has drained.
    return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
  }

  private void run() {
    // The same tag keys as spring-kafka's producer metrics: Prometheus refuses one meter name with two key sets.
    try (KafkaClientMetrics clientMetrics = new KafkaClientMetrics(consumer, Tags.of("spring.id", CLIENT_ID))) {
      clientMetrics.bindTo(meterRegistry);
      Set<TopicPartition> assigned = assignAllPartitions();
      long nextRefresh = System.nanoTime() + partitionRefreshInterval.toNanos();
      while (running) {
        pollOnce();
        if (System.nanoTime() - nextRefresh >= 0) {
          assigned = addNewPartitions(assigned);
          nextRefresh = System.nanoTime() + partitionRefreshInterval.toNanos();
        }
      }
    } catch (WakeupException | InterruptException e) {
      // stop() woke the consumer up.
    } catch (RuntimeException e) {
      healthy = false;
      log.error("Responses consumer on {} stopped", topic.name(), e);
    } finally {
      ready = false;
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private Set<TopicPartition> assignAllPartitions() {
    while (running) {
      try {
        Set<TopicPartition> partitions = partitionsNow();
        if (!partitions.isEmpty()) {
          consumer.assign(partitions);
          consumer.seekToEnd(partitions);
          // seekToEnd is lazy; asking for each position fixes it now, before this consumer reports ready.
          partitions.forEach(consumer::position);
          assignedPartitions = partitions.size();
          ready = true;
          log.info("Responses consumer reads {} partitions of {} from their end", partitions.size(), topic.name());
          return partitions;
        }
        log.info("Waiting for topic {} to exist", topic.name());
      } catch (WakeupException | InterruptException e) {
        throw e;
      } catch (KafkaException e) {
        log.warn("Cannot position on {} yet, retrying: {}", topic.name(), e.toString());
      }
      backOff();
    }
    return Set.of();
  }

  private Set<TopicPartition> addNewPartitions(Set<TopicPartition> assigned) {
    Set<TopicPartition> now;
    try {
      now = partitionsNow();
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      log.warn("Could not refresh the partitions of {}: {}", topic.name(), e.toString());
      return assigned;
    }
    Set<TopicPartition> added = new HashSet<>(now);
    added.removeAll(assigned);
    if (added.isEmpty()) {
      return assigned;
    }
    Set<TopicPartition> all = new HashSet<>(assigned);
    all.addAll(added);
    consumer.assign(all);
    // A partition created after start-up holds only responses written since then: read it whole.
    consumer.seekToBeginning(added);
    assignedPartitions = all.size();
    log.info("Responses consumer now reads {} partitions of {}", all.size(), topic.name());
    return all;
  }

  private Set<TopicPartition> partitionsNow() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), METADATA_TIMEOUT);
    return infos.stream()
        .map(info -> new TopicPartition(info.topic(), info.partition()))
        .collect(Collectors.toSet());
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, ChatResponse> record : consumer.poll(POLL_TIMEOUT)) {
        deliver(record);
      }
      healthy = true;
    } catch (RecordDeserializationException e) {
      // Another stage's bad record must not stop every ingress replica; each replica skips it (the stage that
      // wrote it owns dead-lettering, so replicas do not each copy it to the DLQ).
      log.warn("Skipping undecodable record {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
      onUndecodable.run();
      consumer.seek(e.topicPartition(), e.offset() + 1);
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      healthy = false;
      log.warn("Polling {} failed, retrying: {}", topic.name(), e.toString());
      backOff();
    }
  }

  private void deliver(ConsumerRecord<String, ChatResponse> record) {
    if (record.value() == null) {
      return;
    }
    try {
      sink.accept(record.value());
    } catch (RuntimeException e) {
      log.error("Could not route response {}", record.value().getRequestId(), e);
    }
  }

  private void backOff() {
    try {
      stopped.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
