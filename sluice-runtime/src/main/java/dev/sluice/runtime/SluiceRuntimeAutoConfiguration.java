package dev.sluice.runtime;

import dev.sluice.runtime.dlq.DeadLetterPublisher;
import dev.sluice.schemas.topics.ApicurioSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires what every stage shares: topic descriptors with Apicurio serdes, topic creation and dead letters. */
@AutoConfiguration
@EnableConfigurationProperties(SluiceProperties.class)
public class SluiceRuntimeAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public SluiceTopics sluiceTopics(SluiceProperties properties) {
    return new SluiceTopics(properties.topicPrefix(), ApicurioSerdes.forRegistry(properties.registryUrl()));
  }

  /** Creates any missing Sluice topic at start-up; brokers run with auto-creation off. */
  @Bean
  public KafkaAdmin.NewTopics sluiceNewTopics(SluiceTopics topics, SluiceProperties properties) {
    return new KafkaAdmin.NewTopics(topics.all().stream()
        .map(topic -> newTopic(topic, properties))
        .toArray(NewTopic[]::new));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public DeadLetterPublisher deadLetterPublisher(SluiceTopics topics,
      @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers,
      @Value("${spring.application.name:sluice}") String stage) {
    return new DeadLetterPublisher(bootstrapServers, topics.dlq().name(), stage);
  }

  private static NewTopic newTopic(TopicDescriptor<?, ?> topic, SluiceProperties properties) {
    TopicBuilder builder = TopicBuilder.name(topic.name())
        .partitions(properties.topicPartitions())
        .replicas(properties.topicReplicationFactor());
    if (topic.compacted()) {
      builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    return builder.build();
  }
}
