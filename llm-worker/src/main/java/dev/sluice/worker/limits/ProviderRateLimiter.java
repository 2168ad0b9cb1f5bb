package dev.sluice.worker.limits;

import dev.sluice.worker.redis.LuaScript;
import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.WorkerRedis;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The providers' request and token limits, shared by every worker replica through token buckets in Redis. Each ask
 * is one atomic script run by Redis's clock, so replicas with skewed clocks still share one limit.
 *
 * <p>An ask never blocks and never waits: it is given a slot ({@link Admission.Granted}, perhaps to start after a
 * wait, which the caller schedules rather than sleeps through) or, when the slot would come later than the caller can
 * wait, refused with nothing taken ({@link Admission.Refused}). Slots are handed out in the order asked, so callers
 * queue behind each other instead of all asking again whenever a token comes back.
 *
 * <p>When Redis cannot be reached, calls go ahead unchecked (fail open), counted in {@link RedisFallbacks#METER} with
 * {@code use=limits}: the providers enforce their own limits and the worker retries their 429s with backoff, whereas
 * failing closed would turn a Redis outage into every request waiting out its deadline.
 */
public final class ProviderRateLimiter {

  static final String WAITS = "sluice.worker.limits.waits";
  static final String REQUESTS = "requests";
  static final String TOKENS = "tokens";

  private static final LuaScript BUCKETS = LuaScript.load(ProviderRateLimiter.class, "token-buckets.lua");

  private final WorkerRedis redis;
  private final Map<String, ProviderLimit> limits;
  private final RedisFallbacks fallbacks;
  private final MeterRegistry registry;

  /** @param limits by provider name; a provider with no entry is not limited */
  public ProviderRateLimiter(WorkerRedis redis, Map<String, ProviderLimit> limits, RedisFallbacks fallbacks,
      MeterRegistry registry) {
    this.redis = redis;
    this.limits = Map.copyOf(limits);
    this.fallbacks = fallbacks;
    this.registry = registry;
  }

  /**
   * Asks for one call to {@code provider}.
   *
   * @param estimatedTokens the tokens the call is expected to count ({@link TokenEstimator}); an estimate above the
   *     whole token limit is taken as the whole limit, so such a call waits for a full bucket instead of forever
   * @param maxWait the longest the caller can wait for its slot, e.g. the time left before the request's deadline less
   *     the time a call needs
   * @return never fails: a Redis failure grants an unchecked permit
   */
  public CompletableFuture<Admission> acquire(String provider, long estimatedTokens, Duration maxWait) {
    ProviderLimit limit = limits.get(provider);
    if (limit == null || limit.limitsNothing()) {
      return CompletableFuture.completedFuture(new Admission.Granted(Permit.unchecked(provider)));
    }
    List<Take> takes = new ArrayList<>(2);
    limit.requests().ifPresent(bucket -> takes.add(new Take(REQUESTS, bucket, 1)));
    long tokens = limit.tokens().map(bucket -> Math.min(Math.max(estimatedTokens, 0), bucket.capacity())).orElse(0L);
    limit.tokens().ifPresent(bucket -> takes.add(new Take(TOKENS, bucket, tokens)));
    long maxWaitMs = Math.max(0, maxWait.toMillis());
    return run(provider, takes, maxWaitMs, false)
        .thenApply(reply -> admission(provider, takes, tokens, reply))
        .exceptionally(error -> {
          fallbacks.record("limits", "calls go ahead without the shared provider limits", error);
          return new Admission.Granted(Permit.unchecked(provider));
        });
  }

  /**
   * Settles the token limit once the provider has reported what the call counted: gives back what was over-estimated,
   * or takes what was under-estimated (which may leave later calls waiting longer). A call the provider never
   * counted (refused, never made) is settled with 0, giving back its whole estimate; its request stays counted.
   *
   * @param countedTokens {@link TokenEstimator#counted} of the reported usage
   * @return never fails: a Redis failure leaves the estimate in place
   */
  public CompletableFuture<Void> correct(Permit permit, long countedTokens) {
    ProviderLimit limit = limits.get(permit.provider());
    long difference = countedTokens - permit.tokens();
    if (!permit.enforced() || limit == null || limit.tokens().isEmpty() || difference == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return run(permit.provider(), List.of(new Take(TOKENS, limit.tokens().get(), difference)), 0, true)
        .<Void>thenApply(reply -> null)
        .exceptionally(error -> {
          fallbacks.record("limits", "the token limit keeps the estimate instead of the reported usage", error);
          return null;
        });
  }

  private CompletableFuture<List<Object>> run(String provider, List<Take> takes, long maxWaitMs, boolean force) {
    String[] keys = new String[takes.size()];
    List<String> args = new ArrayList<>(2 + 3 * takes.size());
    args.add(Long.toString(maxWaitMs));
    args.add(force ? "1" : "0");
    for (int i = 0; i < takes.size(); i++) {
      Take take = takes.get(i);
      // The braces make both of a provider's buckets one Redis Cluster hash slot, as one script must.
      keys[i] = redis.key("limit", "{" + provider + "}", take.limit());
      args.add(Long.toString(take.bucket().capacity()));
      args.add(Long.toString(take.bucket().period().toMillis()));
      args.add(Long.toString(take.amount()));
    }
    return redis.commands().thenCompose(commands ->
        BUCKETS.<List<Object>>run(commands, ScriptOutputType.MULTI, keys, args.toArray(String[]::new)));
  }

  private Admission admission(String provider, List<Take> takes, long tokens, List<Object> reply) {
    boolean granted = (Long) reply.get(0) == 1L;
    Duration wait = Duration.ofMillis((Long) reply.get(1));
    int limiting = ((Long) reply.get(2)).intValue();
    Instant redisNow = Instant.ofEpochMilli((Long) reply.get(3));
    if (!wait.isZero()) {
      waits(provider, takes.get(limiting - 1).limit(), granted ? "delayed" : "refused").increment();
    }
    if (!granted) {
      return new Admission.Refused(provider, takes.get(limiting - 1).limit(), wait);
    }
    return new Admission.Granted(new Permit(provider, tokens, wait, Optional.of(redisNow.plus(wait)), true));
  }

  private Counter waits(String provider, String limit, String outcome) {
    return Counter.builder(WAITS)
        .description("Provider calls the shared limits made wait for a later slot, or refused for want of time")
        .tags("provider", provider, "limit", limit, "outcome", outcome)
        .register(registry);
  }

  /** What one ask takes from one of a provider's buckets. */
  private record Take(String limit, BucketLimit bucket, long amount) {
  }
}
