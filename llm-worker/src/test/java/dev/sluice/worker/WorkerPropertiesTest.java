package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.worker.resilience.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

class WorkerPropertiesTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Settings.class);

  @Test
  void defaultsRunAgainstTheLocalSimulator() {
    context.run(started -> {
      WorkerProperties properties = started.getBean(WorkerProperties.class);
      assertThat(properties.maxInFlight()).isEqualTo(256);
      assertThat(properties.resumeAt()).isEqualTo(192);
      assertThat(properties.priceTableFile()).isEmpty();
      assertThat(properties.provider().name()).isEqualTo("simulator");
      assertThat(properties.provider().baseUrl()).isEqualTo("http://localhost:8090/v1");
      assertThat(properties.provider().apiKey()).isEqualTo("sk-simulator");
      assertThat(properties.provider().callTimeout()).isEqualTo(Duration.ofSeconds(60));
      assertThat(properties.retry().policy())
          .isEqualTo(new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10)));
    });
  }

  @Test
  void retriesCanBeTunedAndACapBelowTheBaseStopsTheStart() {
    context.withPropertyValues("sluice.worker.retry.max-attempts=2", "sluice.worker.retry.base-delay=1s",
            "sluice.worker.retry.max-delay=30s")
        .run(started -> assertThat(started.getBean(WorkerProperties.class).retry().policy())
            .isEqualTo(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(30))));
    context.withPropertyValues("sluice.worker.retry.base-delay=5s", "sluice.worker.retry.max-delay=1s")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("sluice.worker.retry.max-delay"));
  }

  @Test
  void everySettingCanBeOverridden() {
    context.withPropertyValues("sluice.worker.max-in-flight=2000", "sluice.worker.resume-ratio=0.5",
            "sluice.worker.provider.name=openai", "sluice.worker.provider.base-url=https://api.openai.com/v1",
            "sluice.worker.provider.call-timeout=20s", "sluice.worker.price-table=/etc/sluice/prices.properties")
        .run(started -> {
          WorkerProperties properties = started.getBean(WorkerProperties.class);
          assertThat(properties.resumeAt()).isEqualTo(1000);
          assertThat(properties.provider().name()).isEqualTo("openai");
          assertThat(properties.provider().callTimeout()).isEqualTo(Duration.ofSeconds(20));
          assertThat(properties.priceTableFile()).hasValueSatisfying(
              path -> assertThat(path.toString()).endsWith("prices.properties"));
        });
  }

  @Test
  void anUnknownProviderStopsTheStartWithTheSettingNamed() {
    context.withPropertyValues("sluice.worker.provider.name=azure").run(started ->
        assertThat(started).getFailure().rootCause().hasMessageContaining("sluice.worker.provider.name")
            .hasMessageContaining("'simulator' or 'openai'"));
  }

  @Test
  void aNonPositiveCallTimeoutStopsTheStartWithTheSettingNamed() {
    context.withPropertyValues("sluice.worker.provider.call-timeout=0s").run(started ->
        assertThat(started).getFailure().rootCause().hasMessageContaining("sluice.worker.provider.call-timeout"));
  }

  @Test
  void theApiKeyStaysOutOfTheSettingsDescription() {
    context.withPropertyValues("sluice.worker.provider.api-key=sk-live-secret").run(started ->
        assertThat(started.getBean(WorkerProperties.class).toString()).doesNotContain("sk-live-secret"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WorkerProperties.class)
  static class Settings {
  }
}
