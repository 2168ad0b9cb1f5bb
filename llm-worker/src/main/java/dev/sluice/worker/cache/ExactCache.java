package dev.sluice.worker.cache;

import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.TokenUsage;
import dev.sluice.worker.redis.LuaScript;
import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.WorkerRedis;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers a request again from Redis when the same tenant asked the same model the same thing with the same
 * parameters ({@link ExactCacheKey}) within the TTL.
 *
 * <p>Which requests use it: a request's {@code cachePolicy} DEFAULT reads and writes it, BYPASS neither reads nor
 * writes it. By default only deterministic requests (temperature 0) are cached: a sampled answer served again would
 * silently turn a request for variety into a repeat.
 *
 * <p>A Redis failure is a miss (lookups) or a skipped write, counted in {@link RedisFallbacks#METER} with
 * {@code use=cache}: the request is answered by the provider instead.
 */
public final class ExactCache {

  static final String LOOKUPS = "sluice.worker.cache.lookups";
  static final String STORES = "sluice.worker.cache.stores";
  static final String TOKENS_SAVED = "sluice.worker.cache.tokens.saved";

  private static final LuaScript STORE = LuaScript.load(ExactCache.class, "store.lua");

  private final WorkerRedis redis;
  private final ExactCacheProperties settings;
  private final RedisFallbacks fallbacks;
  private final MeterRegistry registry;

  public ExactCache(WorkerRedis redis, ExactCacheProperties settings, RedisFallbacks fallbacks,
      MeterRegistry registry) {
    this.redis = redis;
    this.settings = settings;
    this.fallbacks = fallbacks;
    this.registry = registry;
  }

  /**
   * The answer cached for {@code request}, if any; empty when it is not in the cache or may not use it.
   *
   * @return never fails: a Redis failure is a miss
   */
  public CompletableFuture<Optional<CachedAnswer>> lookup(ChatRequest request) {
    Use use = use(request);
    if (use != Use.CACHEABLE) {
      lookups(use.tag).increment();
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return redis.commands()
        .thenCompose(commands -> commands.hgetall(key(request)))
        .thenApply(entry -> {
          Optional<CachedAnswer> answer = answer(entry, request.getTenantId());
          lookups(answer.isPresent() ? "hit" : "miss").increment();
          answer.ifPresent(hit -> Counter.builder(TOKENS_SAVED)
              .description("Provider tokens (input and output) the exact cache's hits did not spend")
              .register(registry)
              .increment(hit.usage().getInputTokens() + hit.usage().getOutputTokens()));
          return answer;
        })
        .exceptionally(error -> {
          fallbacks.record("cache", "the exact cache is a miss", error);
          lookups("error").increment();
          return Optional.empty();
        });
  }

  /**
   * Keeps the provider's answer to {@code request} for the TTL, if the request may use the cache. Call it with
   * answers the provider completed (status OK) only.
   *
   * @return never fails: a Redis failure leaves the answer uncached
   */
  public CompletableFuture<Void> store(ChatRequest request, CachedAnswer answer) {
    if (use(request) != Use.CACHEABLE) {
      return CompletableFuture.completedFuture(null);
    }
    List<String> args = new ArrayList<>(20);
    args.add(Long.toString(settings.ttl().toMillis()));
    add(args, "tenant", request.getTenantId());
    add(args, "content", answer.content());
    if (answer.finishReason() != null) {
      add(args, "finish_reason", answer.finishReason());
    }
    add(args, "model", answer.model());
    add(args, "provider", answer.provider());
    TokenUsage usage = answer.usage();
    add(args, "input_tokens", Long.toString(usage.getInputTokens()));
    add(args, "output_tokens", Long.toString(usage.getOutputTokens()));
    add(args, "cached_input_tokens", Long.toString(usage.getCachedInputTokens()));
    add(args, "reasoning_tokens", Long.toString(usage.getReasoningTokens()));
    return redis.commands()
        .thenCompose(commands -> STORE.<Long>run(commands, ScriptOutputType.INTEGER, new String[] {key(request)},
            args.toArray(String[]::new)))
        .<Void>thenApply(stored -> {
          Counter.builder(STORES)
              .description("Answers written to the exact cache")
              .register(registry)
              .increment();
          return null;
        })
        .exceptionally(error -> {
          fallbacks.record("cache", "an answer is not cached", error);
          return null;
        });
  }

  /** Whether {@code request} may read and write the cache, and if not, why. */
  Use use(ChatRequest request) {
    if (!settings.enabled()) {
      return Use.DISABLED;
    }
    // Every policy is decided here; a symbol added to CachePolicy does not compile until it is.
    return switch (request.getCachePolicy()) {
      case BYPASS -> Use.BYPASS;
      case DEFAULT -> settings.deterministicOnly() && !deterministic(request.getParams())
          ? Use.NOT_DETERMINISTIC
          : Use.CACHEABLE;
    };
  }

  String key(ChatRequest request) {
    return redis.key("cache", "exact", request.getTenantId(), ExactCacheKey.of(request));
  }

  private static boolean deterministic(ChatParams params) {
    return params.getTemperature() != null && params.getTemperature() == 0.0;
  }

  /** An entry missing a field, or written for another tenant (a hash collision), is a miss. */
  private static Optional<CachedAnswer> answer(Map<String, String> entry, String tenantId) {
    if (entry.isEmpty() || !tenantId.equals(entry.get("tenant")) || entry.get("content") == null
        || entry.get("model") == null || entry.get("provider") == null) {
      return Optional.empty();
    }
    TokenUsage usage = TokenUsage.newBuilder()
        .setInputTokens(count(entry, "input_tokens"))
        .setOutputTokens(count(entry, "output_tokens"))
        .setCachedInputTokens(count(entry, "cached_input_tokens"))
        .setReasoningTokens(count(entry, "reasoning_tokens"))
        .build();
    return Optional.of(new CachedAnswer(entry.get("content"), entry.get("finish_reason"), entry.get("model"),
        entry.get("provider"), usage));
  }

  private static long count(Map<String, String> entry, String field) {
    String value = entry.get(field);
    return value == null ? 0 : Long.parseLong(value);
  }

  private static void add(List<String> args, String field, String value) {
    args.add(field);
    args.add(value);
  }

  private Counter lookups(String result) {
    return Counter.builder(LOOKUPS)
        .description("Exact cache lookups by result: hit, miss, bypass (the request asked), not_deterministic, "
            + "disabled, error (Redis failed)")
        .tags("cache", "exact", "result", result)
        .register(registry);
  }

  /** Whether a request uses the cache, and the lookup's metric tag when it does not. */
  enum Use {
    CACHEABLE("cacheable"),
    DISABLED("disabled"),
    BYPASS("bypass"),
    NOT_DETERMINISTIC("not_deterministic");

    private final String tag;

    Use(String tag) {
      this.tag = tag;
    }
  }
}
