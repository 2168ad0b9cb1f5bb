package dev.sluice.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.judge.intake.JudgeListenerHealthIndicator;
import dev.sluice.judge.intake.SampledResponseListener;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/** The whole service wired from its defaults, with registry-free serdes and the Kafka listener not started. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "spring.kafka.listener.auto-startup=false",
    "spring.kafka.admin.auto-create=false"})
class JudgeSamplerApplicationTest {

  @Autowired
  private KafkaListenerEndpointRegistry listeners;

  @Autowired
  private JudgeSamplerProperties properties;

  @Autowired
  private JudgeListenerHealthIndicator health;

  @Test
  void bindsTheDocumentedDefaults() {
    assertThat(properties.sampleRate()).isEqualTo(0.1);
    assertThat(properties.baseUrl()).isEqualTo("http://localhost:8090/v1");
    assertThat(properties.model()).isEqualTo("gpt-4o-mini");
    assertThat(properties.provider()).isEqualTo("simulator");
    assertThat(properties.groupId()).isEqualTo("sluice-judge-sampler");
  }

  @Test
  void listensToTheResponsesTopicInItsOwnGroupWithAsynchronousAcks() {
    MessageListenerContainer container = listeners.getListenerContainer(SampledResponseListener.ID);

    assertThat(container).isNotNull();
    assertThat(container.getContainerProperties().getTopics()).containsExactly("sluice.responses");
    assertThat(container.getGroupId()).isEqualTo("sluice-judge-sampler");
    assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.MANUAL);
    assertThat(container.getContainerProperties().isAsyncAcks()).isTrue();
  }

  @Test
  void reportsDownWhileTheListenerIsNotRunning() {
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
