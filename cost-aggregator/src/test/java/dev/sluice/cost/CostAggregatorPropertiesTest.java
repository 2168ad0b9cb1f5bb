package dev.sluice.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cost.streams.CostStreamsConfiguration;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import java.time.Duration;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CostAggregatorPropertiesTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(TopologyOnly.class)
      .withPropertyValues("sluice.cost.state-dir=/tmp/sluice-cost-test");

  @Test
  void bindsTheDocumentedDefaults() {
    context.run(ctx -> {
      CostAggregatorProperties properties = ctx.getBean(CostAggregatorProperties.class);
      assertThat(properties.applicationId()).isEqualTo("sluice-cost-aggregator");
      assertThat(properties.grace()).isEqualTo(Duration.ofSeconds(10));
      assertThat(properties.dedupeRetention()).isEqualTo(Duration.ofMinutes(10));
      assertThat(properties.closeTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(properties.streamThreads()).isEqualTo(1);
      assertThat(ctx).hasSingleBean(Topology.class);
    });
  }

  @Test
  void refusesToStartWithADedupeRetentionShorterThanTheWindowPlusGrace() {
    context.withPropertyValues("sluice.cost.grace=30s", "sluice.cost.dedupe-retention=60s").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("sluice.cost.dedupe-retention");
    });
  }

  @Test
  void refusesToStartWithoutAStateDir() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(TopologyOnly.class)
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).hasStackTraceContaining("stateDir");
        });
  }

  /** The topology bean of the real configuration, with registry-free serdes and no Kafka. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(CostAggregatorProperties.class)
  static class TopologyOnly {

    @Bean
    SluiceTopics sluiceTopics() {
      return new SluiceTopics("sluice.", new PlainAvroSerdes());
    }

    @Bean
    Topology costWindowTopology(SluiceTopics topics, CostAggregatorProperties properties) {
      return new CostStreamsConfiguration().costWindowTopology(topics, properties);
    }
  }
}
