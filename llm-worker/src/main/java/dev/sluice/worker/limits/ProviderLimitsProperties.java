package dev.sluice.worker.limits;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the shared provider limits ({@code sluice.worker.limits.*}). The limits themselves are each provider's
 * {@code requests-per-minute} and {@code tokens-per-minute} under {@code sluice.worker.providers.<name>}.
 *
 * @param defaultOutputTokens the output a request that sets no {@code maxTokens} is expected to take, for the
 *     tokens-per-minute estimate made before the call
 */
@Validated
@ConfigurationProperties(prefix = "sluice.worker.limits")
public record ProviderLimitsProperties(@DefaultValue("256") @Min(0) int defaultOutputTokens) {
}
