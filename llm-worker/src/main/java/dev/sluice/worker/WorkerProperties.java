package dev.sluice.worker;

import dev.sluice.worker.resilience.BreakerPolicy;
import dev.sluice.worker.resilience.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the llm-worker ({@code sluice.worker.*}, or {@code SLUICE_WORKER_*} in the environment).
 *
 * <p>Checks that need nothing but these settings happen here; whether routes name known providers and models, and
 * whether the price table prices every model, is checked by {@code routing.RouteTable} at start-up.
 *
 * @param maxInFlight requests this instance works on at once (provider calls and publishing); intake pauses when full
 * @param resumeRatio intake resumes once the requests in hand fall to this share of {@code maxInFlight}
 * @param drainTimeout on shutdown, how long to wait for requests in hand to finish before handing them back
 * @param priceTable a price table file replacing the shipped one; unset means the shipped table
 * @param providers the OpenAI-compatible providers by name; the name is the provider's key in the price table and
 *     appears on every Completion and UsageRecord, so it may hold only {@code a-z 0-9 _ -}
 * @param routes model aliases: each is an ordered fallback chain of {@code provider:model} targets
 * @param auto how {@code model: "auto"} picks between a cheap and a strong route
 * @param breaker the circuit breaker every provider gets
 * @param retry how retryable provider failures are repeated on one target
 */
