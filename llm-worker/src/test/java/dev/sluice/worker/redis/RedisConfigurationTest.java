package dev.sluice.worker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.worker.cache.ExactCache;
import dev.sluice.worker.cache.ExactCacheProperties;
import dev.sluice.worker.dedupe.RedeliveryLedger;
import dev.sluice.worker.dedupe.RedeliveryProperties;
import dev.sluice.worker.limits.BucketLimit;
import dev.sluice.worker.limits.ProviderLimit;
import dev.sluice.worker.limits.ProviderLimitsProperties;
import dev.sluice.worker.limits.ProviderRateLimiter;
import dev.sluice.worker.limits.TokenEstimator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

class RedisConfigurationTest {

  private static final RedisUnderTest REDIS = RedisUnderTest.start();

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(RedisParts.class)
      .withPropertyValues("sluice.worker.redis.uri=" + REDIS.uri());

  @AfterAll
  static void stop() {
    REDIS.close();
  }

  @Test
  void theDefaultsUseTheLocalStacksRedisAndCacheDeterministicAnswersForAnHour() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(RedisParts.class)
        .run(started -> {
          assertThat(started).hasNotFailed();
          WorkerRedisProperties redis = started.getBean(WorkerRedisProperties.class);
          assertThat(redis.uri()).isEqualTo("redis://localhost:6379");
          assertThat(redis.commandTimeout()).isEqualTo(Duration.ofMillis(500));
          assertThat(redis.keyPrefix()).isEqualTo("sluice:worker:");
          assertThat(started.getBean(ExactCacheProperties.class))
              .isEqualTo(new ExactCacheProperties(true, Duration.ofHours(1), true));
          assertThat(started.getBean(RedeliveryProperties.class))
              .isEqualTo(new RedeliveryProperties(Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofSeconds(15),
                  Duration.ofSeconds(1)));
          assertThat(started.getBean(ProviderLimitsProperties.class).defaultOutputTokens()).isEqualTo(256);
        });
  }

  @Test
  void everyPartIsReadyAndRedisReportsUpWhileItAnswers() {
    context.run(started -> {
      assertThat(started).hasSingleBean(WorkerRedis.class).hasSingleBean(ProviderRateLimiter.class)
          .hasSingleBean(TokenEstimator.class).hasSingleBean(RedeliveryLedger.class).hasSingleBean(ExactCache.class);
      assertThat(started.getBean("redisHealthIndicator", RedisHealthIndicator.class).health().getStatus())
          .isEqualTo(Status.UP);
    });
  }

  @Test
  void theConnectionIsClosedWhenTheContextIs() {
    context.run(started -> {
      started.getBean(WorkerRedis.class).commands().join();
      assertThat(REDIS.inspect().clientList().lines()).hasSize(2);
    });

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(REDIS.inspect().clientList().lines()).as("only the test's own connection").hasSize(1));
  }

  @Test
  void aBadSettingStopsTheStartNamingIt() {
    context.withPropertyValues("sluice.worker.redis.uri=http://nope")
        .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("sluice.worker.redis.uri"));
    context.withPropertyValues("sluice.worker.cache.exact.ttl=0s")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("sluice.worker.cache.exact.ttl"));
    context.withPropertyValues("sluice.worker.redelivery.done-ttl=0s")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("sluice.worker.redelivery.done-ttl"));
  }

  /** The worker's Redis parts as the application scans them, with the beans the rest of the worker provides. */
  @Configuration(proxyBeanMethods = false)
  @ComponentScan(basePackages = {"dev.sluice.worker.redis", "dev.sluice.worker.limits", "dev.sluice.worker.dedupe",
      "dev.sluice.worker.cache"})
  static class RedisParts {

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    Clock workerClock() {
      return Clock.systemUTC();
    }
  }
}
