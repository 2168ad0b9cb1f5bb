package dev.sluice.worker.dedupe;

import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.WorkerRedis;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The redelivery records that keep a redelivered request from reaching a provider twice. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedeliveryProperties.class)
class RedeliveryConfiguration {

  @Bean
  RedeliveryLedger redeliveryLedger(WorkerRedis workerRedis, RedeliveryProperties settings, Clock workerClock,
      RedisFallbacks redisFallbacks, MeterRegistry registry) {
    return new RedeliveryLedger(workerRedis, settings.doneTtl(), settings.claimGrace(), settings.claimLease(),
        settings.recheckInterval(), workerClock, redisFallbacks, registry);
  }

  @Bean
  ClaimRenewal claimRenewal(RedeliveryLedger redeliveryLedger, RedeliveryProperties settings) {
    return new ClaimRenewal(redeliveryLedger, settings.renewInterval());
  }
}
