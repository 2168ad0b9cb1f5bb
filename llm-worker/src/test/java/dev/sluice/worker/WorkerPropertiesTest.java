package dev.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.worker.resilience.BreakerPolicy;
import dev.sluice.worker.resilience.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class WorkerPropertiesTest {

  private static final String[] ONE_PROVIDER = {
      "sluice.worker.providers.simulator.base-url=http://localhost:8090/v1",
      "sluice.worker.providers.simulator.api-key=sk-simulator",
      "sluice.worker.providers.simulator.models=gpt-4o,gpt-4o-mini"};

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Settings.class);

  /** With the shipped application.yml, as the service starts. */
  private final ApplicationContextRunner shipped =
      context.withInitializer(new ConfigDataApplicationContextInitializer());

  @Test
  void theShippedSettingsRunAgainstTheLocalSimulator() {
    shipped.run(started -> {
      WorkerProperties properties = started.getBean(WorkerProperties.class);
      assertThat(properties.maxInFlight()).isEqualTo(256);
      assertThat(properties.resumeAt()).isEqualTo(192);
      assertThat(properties.priceTableFile()).isEmpty();
      assertThat(properties.enabledProviders()).containsOnlyKeys("simulator");
      WorkerProperties.Provider simulator = properties.enabledProviders().get("simulator");
      assertThat(simulator.baseUrl()).isEqualTo("http://localhost:8090/v1");
      assertThat(simulator.apiKey()).isEqualTo("sk-simulator");
      assertThat(simulator.models()).containsExactly("gpt-4o", "gpt-4o-mini");
      assertThat(simulator.maxConcurrentCalls()).isEqualTo(256);
      assertThat(simulator.callTimeout()).isEqualTo(Duration.ofSeconds(60));
      assertThat(properties.routes()).containsEntry("cheap", List.of("simulator:gpt-4o-mini"))
          .containsEntry("strong", List.of("simulator:gpt-4o"));
      assertThat(properties.auto()).isEqualTo(new WorkerProperties.Auto("cheap", "strong", 1000, "sluice.tier",
          List.of("premium", "enterprise")));
      assertThat(properties.breaker().policy())
          .isEqualTo(new BreakerPolicy(50, 20, 10, Duration.ofSeconds(30), 3));
      assertThat(properties.retry().policy())
          .isEqualTo(new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10)));
    });
  }

  @Test
  void providersWithTheirLimitsAndOrderedRoutesBindFromSettings() {
    shipped.withPropertyValues(
            "sluice.worker.providers.openai.base-url=https://api.openai.com/v1",
            "sluice.worker.providers.openai.api-key=sk-live",
            "sluice.worker.providers.openai.models=gpt-4o",
            "sluice.worker.providers.openai.max-concurrent-calls=100",
            "sluice.worker.providers.openai.requests-per-minute=10000",
            "sluice.worker.providers.openai.tokens-per-minute=2000000",
            "sluice.worker.providers.openai.call-timeout=20s",
            "sluice.worker.routes.strong[0]=openai:gpt-4o",
            "sluice.worker.routes.strong[1]=simulator:gpt-4o")
        .run(started -> {
          WorkerProperties properties = started.getBean(WorkerProperties.class);
          assertThat(properties.enabledProviders()).containsOnlyKeys("simulator", "openai");
          WorkerProperties.Provider openai = properties.enabledProviders().get("openai");
          assertThat(openai.maxConcurrentCalls()).isEqualTo(100);
          assertThat(openai.requestsPerMinute()).isEqualTo(10_000);
          assertThat(openai.tokensPerMinute()).isEqualTo(2_000_000L);
          assertThat(openai.callTimeout()).isEqualTo(Duration.ofSeconds(20));
          assertThat(openai.connectTimeout()).as("default").isEqualTo(Duration.ofSeconds(5));
          assertThat(properties.routes().get("strong")).containsExactly("openai:gpt-4o", "simulator:gpt-4o");
          assertThat(properties.routes().get("cheap")).as("kept from the shipped settings")
              .containsExactly("simulator:gpt-4o-mini");
        });
  }

  @Test
  void aDisabledProviderTakesNoCalls() {
    shipped.withPropertyValues(
            "sluice.worker.providers.openai.base-url=https://api.openai.com/v1",
            "sluice.worker.providers.openai.api-key=sk-live",
            "sluice.worker.providers.openai.models=gpt-4o",
            "sluice.worker.providers.simulator.enabled=false")
        .run(started -> assertThat(started.getBean(WorkerProperties.class).enabledProviders())
            .containsOnlyKeys("openai"));
  }

  @Test
  void withoutAnyProviderTheStartStopsAndSaysWhatToSet() {
    context.run(started -> assertThat(started).getFailure().rootCause()
        .hasMessageContaining("sluice.worker.providers has no enabled provider"));
  }

  @Test
  void aProviderWithoutModelsOrBaseUrlStopsTheStartWithTheSettingNamed() {
    context.withPropertyValues("sluice.worker.providers.vllm.base-url=http://vllm:8000/v1",
            "sluice.worker.providers.vllm.api-key=none")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("sluice.worker.providers.vllm.models must list at least one model"));
    context.withPropertyValues("sluice.worker.providers.vllm.api-key=none", "sluice.worker.providers.vllm.models=x")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("providers[vllm].baseUrl").hasMessageContaining("must not be blank"));
  }

  @Test
  void aProviderNameThatCannotBeAPriceTableKeyStopsTheStart() {
    context.withPropertyValues("sluice.worker.providers[open.ai].base-url=https://api.openai.com/v1",
            "sluice.worker.providers[open.ai].api-key=sk", "sluice.worker.providers[open.ai].models=gpt-4o")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("sluice.worker.providers.open.ai: a provider name may hold only"));
  }

  @Test
  void aNonPositiveCallTimeoutStopsTheStartWithTheSettingNamed() {
    context.withPropertyValues(ONE_PROVIDER).withPropertyValues("sluice.worker.providers.simulator.call-timeout=0s")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("sluice.worker.providers.simulator.call-timeout"));
  }

  @Test
  void retriesCanBeTunedAndACapBelowTheBaseStopsTheStart() {
    context.withPropertyValues(ONE_PROVIDER).withPropertyValues("sluice.worker.retry.max-attempts=2",
            "sluice.worker.retry.base-delay=1s", "sluice.worker.retry.max-delay=30s")
        .run(started -> assertThat(started.getBean(WorkerProperties.class).retry().policy())
            .isEqualTo(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(30))));
    context.withPropertyValues(ONE_PROVIDER).withPropertyValues("sluice.worker.retry.base-delay=5s",
            "sluice.worker.retry.max-delay=1s")
        .run(started -> assertThat(started).getFailure().rootCause()
            .hasMessageContaining("sluice.worker.retry.max-delay"));
  }

  @Test
  void theApiKeyStaysOutOfTheSettingsDescription() {
    context.withPropertyValues(ONE_PROVIDER).withPropertyValues("sluice.worker.providers.simulator.api-key=sk-live-1")
        .run(started -> {
          String described = started.getBean(WorkerProperties.class).toString();
          assertThat(described).contains("http://localhost:8090/v1").doesNotContain("sk-live-1");
        });
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WorkerProperties.class)
  static class Settings {
  }
}
