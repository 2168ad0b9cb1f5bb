package dev.sluice.worker.limits;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Provider limits shared by every worker replica ({@code sluice.worker.limits.*}), e.g.
 * {@code sluice.worker.limits.providers.openai.requests-per-minute=500}. A provider with no entry, or a limit left
 * unset, is not limited by the worker (the provider's own 429s are still retried).
 *
 * @param providers the limits of each provider, by its name in the price table
 * @param defaultOutputTokens the output a request that sets no {@code maxTokens} is expected to take, for the
 *     tokens-per-minute estimate made before the call
 */
@Validated
@ConfigurationProperties(prefix = "sluice.worker.limits")
public record ProviderLimitsProperties(
    @DefaultValue Map<String, @Valid Provider> providers,
    @DefaultValue("256") @Min(0) int defaultOutputTokens) {

  public Map<String, ProviderLimit> limits() {
    return providers.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
        entry -> ProviderLimit.perMinute(entry.getValue().requestsPerMinute(), entry.getValue().tokensPerMinute())));
  }

  /**
   * One provider's limits.
   *
   * @param requestsPerMinute calls per minute (RPM); unset means none
   * @param tokensPerMinute input and output tokens per minute (TPM); unset means none
   */
  public record Provider(@Nullable @Min(1) Long requestsPerMinute, @Nullable @Min(1) Long tokensPerMinute) {
  }
}
