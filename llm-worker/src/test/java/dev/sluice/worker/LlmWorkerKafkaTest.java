package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.UsageRecord;
import dev.sluice.runtime.dlq.DeadLetterHeaders;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.testkit.TestRedis;
import dev.sluice.worker.consumer.InFlightGate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on an in-JVM KRaft broker and the real simulator: what it reads, writes, commits and exposes.
 * Values use registry-free Avro serdes (the Apicurio wire format is the end-to-end suite's business).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sluice.worker.max-in-flight=4",
    "spring.kafka.listener.poll-timeout=200ms"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers",
    brokerProperties = "group.initial.rebalance.delay.ms=0")
class LlmWorkerKafkaTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final LlmSimulator SIMULATOR = LlmSimulator.start(SimulatorSettings.defaults());
  private static final TestRedis REDIS = TestRedis.start();
  private static final SluiceTopics TOPICS = new SluiceTopics(SluiceTopics.DEFAULT_PREFIX, new PlainAvroSerdes());

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @LocalServerPort
  int port;

  @Autowired
  ConcurrentMessageListenerContainer<String, GuardedRequest> container;

  @Autowired
  InFlightGate gate;

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    registry.add("sluice.worker.providers.simulator.base-url", SIMULATOR::baseUrl);
    registry.add("sluice.worker.redis.uri", REDIS::uri);
  }

  @AfterAll
  static void stopSimulator() {
    SIMULATOR.close();
    REDIS.close();
  }

  @Test
  void answersEveryRequestAndRecordsWhatItCost() {
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<String, GuardedRequest> producer = requestProducer()) {
      for (int i = 0; i < 12; i++) {
        String id = "ok-" + UUID.randomUUID();
        ids.add(id);
        producer.send(guarded(Requests.chat(id, "gpt-4o", "Question " + i, Instant.now().plusSeconds(60))));
      }
    }

    List<ConsumerRecord<String, Completion>> completions = completionsFor(ids);
    List<ConsumerRecord<String, UsageRecord>> usage = readUntil(TOPICS.usage(), ids,
        record -> record.value().getRequestId());

    assertThat(completions).allSatisfy(record -> {
      assertThat(record.key()).isEqualTo(record.value().getRequestId());
      assertThat(record.value().getStatus()).isEqualTo(ResponseStatus.OK);
      assertThat(record.value().getContent()).startsWith("Simulated answer to: Question ");
      assertThat(record.value().getCostNanos()).isPositive();
    });
    assertThat(usage).hasSize(ids.size()).allSatisfy(record -> {
      assertThat(record.key()).isEqualTo("acme|gpt-4o");
      Completion completion = completions.stream()
          .filter(c -> c.value().getRequestId().equals(record.value().getRequestId()))
          .findFirst().orElseThrow().value();
      assertThat(record.value().getCostNanos()).isEqualTo(completion.getCostNanos());
    });
    assertThat(usage).extracting(record -> record.value().getCallId()).doesNotHaveDuplicates();
  }

  @Test
  void autoRoutesByThePromptAndTheCompletionSaysWhy() {
    String simple = "auto-simple-" + UUID.randomUUID();
    String code = "auto-code-" + UUID.randomUUID();
    try (KafkaProducer<String, GuardedRequest> producer = requestProducer()) {
      producer.send(guarded(Requests.chat(simple, "auto", "What is Kafka?", Instant.now().plusSeconds(60))));
      producer.send(guarded(Requests.chat(code, "auto", "Why?\n```\nint x = null;\n```",
          Instant.now().plusSeconds(60))));
    }

    Map<String, Completion> byId = completionsFor(List.of(simple, code)).stream()
        .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
    List<ConsumerRecord<String, UsageRecord>> usage = readUntil(TOPICS.usage(), List.of(simple, code),
        record -> record.value().getRequestId());

    assertThat(byId.get(simple).getModel()).isEqualTo("gpt-4o-mini");
    assertThat(byId.get(simple).getRoute()).isEqualTo("auto -> cheap: 15 tokens, no complexity signals");
    assertThat(byId.get(code).getModel()).isEqualTo("gpt-4o");
    assertThat(byId.get(code).getRoute()).startsWith("auto -> strong: ").endsWith("complexity signals: code");
    assertThat(usage).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("acme|gpt-4o-mini", "acme|gpt-4o");
  }

  @Test
  void pausesIntakeWhileFullAndNeverCallsMoreThanTheBoundAtOnce() {
    long latencyMs = 1_500;
    String batch = "burst-" + UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    SIMULATOR.updateSettings(settings -> settings.withLatencyMs(latencyMs));
    try (KafkaProducer<String, GuardedRequest> producer = requestProducer()) {
      for (int i = 0; i < 10; i++) {
        String id = batch + "-" + i;
        ids.add(id);
        producer.send(guarded(Requests.chat(id, "gpt-4o-mini", id, Instant.now().plusSeconds(60))));
      }
      producer.flush();
      await().atMost(WAIT).until(container::isPauseRequested);
      assertThat(gate.running()).isLessThanOrEqualTo(4);

      assertThat(completionsFor(ids))
          .allSatisfy(record -> assertThat(record.value().getStatus()).isEqualTo(ResponseStatus.OK));
      await().atMost(WAIT).until(() -> !container.isPauseRequested());
    } finally {
      SIMULATOR.updateSettings(settings -> settings.withLatencyMs(0));
    }

    // A slot frees only after an answer, which comes latencyMs after its call arrived: with at most 4 calls at
    // once, the 5th call after any call cannot arrive before that call was answered.
    List<Instant> arrivals = SIMULATOR.receivedCalls().stream()
        .filter(call -> call.lastUserContent().startsWith(batch))
        .map(call -> call.receivedAt())
        .sorted()
        .toList();
    assertThat(arrivals).hasSize(ids.size());
    for (int i = 0; i + 4 < arrivals.size(); i++) {
      assertThat(Duration.between(arrivals.get(i), arrivals.get(i + 4))).as("calls %d and %d", i, i + 4)
          .isGreaterThanOrEqualTo(Duration.ofMillis(latencyMs));
    }
  }

  @Test
  void anExpiredRequestTimesOutWithoutACall() {
    String id = "late-" + UUID.randomUUID();
    try (KafkaProducer<String, GuardedRequest> producer = requestProducer()) {
      producer.send(guarded(Requests.chat(id, "gpt-4o", "Too late: " + id, Instant.now().minusSeconds(1))));
    }

    Completion completion = completionsFor(List.of(id)).get(0).value();

    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.TIMEOUT);
    assertThat(SIMULATOR.receivedCalls()).noneMatch(call -> call.lastUserContent().contains(id));
  }

  @Test
  void anUndecodableRecordGoesToTheDlqAndTheWorkerCarriesOn() throws Exception {
    String after = "after-" + UUID.randomUUID();
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(TOPICS.requestsGuarded().name(), 0, "bad".getBytes(StandardCharsets.UTF_8),
          garbage)).get();
    }
    try (KafkaProducer<String, GuardedRequest> producer = requestProducer()) {
      ChatRequest request = Requests.chat(after, "gpt-4o", "Still there?", Instant.now().plusSeconds(60));
      producer.send(new ProducerRecord<>(TOPICS.requestsGuarded().name(), 0, after, Requests.guarded(request))).get();
    }

    ConsumerRecord<byte[], byte[]> dead = readUntil(TOPICS.dlq(), List.of("bad"),
        record -> new String(record.key(), StandardCharsets.UTF_8)).get(0);
    assertThat(dead.value()).isEqualTo(garbage);
    assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPICS.requestsGuarded().name());
    assertThat(header(dead, DeadLetterHeaders.STAGE)).isEqualTo("llm-worker");
    assertThat(header(dead, DeadLetterHeaders.ERROR_MESSAGE)).isNotBlank();
    assertThat(completionsFor(List.of(after))).hasSize(1);

    // Everything delivered is done, so the group's committed offsets reach the end of every partition.
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      await().atMost(WAIT).untilAsserted(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("sluice-llm-worker")
            .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        TopicPartition first = new TopicPartition(TOPICS.requestsGuarded().name(), 0);
        assertThat(committed).containsKey(first);
        committed.forEach((partition, offset) -> assertThat(offset.offset()).as("%s", partition)
            .isEqualTo(ends.get(partition)));
      });
    }
  }

  @Test
  void healthShowsTheListenerAndPrometheusTheWorkersMeters() throws Exception {
    HttpClient http = HttpClient.newHttpClient();

    await().atMost(WAIT).untilAsserted(() -> {
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"llmWorker\"").contains("\"listenerRunning\":true")
          .contains("\"redis\":{\"details\":{\"address\":\"127.0.0.1:" + REDIS.port() + "\"},\"status\":\"UP\"}");
    });
    HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(prometheus.body())
        .contains("sluice_worker_calls_in_flight")
        .contains("sluice_worker_intake_paused")
        .contains("sluice_worker_provider_circuit_state{provider=\"simulator\",state=\"closed\"} 1.0")
        .contains("sluice_worker_provider_calls_in_flight{provider=\"simulator\"}")
        .contains("kafka_consumer_fetch_manager_records_consumed_total")
        .contains("kafka_producer_");
  }

  private List<ConsumerRecord<String, Completion>> completionsFor(List<String> ids) {
    return readUntil(TOPICS.completions(), ids, record -> record.value().getRequestId());
  }

  /**
   * Reads {@code topic} from its start until records for all {@code ids} arrived; returns every record read for
   * them, in order.
   */
  private <K, V> List<ConsumerRecord<K, V>> readUntil(TopicDescriptor<K, V> topic, List<String> ids,
      Function<ConsumerRecord<K, V>, String> idOf) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<K, V>> found = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      await().atMost(WAIT).until(() -> {
        for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (ids.contains(idOf.apply(record))) {
            found.add(record);
          }
        }
        return found.stream().map(idOf).collect(Collectors.toSet()).containsAll(ids);
      });
    }
    return found;
  }

  private String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private KafkaProducer<String, GuardedRequest> requestProducer() {
    return new KafkaProducer<>(producerConfig(), new StringSerializer(),
        TOPICS.requestsGuarded().valueSerde().serializer());
  }

  private ProducerRecord<String, GuardedRequest> guarded(ChatRequest request) {
    return new ProducerRecord<>(TOPICS.requestsGuarded().name(), request.getRequestId(), Requests.guarded(request));
  }

  private Map<String, Object> producerConfig() {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
  }

  @TestConfiguration
  static class RegistryFreeSerdes {

    @Bean
    SluiceTopics sluiceTopics() {
      return TOPICS;
    }
  }
}
