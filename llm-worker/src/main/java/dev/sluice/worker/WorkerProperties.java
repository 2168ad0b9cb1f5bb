package dev.sluice.worker;

import dev.sluice.worker.resilience.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the llm-worker ({@code sluice.worker.*}, or {@code SLUICE_WORKER_*} in the environment).
 *
 * @param maxInFlight requests this instance works on at once (provider call and publishing); intake pauses when full
 * @param resumeRatio intake resumes once the requests in hand fall to this share of {@code maxInFlight}
 * @param drainTimeout on shutdown, how long to wait for requests in hand to finish before handing them back
 * @param priceTable a price table file replacing the shipped one; unset means the shipped table
 * @param provider the model provider every request goes to
 * @param retry how retryable provider failures are repeated
 */
@Validated
@ConfigurationProperties(prefix = "sluice.worker")
public record WorkerProperties(
    @DefaultValue("256") @Min(1) int maxInFlight,
    @DefaultValue("0.75") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
    double resumeRatio,
    @DefaultValue("30s") Duration drainTimeout,
    @Nullable Path priceTable,
    @DefaultValue @Valid Provider provider,
    @DefaultValue @Valid Retry retry) {

  public WorkerProperties {
    requirePositive(drainTimeout, "sluice.worker.drain-timeout");
  }

  /** Intake resumes when the requests in hand are at or below this count. */
  public int resumeAt() {
    return (int) Math.floor(maxInFlight * resumeRatio);
  }

  public Optional<Path> priceTableFile() {
    return Optional.ofNullable(priceTable);
  }

  /**
   * An OpenAI-compatible provider.
   *
   * @param name the provider's name in the price table and on every Completion and UsageRecord
   * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1}
   * @param apiKey the bearer token
   * @param callTimeout the longest one call may take; shortened to what is left before the request's deadline
   * @param connectTimeout the longest opening a connection may take
   */
  public record Provider(
      @DefaultValue("simulator") @Pattern(regexp = "simulator|openai",
          message = "must be 'simulator' or 'openai' (the providers the price table knows)") String name,
      @DefaultValue("http://localhost:8090/v1") @NotBlank String baseUrl,
      @DefaultValue("sk-simulator") @NotBlank String apiKey,
      @DefaultValue("60s") Duration callTimeout,
      @DefaultValue("5s") Duration connectTimeout) {

    public Provider {
      requirePositive(callTimeout, "sluice.worker.provider.call-timeout");
      requirePositive(connectTimeout, "sluice.worker.provider.connect-timeout");
    }

    @Override
    public String toString() {
      return "Provider[name=" + name + ", baseUrl=" + baseUrl + ", callTimeout=" + callTimeout + "]";
    }
  }

  /**
   * Retries of retryable provider failures (429, 5xx, timeouts, connection failures, unreadable answers).
   *
   * @param maxAttempts provider calls one request may make in all, the first included; 1 turns retries off
   * @param baseDelay the bound of the random wait before the first retry, doubled for every further retry
   * @param maxDelay the cap of the exponential backoff (a provider's {@code Retry-After} may ask for longer)
   */
  public record Retry(
      @DefaultValue("4") @Min(1) int maxAttempts,
      @DefaultValue("200ms") Duration baseDelay,
      @DefaultValue("10s") Duration maxDelay) {

    public Retry {
      requirePositive(baseDelay, "sluice.worker.retry.base-delay");
      requirePositive(maxDelay, "sluice.worker.retry.max-delay");
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException("sluice.worker.retry.max-delay (" + maxDelay
            + ") must not be shorter than sluice.worker.retry.base-delay (" + baseDelay + ")");
      }
    }

    public RetryPolicy policy() {
      return new RetryPolicy(maxAttempts, baseDelay, maxDelay);
    }
  }

  private static void requirePositive(Duration value, String setting) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
    }
  }
}
