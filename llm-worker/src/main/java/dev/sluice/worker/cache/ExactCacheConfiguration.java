package dev.sluice.worker.cache;

import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.WorkerRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The exact cache of answers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExactCacheProperties.class)
class ExactCacheConfiguration {

  @Bean
  ExactCache exactCache(WorkerRedis workerRedis, ExactCacheProperties settings, RedisFallbacks redisFallbacks,
      MeterRegistry registry) {
    return new ExactCache(workerRedis, settings, redisFallbacks, registry);
  }
}
