package dev.sluice.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.worker.WorkerProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ProviderConfigurationTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withInitializer(new ConfigDataApplicationContextInitializer())
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Support.class, ProviderConfiguration.class);

  @Test
  void everyEnabledProviderGetsAClosedBreakerAndItsMeters() {
    context.withPropertyValues(
            "sluice.worker.providers.openai.base-url=https://api.openai.com/v1",
            "sluice.worker.providers.openai.api-key=sk-live",
            "sluice.worker.providers.openai.models=gpt-4o",
            "sluice.worker.providers.openai.max-concurrent-calls=8",
            "sluice.worker.providers.openai.enabled=false")
        .run(started -> {
          Providers providers = started.getBean(Providers.class);
          assertThat(providers.names()).containsExactly("simulator");
          assertThat(providers.get("simulator").circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
          MeterRegistry meters = started.getBean(MeterRegistry.class);
          assertThat(meters.get("sluice.worker.provider.circuit.state")
              .tags("provider", "simulator", "state", "closed").gauge().value()).isEqualTo(1.0);
          assertThat(meters.get(Providers.CALLS_IN_FLIGHT).tags("provider", "simulator").gauge().value()).isZero();
          assertThat(meters.find(Providers.CALLS_IN_FLIGHT).tags("provider", "openai").gauge()).isNull();
        });
  }

  @Test
  void aSettingOfTheRetiredSingleProviderStopsTheStartAndSaysWhatReplacedIt() {
    context.withPropertyValues("sluice.worker.provider.base-url=http://localhost:9999/v1")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("sluice.worker.provider.base-url is no longer read")
            .hasMessageContaining("sluice.worker.providers.<name>.*"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WorkerProperties.class)
  static class Support {

    @Bean
    Clock workerClock() {
      return Clock.systemUTC();
    }

    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
