package dev.sluice.worker.limits;

import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.WorkerRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provider limits shared by all replicas, and the token estimate they are asked with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderLimitsProperties.class)
class LimitsConfiguration {

  @Bean
  TokenEstimator tokenEstimator(ProviderLimitsProperties settings) {
    return new TokenEstimator(settings.defaultOutputTokens());
  }

  @Bean
  ProviderRateLimiter providerRateLimiter(WorkerRedis workerRedis, ProviderLimitsProperties settings,
      RedisFallbacks redisFallbacks, MeterRegistry registry) {
    return new ProviderRateLimiter(workerRedis, settings.limits(), redisFallbacks, registry);
  }
}
