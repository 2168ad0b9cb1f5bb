package dev.sluice.worker.dedupe;

import dev.sluice.worker.redis.LuaScript;
import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.WorkerRedis;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A short-lived record per requestId in Redis, so a redelivered request is not sent to a provider again.
 *
 * <p>Kafka redelivers a request whose offset was not committed: after a crash, or after a rebalance moved its
 * partition while the old owner was still working on it. Two marks prevent a second provider call:
 * <ul>
 *   <li><b>done</b>, set once the request's Completion is published and kept for {@code doneTtl} (a day by default,
 *       far longer than any redelivery takes): a redelivery finds it and is acknowledged without a call;</li>
 *   <li><b>held</b>, a claim taken with {@code SET NX PX} before working on the request: a copy delivered elsewhere
 *       meanwhile finds it and waits instead of calling too. A claim lasts until the request's deadline (after which
 *       no call may start anyway) plus {@code claimGrace} for publishing, so a holder that dies does not block its
 *       request for longer than the request could live.</li>
 * </ul>
 * What is left: a crash between publishing the Completion and setting the done mark still repeats the call (the mark
 * cannot be written in the same transaction as the Kafka records). Duplicate Completions can still reach the topic
 * that way; each billed call has its own callId, so costs stay exact.
 *
 * <p>When Redis cannot be reached the request goes ahead unchecked (counted in {@link RedisFallbacks#METER} with
 * {@code use=redelivery}): a rare repeated call costs less than holding every request until Redis returns.
 */
public final class RedeliveryLedger {

  static final String SKIPS = "sluice.worker.redelivery.skips";
  static final String DONE = "done";

  private static final LuaScript CLAIM = LuaScript.load(RedeliveryLedger.class, "claim.lua");
  private static final LuaScript RELEASE = LuaScript.load(RedeliveryLedger.class, "release.lua");

  private final WorkerRedis redis;
  private final Duration doneTtl;
  private final Duration claimGrace;
  private final Duration recheckInterval;
  private final Clock clock;
  private final RedisFallbacks fallbacks;
  private final MeterRegistry registry;

  /**
   * @param doneTtl how long a done mark is kept
   * @param claimGrace how long a claim outlives the request's deadline, for the holder to publish its outcome
   * @param recheckInterval the longest a request held elsewhere waits before it is claimed again
   */
  public RedeliveryLedger(WorkerRedis redis, Duration doneTtl, Duration claimGrace, Duration recheckInterval,
      Clock clock, RedisFallbacks fallbacks, MeterRegistry registry) {
    this.redis = redis;
    this.doneTtl = doneTtl;
    this.claimGrace = claimGrace;
    this.recheckInterval = recheckInterval;
    this.clock = clock;
    this.fallbacks = fallbacks;
    this.registry = registry;
  }

  /**
   * Claims {@code requestId} before any provider call for it.
   *
   * @return never fails: a Redis failure yields an unchecked {@link Claim.Claimed}
   */
  public CompletableFuture<Claim> claim(String requestId, Instant deadline) {
    String token = UUID.randomUUID().toString();
    Duration untilDeadline = Duration.between(clock.instant(), deadline);
    long ttlMs = Math.max(1, (untilDeadline.isNegative() ? Duration.ZERO : untilDeadline).plus(claimGrace).toMillis());
    return redis.commands()
        .thenCompose(commands -> CLAIM.<List<Object>>run(commands, ScriptOutputType.MULTI,
            new String[] {key(requestId)}, token, Long.toString(ttlMs)))
        .thenApply(reply -> claim(requestId, token, reply))
        .exceptionally(error -> {
          fallbacks.record("redelivery", "requests are worked on without checking for an earlier delivery", error);
          return new Claim.Claimed(requestId, token, false);
        });
  }

  /**
   * Marks {@code requestId} answered; call it once its Completion is published (whatever its status), which also
   * ends its claim.
   *
   * @return never fails: a Redis failure leaves the request unmarked (a redelivery would call again)
   */
  public CompletableFuture<Void> markDone(String requestId) {
    return redis.commands()
        .thenCompose(commands -> commands.set(key(requestId), DONE, SetArgs.Builder.px(doneTtl)))
        .<Void>thenApply(ok -> null)
        .exceptionally(error -> {
          fallbacks.record("redelivery", "an answered request is not marked done", error);
          return null;
        });
  }

  /**
   * Gives up a claim without an answer (the request is handed back unfinished, e.g. on shutdown), so the next
   * delivery need not wait for the claim to expire. Does nothing to a claim that is no longer this one.
   *
   * @return never fails: a Redis failure leaves the claim to expire
   */
  public CompletableFuture<Void> release(Claim.Claimed claim) {
    if (!claim.checked()) {
      return CompletableFuture.completedFuture(null);
    }
    return redis.commands()
        .thenCompose(commands -> RELEASE.<Long>run(commands, ScriptOutputType.INTEGER,
            new String[] {key(claim.requestId())}, claim.token()))
        .<Void>thenApply(released -> null)
        .exceptionally(error -> {
          fallbacks.record("redelivery", "a claim is left to expire", error);
          return null;
        });
  }

  private Claim claim(String requestId, String token, List<Object> reply) {
    String state = (String) reply.get(0);
    return switch (state) {
      case "claimed" -> new Claim.Claimed(requestId, token, true);
      case DONE -> {
        skipped(DONE);
        yield new Claim.AlreadyDone(requestId);
      }
      case "held" -> {
        skipped("held");
        Duration left = Duration.ofMillis(Math.max(1, (Long) reply.get(1)));
        yield new Claim.HeldElsewhere(requestId, left.compareTo(recheckInterval) < 0 ? left : recheckInterval);
      }
      default -> throw new IllegalStateException("unexpected claim state " + state);
    };
  }

  private void skipped(String reason) {
    Counter.builder(SKIPS)
        .description("Deliveries of a request not sent to a provider: answered already (done) or in work elsewhere "
            + "(held)")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private String key(String requestId) {
    return redis.key("request", requestId);
  }
}
