package dev.sluice.worker.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.worker.redis.RedisFallbacks;
import dev.sluice.worker.redis.RedisUnderTest;
import dev.sluice.worker.redis.WorkerRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedeliveryLedgerTest {

  private static final RedisUnderTest REDIS = RedisUnderTest.start();
  private static final WorkerRedis REPLICA_A = REDIS.connect();
  private static final WorkerRedis REPLICA_B = REDIS.connect();
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration DONE_TTL = Duration.ofHours(24);
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final Duration RECHECK = Duration.ofSeconds(1);
  /** Longer than deadline plus grace in most tests, so there the deadline bounds a claim. */
  private static final Duration LONG_LEASE = Duration.ofMinutes(5);

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final RedeliveryLedger replicaA = ledger(REPLICA_A, GRACE);
  private final RedeliveryLedger replicaB = ledger(REPLICA_B, GRACE);

  @AfterAll
  static void stop() {
    REDIS.close();
  }

  @BeforeEach
  void empty() {
    REDIS.inspect().flushall();
  }

  @Test
  void theFirstDeliveryClaimsTheRequestUntilItsDeadlineAndACopyDeliveredMeanwhileWaits() {
    Claim first = replicaA.claim("r-1", NOW.plusSeconds(10)).join();
    Claim copy = replicaB.claim("r-1", NOW.plusSeconds(10)).join();

    assertThat(first).isInstanceOfSatisfying(Claim.Claimed.class, claimed -> assertThat(claimed.checked()).isTrue());
    assertThat(copy).isEqualTo(new Claim.HeldElsewhere("r-1", RECHECK));
    // Until the deadline (10 s by the worker's clock) and the grace after it.
    assertThat(REDIS.inspect().pttl("sluice:worker:request:r-1")).isBetween(39_000L, 40_000L);
    assertThat(skips("held")).isEqualTo(1);
  }

  @Test
  void anAnsweredRequestIsNotWorkedOnAgainForADay() {
    Claim.Claimed claimed = (Claim.Claimed) replicaA.claim("r-2", NOW.plusSeconds(10)).join();
    replicaA.markDone(claimed).join();

    Claim redelivered = replicaB.claim("r-2", NOW.plusSeconds(10)).join();

    assertThat(redelivered).isEqualTo(new Claim.AlreadyDone("r-2"));
    assertThat(REDIS.inspect().get("sluice:worker:request:r-2")).isEqualTo("done");
    assertThat(REDIS.inspect().pttl("sluice:worker:request:r-2"))
        .isBetween(DONE_TTL.toMillis() - 60_000, DONE_TTL.toMillis());
    assertThat(skips("done")).isEqualTo(1);
  }

  @Test
  void aReleasedClaimLetsTheNextDeliveryGoAheadAtOnce() {
    Claim.Claimed handedBack = (Claim.Claimed) replicaA.claim("r-3", NOW.plusSeconds(10)).join();

    replicaA.release(handedBack).join();

    assertThat(replicaB.claim("r-3", NOW.plusSeconds(10)).join()).isInstanceOf(Claim.Claimed.class);
  }

  @Test
  void aClaimWhoseHolderDiedEndsAfterTheGraceAndItsStaleReleaseTouchesNoNewClaim() {
    Duration grace = Duration.ofSeconds(2);
    Duration longRecheck = Duration.ofSeconds(10);
    RedeliveryLedger holder = ledger(REPLICA_A, grace, longRecheck);
    RedeliveryLedger other = ledger(REPLICA_B, grace, longRecheck);
    Claim.Claimed died = (Claim.Claimed) holder.claim("r-4", NOW).join();

    Claim meanwhile = other.claim("r-4", NOW).join();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .until(() -> other.claim("r-4", NOW).join() instanceof Claim.Claimed);
    holder.release(died).join();

    assertThat(meanwhile).isInstanceOfSatisfying(Claim.HeldElsewhere.class,
        held -> assertThat(held.recheckAfter()).as("the claim's remaining time, shorter than the recheck interval")
            .isBetween(Duration.ofMillis(1), grace));
    assertThat(REDIS.inspect().get("sluice:worker:request:r-4")).startsWith("held:").doesNotContain(died.token());
  }

  @Test
  void aHandBackGivesUpTheClaimsInHandSoTheNextOwnerWorksOnThemAtOnce() {
    Claim.Claimed unfinished = (Claim.Claimed) replicaA.claim("r-6", NOW.plusSeconds(60)).join();
    Claim.Claimed answered = (Claim.Claimed) replicaA.claim("r-7", NOW.plusSeconds(60)).join();
    replicaA.markDone(answered).join();
    assertThat(replicaB.claim("r-6", NOW.plusSeconds(60)).join()).isInstanceOf(Claim.HeldElsewhere.class);

    int released = replicaA.handBack().join();

    assertThat(released).isEqualTo(1);
    assertThat(replicaA.claimsInHand()).isZero();
    assertThat(REDIS.inspect().exists("sluice:worker:request:r-6")).isZero();
    assertThat(replicaB.claim("r-6", NOW.plusSeconds(60)).join()).isInstanceOf(Claim.Claimed.class);
    assertThat(replicaB.claim("r-7", NOW.plusSeconds(60)).join()).isEqualTo(new Claim.AlreadyDone("r-7"));
    // the holder's own late give-up of the same claim touches nothing
    replicaA.release(unfinished).join();
    assertThat(REDIS.inspect().get("sluice:worker:request:r-6")).startsWith("held:").doesNotContain(unfinished.token());
  }

  @Test
  void afterAHandBackNothingIsClaimedAndNothingIsLeftHeld() {
    replicaA.handBack().join();

    assertThat(replicaA.claim("r-8", NOW.plusSeconds(60)).join()).isEqualTo(new Claim.HandedBack("r-8"));
    assertThat(REDIS.inspect().exists("sluice:worker:request:r-8")).isZero();
  }

  @Test
  void claimsAnsweredWhileAHandBackRunsAreGivenUpToo() {
    List<CompletableFuture<Claim>> claims = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      claims.add(replicaA.claim("busy-" + i, NOW.plusSeconds(60)));
      if (i == 150) {
        replicaA.handBack();
      }
    }
    claims.forEach(CompletableFuture::join);

    // Claims granted before the hand-back are given up by it, later ones as their answer arrives; none stays held.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(REDIS.inspect().keys("sluice:worker:request:busy-*")).isEmpty());
    assertThat(replicaA.claimsInHand()).isZero();
    assertThat(claims.get(299).join()).isEqualTo(new Claim.HandedBack("busy-299"));
  }

  @Test
  void aClaimWhoseHolderStillWorksAfterARebalanceEndsWithItsDoneMarkNotItsExpiry() {
    // the partition moved to B while A still works on the request: A keeps its claim, B rechecks every second
    Claim.Claimed oldOwner = (Claim.Claimed) replicaA.claim("r-9", NOW.plusSeconds(60)).join();
    Claim newOwnersFirstLook = replicaB.claim("r-9", NOW.plusSeconds(60)).join();

    replicaA.markDone(oldOwner).join();

    assertThat(newOwnersFirstLook).isEqualTo(new Claim.HeldElsewhere("r-9", RECHECK));
    assertThat(replicaB.claim("r-9", NOW.plusSeconds(60)).join()).isEqualTo(new Claim.AlreadyDone("r-9"));
  }

  @Test
  void aClaimLastsOneLeaseWhenTheDeadlineIsFurther() {
    RedeliveryLedger leasing = leasing(REPLICA_A, GRACE, Duration.ofSeconds(5), RECHECK);

    leasing.claim("r-10", NOW.plusSeconds(600)).join();

    assertThat(REDIS.inspect().pttl("sluice:worker:request:r-10")).isBetween(4_000L, 5_000L);
  }

  @Test
  void renewingExtendsTheHoldersOwnClaimsByALeaseAndNoOneElses() {
    RedeliveryLedger holder = leasing(REPLICA_A, GRACE, Duration.ofSeconds(5), RECHECK);
    holder.claim("r-11", NOW.plusSeconds(600)).join();
    holder.claim("r-12", NOW.plusSeconds(600)).join();
    // time passes for r-11; r-12's claim expired meanwhile and another holder took it
    REDIS.inspect().pexpire("sluice:worker:request:r-11", 1_000);
    REDIS.inspect().psetex("sluice:worker:request:r-12", 1_000, "held:someone-else");

    int renewed = holder.renewClaims().join();

    assertThat(renewed).isEqualTo(1);
    assertThat(REDIS.inspect().pttl("sluice:worker:request:r-11")).isBetween(4_000L, 5_000L);
    assertThat(REDIS.inspect().pttl("sluice:worker:request:r-12")).isLessThanOrEqualTo(1_000L);
    assertThat(REDIS.inspect().get("sluice:worker:request:r-12")).isEqualTo("held:someone-else");
  }

  @Test
  void renewingNeverExtendsAClaimPastItsDeadlineAndGrace() {
    RedeliveryLedger holder = leasing(REPLICA_A, Duration.ofSeconds(2), Duration.ofSeconds(60), RECHECK);
    holder.claim("r-13", NOW).join();

    holder.renewClaims().join();

    assertThat(REDIS.inspect().pttl("sluice:worker:request:r-13")).isBetween(1L, 2_000L);
  }

  @Test
  void aLiveHolderKeepsItsClaimAndADeadOneLosesItWithinALease() {
    Duration lease = Duration.ofMillis(1_500);
    RedeliveryLedger holder = leasing(REPLICA_A, GRACE, lease, RECHECK);
    RedeliveryLedger other = leasing(REPLICA_B, GRACE, lease, RECHECK);
    ClaimRenewal renewal = new ClaimRenewal(holder, lease.dividedBy(3));
    renewal.start();
    try {
      holder.claim("r-14", NOW.plusSeconds(600)).join();

      // four leases long, the claim lives on while its holder renews it
      await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .until(() -> other.claim("r-14", NOW.plusSeconds(600)).join() instanceof Claim.HeldElsewhere);
    } finally {
      renewal.stop();
    }
    // the holder "dies": no more renewals, and the next delivery gets the request once the lease runs out
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> other.claim("r-14", NOW.plusSeconds(600)).join() instanceof Claim.Claimed);
  }

  @Test
  void twoReplicasClaimingTheSameRequestsAtOnceNeverBothGetOne() {
    List<CompletableFuture<Claim>> fromA = new ArrayList<>();
    List<CompletableFuture<Claim>> fromB = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      fromA.add(replicaA.claim("race-" + i, NOW.plusSeconds(10)));
      fromB.add(replicaB.claim("race-" + i, NOW.plusSeconds(10)));
    }

    for (int i = 0; i < 200; i++) {
      boolean aClaimed = fromA.get(i).join() instanceof Claim.Claimed;
      boolean bClaimed = fromB.get(i).join() instanceof Claim.Claimed;
      assertThat(aClaimed ^ bClaimed).as("exactly one replica claimed race-%d", i).isTrue();
    }
  }

  @Test
  void withoutRedisRequestsGoAheadUncheckedAndAreCounted() throws IOException {
    try (WorkerRedis unreachable = WorkerRedis.create(RedisUnderTest.settings("redis://127.0.0.1:" + closedPort()))) {
      RedeliveryLedger ledger = ledger(unreachable, GRACE);

      Claim claim = ledger.claim("r-5", NOW.plusSeconds(10)).join();
      ledger.markDone((Claim.Claimed) claim).join();
      ledger.release((Claim.Claimed) claim).join();

      assertThat(claim).isInstanceOfSatisfying(Claim.Claimed.class,
          claimed -> assertThat(claimed.checked()).isFalse());
      assertThat(registry.counter(RedisFallbacks.METER, "use", "redelivery").count())
          .as("the claim and the done mark; an unchecked claim has nothing to release").isEqualTo(2);
    }
  }

  private RedeliveryLedger ledger(WorkerRedis redis, Duration grace) {
    return ledger(redis, grace, RECHECK);
  }

  private RedeliveryLedger ledger(WorkerRedis redis, Duration grace, Duration recheck) {
    return leasing(redis, grace, LONG_LEASE, recheck);
  }

  private RedeliveryLedger leasing(WorkerRedis redis, Duration grace, Duration lease, Duration recheck) {
    return new RedeliveryLedger(redis, DONE_TTL, grace, lease, recheck, CLOCK, new RedisFallbacks(registry),
        registry);
  }

  private double skips(String reason) {
    return registry.counter(RedeliveryLedger.SKIPS, "reason", reason).count();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
