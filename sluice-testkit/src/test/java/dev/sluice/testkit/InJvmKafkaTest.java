package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InJvmKafkaTest {

  private static InJvmKafka kafka;

  @BeforeAll
  static void start() {
    kafka = InJvmKafka.start(2);
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void topicsAreNotCreatedByProducing() throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
        new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "k", "v")).get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("never-created");
    }
  }

  @Test
  void transactionalWritesAreReadCommitted() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("tx-topic", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
      assertThat(admin.listTopics().names().get()).contains("tx-topic");
    }
    Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-tx");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
        new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx-topic", "a", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tx-topic", "b", "committed"));
      producer.commitTransaction();
    }
    Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "testkit", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(Set.of("tx-topic"));
      List<String> values = new java.util.ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (values.isEmpty() && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      assertThat(values).containsExactly("committed");
    }
  }
}
