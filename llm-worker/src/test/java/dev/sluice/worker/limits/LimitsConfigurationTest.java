package dev.sluice.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.WorkerSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitsConfigurationTest {

  @Test
  void eachEnabledProvidersPerMinuteLimitsAreItsSharedLimits() {
    Map<String, WorkerProperties.Provider> providers = new LinkedHashMap<>();
    providers.put("openai", withLimits(WorkerSettings.provider("http://a/v1", "k", List.of("gpt-4o"), 8, Duration.ofSeconds(5)), 500, 30_000));
    providers.put("vllm", withLimits(WorkerSettings.provider("http://b/v1", "k", List.of("llama"), 8, Duration.ofSeconds(5)), 0, 100_000));
    providers.put("simulator", WorkerSettings.provider("http://c/v1", "k", List.of("gpt-4o-mini"), 8, Duration.ofSeconds(5)));

    Map<String, ProviderLimit> limits = LimitsConfiguration.limitsOf(
        WorkerSettings.properties(providers, Map.of(), WorkerSettings.breaker(20, 10),
            new WorkerProperties.Retry(4, Duration.ofMillis(200), Duration.ofSeconds(10))));

    assertThat(limits).isEqualTo(Map.of(
        "openai", new ProviderLimit(Optional.of(BucketLimit.perMinute(500)), Optional.of(BucketLimit.perMinute(30_000))),
        "vllm", new ProviderLimit(Optional.empty(), Optional.of(BucketLimit.perMinute(100_000)))));
  }

  private static WorkerProperties.Provider withLimits(WorkerProperties.Provider p, int rpm, long tpm) {
    return new WorkerProperties.Provider(p.enabled(), p.baseUrl(), p.apiKey(), p.models(), p.maxConcurrentCalls(), rpm,
        tpm, p.callTimeout(), p.connectTimeout());
  }
}
