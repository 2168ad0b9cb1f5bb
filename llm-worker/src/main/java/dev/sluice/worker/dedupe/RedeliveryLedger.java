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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A short-lived record per requestId in Redis, so a redelivered request is not sent to a provider again.
 *
 * <p>Kafka redelivers a request whose offset was not committed: after a crash, or after a rebalance moved its
 * partition while the old owner was still working on it. Two marks prevent a second provider call:
 * <ul>
 *   <li><b>done</b>, set once the request's Completion is published and kept for {@code doneTtl} (a day by default,
 *       far longer than any redelivery takes): a redelivery finds it and is acknowledged without a call;</li>
 *   <li><b>held</b>, a claim taken with {@code SET NX PX} before working on the request: a copy delivered elsewhere
 *       meanwhile finds it and waits instead of calling too. A claim is a lease of {@code claimLease} that its holder
 *       renews while it works on the request ({@link #renewClaims}), never past the request's deadline (after which
 *       no call may start anyway) plus {@code claimGrace} for publishing. So a holder that dies (kill -9, a lost
 *       machine) keeps its requests from their next delivery for at most a lease; that delivery then calls again,
 *       as the dead holder's call may never have been answered.</li>
 * </ul>
 * A claim this instance holds is given up ({@link #release}) when its request is handed back unfinished, so the next
 * delivery need not wait for it to expire: one by one when publishing fails, all at once ({@link #handBack}) when a
 * shutdown outlasts its drain timeout. A claim is kept while its holder still works on the request, also after a
 * rebalance moved the request's partition away: the new owner's delivery rechecks every {@code recheckInterval} and
 * finds the request done, with no second call.
 *
 * <p>What is left: a crash between publishing the Completion and setting the done mark repeats the call (the mark
 * cannot be written in the same transaction as the Kafka records); so does a crash during a call, whose own usage is
 * then never published; and a holder whose renewals fail for a whole lease (Redis away, a very long pause) may see
 * its request called again elsewhere. Duplicate Completions can reach the topic that way (the output guard answers
 * once); each billed call that is published has its own callId, so costs stay exact.
 *
 * <p>When Redis cannot be reached the request goes ahead unchecked (counted in {@link RedisFallbacks#METER} with
 * {@code use=redelivery}): a rare repeated call costs less than holding every request until Redis returns.
 */
public final class RedeliveryLedger {

  static final String SKIPS = "sluice.worker.redelivery.skips";
  static final String DONE = "done";

  private static final LuaScript CLAIM = LuaScript.load(RedeliveryLedger.class, "claim.lua");
  private static final LuaScript RELEASE = LuaScript.load(RedeliveryLedger.class, "release.lua");
  private static final LuaScript RENEW = LuaScript.load(RedeliveryLedger.class, "renew.lua");

  private final WorkerRedis redis;
  private final Duration doneTtl;
  private final Duration claimGrace;
  private final Duration claimLease;
  private final Duration recheckInterval;
  private final Clock clock;
  private final RedisFallbacks fallbacks;
  private final MeterRegistry registry;
  /**
   * The claims this instance holds, with their requests' deadlines (checked ones only: an unchecked claim has no
   * record to renew or give up).
   */
  private final Map<Claim.Claimed, Instant> inHand = new ConcurrentHashMap<>();
  private volatile boolean handingBack;

  /**
   * @param doneTtl how long a done mark is kept
   * @param claimGrace how long a claim outlives the request's deadline, for the holder to publish its outcome
   * @param claimLease how long a claim lasts unless its holder renews it ({@link #renewClaims}); shorter than
   *     {@code claimGrace} past the deadline, it bounds how long a dead holder keeps a request from its next delivery
   * @param recheckInterval the longest a request held elsewhere waits before it is claimed again
   */
  public RedeliveryLedger(WorkerRedis redis, Duration doneTtl, Duration claimGrace, Duration claimLease,
      Duration recheckInterval, Clock clock, RedisFallbacks fallbacks, MeterRegistry registry) {
    this.redis = redis;
    this.doneTtl = doneTtl;
    this.claimGrace = claimGrace;
    this.claimLease = claimLease;
    this.recheckInterval = recheckInterval;
    this.clock = clock;
    this.fallbacks = fallbacks;
    this.registry = registry;
  }

  /**
   * Claims {@code requestId} before any provider call for it.
   *
   * @return never fails: a Redis failure yields an unchecked {@link Claim.Claimed}; once this instance is handing
   *     its work back, {@link Claim.HandedBack}
   */
  public CompletableFuture<Claim> claim(String requestId, Instant deadline) {
    if (handingBack) {
      return CompletableFuture.completedFuture(new Claim.HandedBack(requestId));
    }
    String token = UUID.randomUUID().toString();
    long ttlMs = Math.max(1, claimTtl(deadline).toMillis());
    return redis.commands()
        .thenCompose(commands -> CLAIM.<List<Object>>run(commands, ScriptOutputType.MULTI,
            new String[] {key(requestId)}, token, Long.toString(ttlMs)))
        .thenApply(reply -> claim(requestId, token, deadline, reply))
        .exceptionally(error -> {
          fallbacks.record("redelivery", "requests are worked on without checking for an earlier delivery", error);
          return handingBack ? new Claim.HandedBack(requestId) : new Claim.Claimed(requestId, token, false);
        });
  }

  /**
   * Marks the claimed request answered; call it once its Completion is published (whatever its status), which also
   * ends its claim.
   *
   * @return never fails: a Redis failure leaves the request unmarked (a redelivery would call again)
   */
  public CompletableFuture<Void> markDone(Claim.Claimed claim) {
    inHand.remove(claim);
    return redis.commands()
        .thenCompose(commands -> commands.set(key(claim.requestId()), DONE, SetArgs.Builder.px(doneTtl)))
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
    if (inHand.remove(claim) == null) {
      // unchecked, or given up already (by handBack)
      return CompletableFuture.completedFuture(null);
    }
    return releaseRecord(claim);
  }

  /**
   * Hands back all unfinished work, for a shutdown that outlasts its drain timeout: gives up every claim this
   * instance holds, and from now on answers every claim with {@link Claim.HandedBack}. Work still running may yet
   * publish an answer and mark its request done; if the next owner called meanwhile, both calls are billed and
   * counted and the output guard answers once.
   *
   * @return the number of claims given up, once Redis has answered for all of them; never fails
   */
  public CompletableFuture<Integer> handBack() {
    handingBack = true;
    List<CompletableFuture<Void>> released = List.copyOf(inHand.keySet()).stream()
        .filter(claim -> inHand.remove(claim) != null)
        .map(this::releaseRecord)
        .toList();
    return CompletableFuture.allOf(released.toArray(CompletableFuture[]::new)).thenApply(done -> released.size());
  }

  /**
   * Extends every claim this instance holds by another lease (never past its request's deadline plus the grace), so
   * that a claim lives as long as its holder works on it, and ends soon after a holder dies. Call it well within a
   * lease, e.g. every third of one.
   *
   * @return the number of claims extended, once Redis has answered for all; never fails (a claim that could not be
   *     extended may expire while its holder still works, and a redelivery elsewhere may then call again)
   */
  public CompletableFuture<Integer> renewClaims() {
    List<CompletableFuture<Boolean>> renewals = inHand.entrySet().stream()
        .map(held -> renew(held.getKey(), held.getValue()))
        .toList();
    return CompletableFuture.allOf(renewals.toArray(CompletableFuture[]::new))
        .thenApply(done -> (int) renewals.stream().filter(CompletableFuture::join).count());
  }

  /** Whether {@link #handBack} was called: this instance is shutting down and starts no request. */
  public boolean handingBack() {
    return handingBack;
  }

  /** Claims this instance holds now. */
  public int claimsInHand() {
    return inHand.size();
  }

  private CompletableFuture<Void> releaseRecord(Claim.Claimed claim) {
    return redis.commands()
        .thenCompose(commands -> RELEASE.<Long>run(commands, ScriptOutputType.INTEGER,
            new String[] {key(claim.requestId())}, claim.token()))
        .<Void>thenApply(released -> null)
        .exceptionally(error -> {
          fallbacks.record("redelivery", "a claim is left to expire", error);
          return null;
        });
  }

  private CompletableFuture<Boolean> renew(Claim.Claimed claim, Instant deadline) {
    long ttlMs = claimTtl(deadline).toMillis();
    if (ttlMs <= 0) {
      // past the deadline and its grace: the claim is left to end
      return CompletableFuture.completedFuture(false);
    }
    return redis.commands()
        .thenCompose(commands -> RENEW.<Long>run(commands, ScriptOutputType.INTEGER,
            new String[] {key(claim.requestId())}, claim.token(), Long.toString(ttlMs)))
        .thenApply(renewed -> renewed == 1L)
        .exceptionally(error -> {
          fallbacks.record("redelivery", "a claim is not renewed and may expire while its request is in work",
              error);
          return false;
        });
  }

  /** A lease, or less where the request's deadline plus the grace comes sooner; negative once that has passed. */
  private Duration claimTtl(Instant deadline) {
    Duration untilEnd = Duration.between(clock.instant(), deadline).plus(claimGrace);
    return untilEnd.compareTo(claimLease) < 0 ? untilEnd : claimLease;
  }

  private Claim claim(String requestId, String token, Instant deadline, List<Object> reply) {
    String state = (String) reply.get(0);
    return switch (state) {
      case "claimed" -> held(new Claim.Claimed(requestId, token, true), deadline);
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

  /**
   * Keeps the new claim in hand, unless a hand-back began meanwhile: then the claim is given up at once. Whichever of
   * this and {@link #handBack} removes it from the set releases it, so none is missed and none released twice.
   */
  private Claim held(Claim.Claimed claim, Instant deadline) {
    inHand.put(claim, deadline);
    if (handingBack) {
      if (inHand.remove(claim) != null) {
        releaseRecord(claim);
      }
      return new Claim.HandedBack(claim.requestId());
    }
    return claim;
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
