package dev.sluice.worker.provider;

import dev.sluice.worker.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The configured providers, each with its own HTTP client, circuit breaker and concurrency limit. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

  @Bean(destroyMethod = "close")
  Providers providers(WorkerProperties properties, Clock workerClock, MeterRegistry registry,
      Environment environment) {
    refuseRetiredSettings(environment);
    return Providers.connect(properties, workerClock, registry);
  }

  /**
   * The single provider of earlier versions was set under {@code sluice.worker.provider.*}; binding ignores settings
   * it does not know, so such a setting would silently stop applying. Stopping the start says what to change.
   */
  private static void refuseRetiredSettings(Environment environment) {
    Binder.get(environment).bind("sluice.worker.provider", Bindable.mapOf(String.class, Object.class))
        .ifBound(retired -> {
          throw new IllegalStateException("sluice.worker.provider." + retired.keySet().iterator().next()
              + " is no longer read: providers are configured as sluice.worker.providers.<name>.* (e.g. "
              + "sluice.worker.providers.simulator.base-url)");
        });
  }
}
