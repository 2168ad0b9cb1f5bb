package dev.sluice.worker.redis;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The worker's Redis: its connection (closed on shutdown), its health and its fallback meter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerRedisProperties.class)
class RedisConfiguration {

  @Bean(destroyMethod = "close")
  WorkerRedis workerRedis(WorkerRedisProperties settings) {
    return WorkerRedis.create(settings);
  }

  @Bean
  RedisFallbacks redisFallbacks(MeterRegistry registry) {
    return new RedisFallbacks(registry);
  }

  /** Named {@code redis} in the health endpoint. */
  @Bean
  RedisHealthIndicator redisHealthIndicator(WorkerRedis workerRedis, WorkerRedisProperties settings) {
    return new RedisHealthIndicator(workerRedis, settings.connectTimeout().plus(settings.commandTimeout()));
  }
}
