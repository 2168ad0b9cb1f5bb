package dev.sluice.judge;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the judge-sampler ({@code sluice.judge.*}, or {@code SLUICE_JUDGE_*} in the environment).
 *
 * @param sampleRate share of OK responses to judge, 0 to 1
 * @param baseUrl OpenAI-compatible API of the judge model
 * @param apiKey key for that API
 * @param model the judge model; also the model its usage is billed under
 * @param provider provider name for pricing and usage records
 * @param priceTable a price table file replacing the shipped one; unset (null) for the shipped table
 * @param groupId consumer group reading the responses
 * @param timeout bound on one judge call attempt
 * @param maxRetries retries of 429, 5xx and timeouts by the OpenAI client
 * @param maxInFlight judge calls in flight per instance; at the bound the listener waits for a free slot
 * @param maxOutputTokens cap on the judge's reply
 * @param maxAnswerChars longest answer sent to the judge; longer ones are cut
 */
@Validated
@ConfigurationProperties(prefix = "sluice.judge")
public record JudgeSamplerProperties(
    @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double sampleRate,
    @DefaultValue("http://localhost:8090/v1") @NotBlank String baseUrl,
    @DefaultValue("sluice-local") @NotBlank String apiKey,
    @DefaultValue("gpt-4o-mini") @NotBlank String model,
    @DefaultValue("simulator") @NotBlank String provider,
    Path priceTable,
    @DefaultValue("sluice-judge-sampler") @NotBlank String groupId,
    @DefaultValue("30s") @NotNull Duration timeout,
    @DefaultValue("2") @Min(0) int maxRetries,
    @DefaultValue("128") @Min(1) int maxInFlight,
    @DefaultValue("400") @Min(16) long maxOutputTokens,
    @DefaultValue("16000") @Min(100) int maxAnswerChars) {
}
