package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SemanticCacheConfigurationTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(SemanticCacheConfiguration.class)
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  @Test
  void offByDefaultSoNoModelIsLoaded() {
    context.run(started -> {
      assertThat(started).hasNotFailed();
      assertThat(started).doesNotHaveBean(SemanticCache.class);
      assertThat(started).doesNotHaveBean(MiniLmEmbedder.class);
    });
  }

  @Test
  void whenEnabledTheCacheRunsOnTheEmbeddedStoreWithTheShippedSettings() {
    context.withPropertyValues("sluice.worker.cache.semantic.enabled=true").run(started -> {
      assertThat(started).hasNotFailed();
      assertThat(started).hasSingleBean(SemanticCache.class);
      assertThat(started.getBean(VectorStore.class)).isInstanceOf(LuceneVectorStore.class);
      SemanticCacheProperties properties = started.getBean(SemanticCacheProperties.class);
      assertThat(properties.similarityThreshold()).isEqualTo(0.80);
      assertThat(properties.ttl()).isEqualTo(Duration.ofHours(24));
      assertThat(properties.store()).isEqualTo(SemanticCacheProperties.Store.LUCENE);
      assertThat(properties.qdrant().port()).isEqualTo(6334);
    });
  }

  @Test
  void theQdrantStoreIsChosenBySetting() {
    try (QdrantTestServer server = QdrantTestServer.start()) {
      context.withPropertyValues("sluice.worker.cache.semantic.enabled=true",
              "sluice.worker.cache.semantic.store=qdrant",
              "sluice.worker.cache.semantic.qdrant.host=127.0.0.1",
              "sluice.worker.cache.semantic.qdrant.port=" + server.port())
          .run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(VectorStore.class)).isInstanceOf(QdrantVectorStore.class);
          });
    }
  }

  @Test
  void aBadSettingStopsTheStartWithItsName() {
    context.withPropertyValues("sluice.worker.cache.semantic.enabled=true",
            "sluice.worker.cache.semantic.similarity-threshold=1.5")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("similarityThreshold"));
  }
}
