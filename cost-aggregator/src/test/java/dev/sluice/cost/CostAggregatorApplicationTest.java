package dev.sluice.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.streams.StreamsStage;
import dev.sluice.runtime.streams.StreamsStageHealthIndicator;
import dev.sluice.cost.window.CostWindowTopology;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The whole service wired from its defaults, with registry-free serdes and Kafka Streams not started. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "spring.kafka.streams.auto-startup=false",
    "spring.kafka.admin.auto-create=false"})
class CostAggregatorApplicationTest {

  @Autowired
  private Topology topology;

  @Autowired
  private StreamsStage lifecycle;

  @Autowired
  private StreamsStageHealthIndicator health;

  @Test
  void wiresTheCostTopologyWithoutStartingIt() {
    assertThat(topology.describe().toString()).contains(CostWindowTopology.DEDUPE_STORE,
        CostWindowTopology.WINDOW_STORE, "sluice.usage", "sluice.costs.1m");
    assertThat(lifecycle.isRunning()).isFalse();
  }

  @Test
  void reportsDownUntilKafkaStreamsRuns() {
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
  }

  @TestConfiguration
  static class RegistryFreeSerdes {

    @Bean
    SluiceTopics sluiceTopics() {
      return new SluiceTopics("sluice.", new PlainAvroSerdes());
    }
  }
}
