package dev.sluice.ingress;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingress service ({@code sluice.ingress.*}, or {@code SLUICE_INGRESS_*} in the environment).
 *
 * @param apiKeys the accepted API keys, each only as the SHA-256 hex of the key, with the tenant it stands for
 * @param models the model ids {@code GET /v1/models} lists
 * @param requestTimeout how long a caller waits for its response; also sets the request's deadline
 * @param maxPending how many callers may wait for a response at once before new requests get 503
 * @param retryAfter what the {@code Retry-After} header of a shed request advises
 * @param partitionRefreshInterval how often the responses consumer looks for partitions added to the topic
 */
@Validated
@ConfigurationProperties(prefix = "sluice.ingress")
public record IngressProperties(
    @DefaultValue List<@Valid ApiKey> apiKeys,
    @DefaultValue({"gpt-4o", "gpt-4o-mini"}) @NotEmpty List<@NotBlank String> models,
    @DefaultValue("30s") @NotNull Duration requestTimeout,
    @DefaultValue("10000") @Min(1) int maxPending,
    @DefaultValue("1s") @NotNull Duration retryAfter,
    @DefaultValue("30s") @NotNull Duration partitionRefreshInterval) {

  public IngressProperties {
    requirePositive("sluice.ingress.request-timeout", requestTimeout);
    requirePositive("sluice.ingress.retry-after", retryAfter);
    requirePositive("sluice.ingress.partition-refresh-interval", partitionRefreshInterval);
  }

  /**
   * One accepted API key.
   *
   * @param sha256 the SHA-256 of the key, 64 hex digits; the key itself is never configured
   * @param tenant the tenant the key authenticates
   * @param tier the tenant's tier, passed to the worker as request metadata {@code sluice.tier} (its {@code auto}
   *     routing sends strong tiers to the strong route); unset means no tier
   */
  public record ApiKey(
      @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the 64 hex digits of a SHA-256") String sha256,
      @NotBlank String tenant,
      @Nullable String tier) {

    @ConstructorBinding
    public ApiKey {
    }

    public ApiKey(String sha256, String tenant) {
      this(sha256, tenant, null);
    }
  }

  private static void requirePositive(String setting, Duration value) {
    if (value != null && (value.isZero() || value.isNegative())) {
      throw new IllegalArgumentException(setting + " must be positive, was " + value);
    }
  }
}
