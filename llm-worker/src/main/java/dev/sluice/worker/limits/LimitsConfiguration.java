package dev.sluice.worker.limits;

import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.WorkerRedis;
import dev.sluice.worker.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
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
  ProviderRateLimiter providerRateLimiter(WorkerRedis workerRedis, ObjectProvider<WorkerProperties> workerProperties,
      RedisFallbacks redisFallbacks, MeterRegistry registry) {
    WorkerProperties properties = workerProperties.getIfAvailable();
    return new ProviderRateLimiter(workerRedis, properties == null ? Map.of() : limitsOf(properties),
        redisFallbacks, registry);
  }

  /** Each enabled provider's requests and tokens per minute; a provider that sets neither is not limited. */
  static Map<String, ProviderLimit> limitsOf(WorkerProperties properties) {
    Map<String, ProviderLimit> limits = new LinkedHashMap<>();
    properties.enabledProviders().forEach((name, provider) -> {
      if (provider.requestsPerMinute() > 0 || provider.tokensPerMinute() > 0) {
        limits.put(name, ProviderLimit.perMinute(
            provider.requestsPerMinute() > 0 ? (long) provider.requestsPerMinute() : null,
            provider.tokensPerMinute() > 0 ? provider.tokensPerMinute() : null));
      }
    });
    return Map.copyOf(limits);
  }
}
