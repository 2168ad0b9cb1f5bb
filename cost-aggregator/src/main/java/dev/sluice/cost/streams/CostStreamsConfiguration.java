package dev.sluice.cost.streams;

import dev.sluice.cost.CostAggregatorProperties;
import dev.sluice.cost.window.CostWindowTopology;
import dev.sluice.runtime.SluiceProperties;
import dev.sluice.runtime.streams.StreamsSettings;
import dev.sluice.runtime.streams.StreamsStage;
import dev.sluice.runtime.streams.StreamsStageHealthIndicator;
import dev.sluice.schemas.topics.SluiceTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the cost topology into a Kafka Streams instance with Sluice's stage defaults. */
@Configuration(proxyBeanMethods = false)
public class CostStreamsConfiguration {

  @Bean
  public Topology costWindowTopology(SluiceTopics topics, CostAggregatorProperties properties) {
    return CostWindowTopology.build(topics, properties.windowSettings());
  }

  @Bean
  StreamsStage costStreamsLifecycle(Topology costWindowTopology, SluiceTopics topics,
      CostAggregatorProperties properties, SluiceProperties sluice, KafkaProperties kafka, KafkaAdmin admin,
      MeterRegistry meterRegistry) {
    Properties streamsProperties = StreamsSettings.base(properties.applicationId(),
        String.join(",", kafka.getBootstrapServers()), topics.dlq().name(), properties.stateDir(),
        sluice.topicReplicationFactor());
    streamsProperties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.streamThreads());
    // spring.kafka.streams.properties.* reach Kafka Streams as is (security settings, tuning).
    streamsProperties.putAll(kafka.getStreams().getProperties());
    return new StreamsStage("cost-aggregator", costWindowTopology, streamsProperties,
        List.of(topics.usage().name(), topics.costs1m().name(), topics.dlq().name()), admin, meterRegistry,
        properties.closeTimeout(), kafka.getStreams().isAutoStartup());
  }

  @Bean
  StreamsStageHealthIndicator costStreamsHealthIndicator(StreamsStage lifecycle) {
    return new StreamsStageHealthIndicator(lifecycle);
  }
}
