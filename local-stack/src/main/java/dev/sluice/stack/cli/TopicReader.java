package dev.sluice.stack.cli;

import dev.sluice.schemas.topics.ApicurioSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning to its current end (committed records only). */
public final class TopicReader {

  private TopicReader() {
  }

  /** Every Avro-valued record of the topic, decoded with the Apicurio deserializer. */
  public static <V> List<ConsumerRecord<String, V>> readAll(String bootstrapServers, String registryUrl,
      String topic) {
    Map<String, Object> config = new HashMap<>(ApicurioSerdes.clientConfig(registryUrl));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        "io.apicurio.registry.serde.avro.AvroKafkaDeserializer");
    return readAll(bootstrapServers, topic, config);
  }

  /** Every record of the topic as raw bytes, e.g. the DLQ's. */
  public static List<ConsumerRecord<byte[], byte[]>> readAllBytes(String bootstrapServers, String topic) {
    return readAll(bootstrapServers, topic, Map.of(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
  }

  private static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, String topic,
      Map<String, Object> deserializers) {
    Map<String, Object> config = new HashMap<>(deserializers);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config)) {
      Set<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .collect(Collectors.toSet());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 30_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