@Validated
@ConfigurationProperties(prefix = "sluice.worker")
public record WorkerProperties(
    @DefaultValue("256") @Min(1) int maxInFlight,
    @DefaultValue("0.75") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
    double resumeRatio,
    @DefaultValue("30s") Duration drainTimeout,
    @Nullable Path priceTable,
    Map<String, @Valid Provider> providers,
    Map<String, List<String>> routes,
    @DefaultValue @Valid Auto auto,
    @DefaultValue @Valid Breaker breaker,
    @DefaultValue @Valid Retry retry) {

  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  public WorkerProperties {
    requirePositive(drainTimeout, "sluice.worker.drain-timeout");
    providers = ordered(providers);
    routes = ordered(routes);
    providers.forEach(WorkerProperties::checkProvider);
    if (enabled(providers).isEmpty()) {
      throw new IllegalArgumentException("sluice.worker.providers has no enabled provider: configure at least one, "
          + "e.g. sluice.worker.providers.simulator.base-url and .models");
    }
  }

  /** Intake resumes when the requests in hand are at or below this count. */
  public int resumeAt() {
    return (int) Math.floor(maxInFlight * resumeRatio);
  }

  public Optional<Path> priceTableFile() {
    return Optional.ofNullable(priceTable);
  }

  /** The providers that take calls, in the order they are configured. */
  public Map<String, Provider> enabledProviders() {
    return enabled(providers);
  }

  private static Map<String, Provider> enabled(Map<String, Provider> providers) {
    Map<String, Provider> enabled = new LinkedHashMap<>();
    providers.forEach((name, provider) -> {
      if (provider.enabled()) {
        enabled.put(name, provider);
      }
    });
    return Collections.unmodifiableMap(enabled);
  }

  private static void checkProvider(String name, Provider provider) {
    String setting = "sluice.worker.providers." + name;
    if (!PROVIDER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(setting + ": a provider name may hold only a-z, 0-9, '_' and '-' (it is "
          + "the first part of its price-table keys and of 'provider:model' targets)");
    }
    if (provider.enabled() && provider.models().isEmpty()) {
      throw new IllegalArgumentException(setting + ".models must list at least one model the provider serves");
    }
    requirePositive(provider.callTimeout(), setting + ".call-timeout");
    requirePositive(provider.connectTimeout(), setting + ".connect-timeout");
  }

  /** Keeps the configured order, which error messages and logs follow. */
  private static <V> Map<String, V> ordered(@Nullable Map<String, V> configured) {
    return configured == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(configured));
  }

  /**
   * An OpenAI-compatible provider ({@code sluice.worker.providers.<name>.*}).
   *
   * <p>{@code requestsPerMinute} and {@code tokensPerMinute} are the provider's account limits. They are carried
   * here for the token buckets shared across replicas in Redis, which enforce them; this worker enforces only
   * {@code maxConcurrentCalls}, per instance, without waiting: a call beyond it goes to the route's next target.
   *
   * @param enabled false drops the provider, e.g. to turn off the local simulator the shipped settings declare
   * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1}
   * @param apiKey the bearer token; set it from the environment ({@code api-key: ${OPENAI_API_KEY}}), never inline
   * @param models the model names this provider serves; each needs a price in the price table
   * @param maxConcurrentCalls calls this instance makes to the provider at once
   * @param requestsPerMinute the provider's request limit; 0 for none
   * @param tokensPerMinute the provider's token limit; 0 for none
   * @param callTimeout the longest one call may take; shortened to what is left before the request's deadline
   * @param connectTimeout the longest opening a connection may take
   */
  public record Provider(
      @DefaultValue("true") boolean enabled,
      @NotBlank String baseUrl,
      @NotBlank String apiKey,
      @DefaultValue List<String> models,
      @DefaultValue("256") @Min(1) int maxConcurrentCalls,
      @DefaultValue("0") @Min(0) int requestsPerMinute,
      @DefaultValue("0") @Min(0) long tokensPerMinute,
      @DefaultValue("60s") Duration callTimeout,
      @DefaultValue("5s") Duration connectTimeout) {

    public Provider {
      models = List.copyOf(models);
    }

    @Override
    public String toString() {
      return "Provider[baseUrl=" + baseUrl + ", models=" + models + ", maxConcurrentCalls=" + maxConcurrentCalls
          + ", requestsPerMinute=" + requestsPerMinute + ", tokensPerMinute=" + tokensPerMinute + ", callTimeout="
          + callTimeout + ", enabled=" + enabled + "]";
    }
  }

  /**
   * The rule behind {@code model: "auto"} (see {@code routing.AutoRouter}): the strong route for a tenant tier in
   * {@code strongTiers}, a prompt of more than {@code maxCheapPromptTokens} estimated tokens, or a prompt with a
   * complexity signal (code, math, a multi-step ask); the cheap route otherwise.
   *
   * @param cheapRoute the route for short, simple prompts
   * @param strongRoute the route for long or complex prompts and strong tiers
   * @param maxCheapPromptTokens the longest prompt, in estimated tokens, the cheap route gets
   * @param tierKey the request metadata entry that carries the tenant's tier (ingress sets {@code sluice.tier} from the
   *     tenant's configuration; callers cannot)
   * @param strongTiers tiers that always get the strong route
   */
  public record Auto(
      @DefaultValue("cheap") @NotBlank String cheapRoute,
      @DefaultValue("strong") @NotBlank String strongRoute,
      @DefaultValue("1000") @Min(1) int maxCheapPromptTokens,
      @DefaultValue("sluice.tier") @NotBlank String tierKey,
      @DefaultValue({"premium", "enterprise"}) List<String> strongTiers) {

    public Auto {
      strongTiers = List.copyOf(strongTiers);
    }
  }

  /**
   * The circuit breaker of each provider: it opens when at least {@code failureRateThreshold} percent of the last
   * {@code slidingWindowSize} calls failed retryably (429, 5xx, timeouts, unreachable, unreadable answers) — once
   * {@code minimumNumberOfCalls} calls were made — and then lets no call through for {@code waitInOpenState}, after
   * which {@code permittedCallsInHalfOpenState} trial calls decide whether it closes again.
   */
  public record Breaker(
      @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
      @DefaultValue("20") @Min(1) int slidingWindowSize,
      @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
      @DefaultValue("30s") Duration waitInOpenState,
      @DefaultValue("3") @Min(1) int permittedCallsInHalfOpenState) {

    public Breaker {
      requirePositive(waitInOpenState, "sluice.worker.breaker.wait-in-open-state");
    }

    public BreakerPolicy policy() {
      return new BreakerPolicy(failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitInOpenState,
          permittedCallsInHalfOpenState);
    }
  }

  /**
   * Retries of retryable provider failures (429, 5xx, timeouts, connection failures, unreadable answers) on one
   * target; once they are used up the route's next target takes over with a fresh count.
   *
   * @param maxAttempts calls one request may make to one target, the first included; 1 turns retries off
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
