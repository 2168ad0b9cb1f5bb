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
    replicaA.markDone(claimed.requestId()).join();

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
      ledger.markDone("r-5").join();
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
    return new RedeliveryLedger(redis, DONE_TTL, grace, recheck, CLOCK, new RedisFallbacks(registry), registry);
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
