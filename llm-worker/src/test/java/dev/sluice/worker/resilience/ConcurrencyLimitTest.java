package dev.sluice.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

  @Test
  void refusesBeyondItsLimitAndTakesCallsAgainAfterARelease() {
    ConcurrencyLimit limit = new ConcurrencyLimit(2);

    assertThat(limit.tryAcquire()).isTrue();
    assertThat(limit.tryAcquire()).isTrue();
    assertThat(limit.tryAcquire()).isFalse();
    assertThat(limit.inUse()).isEqualTo(2);
    limit.release();
    assertThat(limit.tryAcquire()).isTrue();
  }

  @Test
  void aWaiterIsWokenByAReleaseOneAtATimeInOrder() {
    ConcurrencyLimit limit = new ConcurrencyLimit(1);
    limit.tryAcquire();

    CompletableFuture<Void> first = limit.slotFreed();
    CompletableFuture<Void> second = limit.slotFreed();
    assertThat(first).isNotDone();

    limit.release();
    assertThat(first).isCompleted();
    assertThat(second).isNotDone();
  }

  @Test
  void aWaiterThatGaveUpIsSkipped() {
    ConcurrencyLimit limit = new ConcurrencyLimit(1);
    limit.tryAcquire();
    CompletableFuture<Void> gaveUp = limit.slotFreed();
    CompletableFuture<Void> stillWaiting = limit.slotFreed();

    gaveUp.complete(null);
    limit.release();

    assertThat(stillWaiting).isCompleted();
    assertThat(limit.waiting()).isZero();
  }

  @Test
  void aWaiterArrivingWhileASlotIsFreeIsWokenAtOnce() {
    ConcurrencyLimit limit = new ConcurrencyLimit(1);

    assertThat(limit.slotFreed()).isCompleted();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new ConcurrencyLimit(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
