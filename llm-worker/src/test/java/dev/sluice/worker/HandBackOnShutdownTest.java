package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.events.Completion;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.ResponseStatus;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.testkit.InJvmKafka;
import dev.sluice.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A worker stopped while a call is still in work hands the request back: its offset stays uncommitted, no answer is
 * published for it, and its claim in Redis is given up, so the next worker answers it at once rather than after the
 * claim's expiry (a lease of ten minutes here). Real broker, Redis and simulator; the worker is the whole Spring
 * application, started and closed like a process.
 */
class HandBackOnShutdownTest {

  private static final SluiceTopics TOPICS = new SluiceTopics(SluiceTopics.DEFAULT_PREFIX, new PlainAvroSerdes());
  /** Far longer than the test may wait: only a given-up claim lets the second worker answer in time. */
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final String GROUP = "sluice-llm-worker";

  private static InJvmKafka kafka;
  private static TestRedis redis;
  private static LlmSimulator simulator;

  @BeforeAll
  static void start() {
    kafka = InJvmKafka.start(1);
    redis = TestRedis.start();
    // a call the first worker cannot finish before it is stopped
    simulator = LlmSimulator.start(SimulatorSettings.defaults().withLatencyMs(60_000));
  }

  @AfterAll
  static void stop() {
    simulator.close();
    redis.close();
    kafka.close();
  }

  @Test
  void aRequestInWorkAtShutdownIsHandedBackAndTheNextWorkerAnswersItAtOnce() throws Exception {
    String requestId = "handed-back-" + UUID.randomUUID();
    String claimKey = "sluice:worker:request:" + requestId;
    RedisClient inspector = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> look = inspector.connect()) {
      try (ConfigurableApplicationContext first = startWorker()) {
        publish(requestId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> simulator.receivedCalls().size() == 1);
        assertThat(look.sync().get(claimKey)).startsWith("held:");
      }

      assertThat(look.sync().exists(claimKey)).as("the claim was given up on shutdown").isZero();
      assertThat(committedOffset()).as("nothing committed past the unfinished request").isZero();
      assertThat(completions(requestId)).as("no answer from the stopped worker").isEmpty();

      simulator.updateSettings(settings -> settings.withLatencyMs(0));
      try (ConfigurableApplicationContext second = startWorker()) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> !completions(requestId).isEmpty());

        assertThat(completions(requestId)).singleElement().satisfies(completion -> {
          assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
          assertThat(completion.getContent()).isEqualTo("Simulated answer to: Are you still there?");
        });
        assertThat(simulator.receivedCalls()).as("the abandoned call and the second worker's").hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(look.sync().get(claimKey)));
      }
    } finally {
      inspector.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  /** The worker application as its own process would run, its settings given as command-line arguments. */
  private static ConfigurableApplicationContext startWorker() {
    return new SpringApplicationBuilder(LlmWorkerApplication.class, PlainTopics.class).run(
        "--server.port=0",
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--spring.kafka.listener.poll-timeout=200ms",
        "--sluice.topic-partitions=1",
        "--sluice.worker.providers.simulator.base-url=" + simulator.baseUrl(),
        "--sluice.worker.redis.uri=" + redis.uri(),
        "--sluice.worker.redelivery.claim-lease=10m",
        "--sluice.worker.drain-timeout=1s");
  }

  private static void publish(String requestId) throws Exception {
    try (KafkaProducer<String, GuardedRequest> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
        TOPICS.requestsGuarded().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(TOPICS.requestsGuarded().name(), requestId, Requests.guarded(
          Requests.chat(requestId, "gpt-4o", "Are you still there?", Instant.now().plus(DEADLINE))))).get();
    }
  }

  private static long committedOffset() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
          .partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata committed = offsets.get(new TopicPartition(TOPICS.requestsGuarded().name(), 0));
      return committed == null ? 0 : committed.offset();
    }
  }

  /** The Completions for {@code requestId} on the topic now, read from its start to its end. */
  private static List<Completion> completions(String requestId) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<Completion> found = new ArrayList<>();
    try (KafkaConsumer<String, Completion> consumer = new KafkaConsumer<>(config,
        TOPICS.completions().keySerde().deserializer(), TOPICS.completions().valueSerde().deserializer())) {
      TopicPartition partition = new TopicPartition(TOPICS.completions().name(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, Completion> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key().equals(requestId)) {
            found.add(record.value());
          }
        }
      }
    }
    return found;
  }

  /** Registry-free serdes, as in the worker's other Kafka tests. */
  @Configuration(proxyBeanMethods = false)
  static class PlainTopics {

    @Bean
    SluiceTopics sluiceTopics() {
      return TOPICS;
    }
  }
}
