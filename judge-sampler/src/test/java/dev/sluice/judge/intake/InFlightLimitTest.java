package dev.sluice.judge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

  private final InFlightLimit limit = new InFlightLimit(2);

  @Test
  void countsTakenSlots() throws InterruptedException {
    limit.acquire();
    limit.acquire();

    assertThat(limit.inFlight()).isEqualTo(2);
    limit.release();
    assertThat(limit.inFlight()).isEqualTo(1);
  }

  @Test
  void makesTheNextCallWaitUntilASlotIsFree() throws InterruptedException {
    limit.acquire();
    limit.acquire();

    CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
      try {
        limit.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertThat(third).isNotDone();
    limit.release();
    await().atMost(Duration.ofSeconds(5)).until(third::isDone);
    assertThat(limit.inFlight()).isEqualTo(2);
  }

  @Test
  void rejectsABoundBelowOne() {
    assertThatThrownBy(() -> new InFlightLimit(0)).hasMessageContaining("sluice.judge.max-in-flight");
  }
}
