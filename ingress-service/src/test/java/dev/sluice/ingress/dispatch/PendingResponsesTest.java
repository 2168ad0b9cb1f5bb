package dev.sluice.ingress.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.ResponseStatus;
import dev.sluice.ingress.dispatch.PendingResponses.Admission;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingResponsesTest {

  private static final Duration LONG = Duration.ofMinutes(5);

  private static ChatResponse ok(String requestId, String tenantId) {
    return ChatResponse.newBuilder()
        .setRequestId(requestId)
        .setTenantId(tenantId)
        .setStatus(ResponseStatus.OK)
        .setContent("hi")
        .setRespondedAt(Instant.EPOCH)
        .build();
  }

  @Test
  void completesTheWaitingCallerAndForgetsIt() {
    PendingResponses pending = new PendingResponses(10);
    Admission admission = pending.admit("r-1", "demo", LONG).orElseThrow();

    assertThat(admission.first()).isTrue();
    assertThat(pending.size()).isEqualTo(1);
    assertThat(pending.complete(ok("r-1", "demo"))).isTrue();

    assertThat(admission.response()).isCompletedWithValueMatching(r -> r.getContent().equals("hi"));
    assertThat(pending.size()).isZero();
    assertThat(pending.complete(ok("r-1", "demo"))).isFalse();
  }

  @Test
  void ignoresResponsesNoCallerHereWaitsFor() {
    PendingResponses pending = new PendingResponses(10);
    Admission admission = pending.admit("r-1", "demo", LONG).orElseThrow();

    assertThat(pending.complete(ok("r-other", "demo"))).isFalse();
    assertThat(admission.response()).isNotDone();
  }

  @Test
  void doesNotDeliverAResponseNamingAnotherTenant() {
    PendingResponses pending = new PendingResponses(10);
    Admission admission = pending.admit("r-1", "demo", LONG).orElseThrow();

    assertThat(pending.complete(ok("r-1", "acme"))).isFalse();
    assertThat(admission.response()).isNotDone();
    assertThat(pending.size()).isEqualTo(1);
  }

  @Test
  void refusesAdmissionWhenFullAndAdmitsAgainOnceASlotFrees() {
    PendingResponses pending = new PendingResponses(2);
    pending.admit("r-1", "demo", LONG).orElseThrow();
    pending.admit("r-2", "demo", LONG).orElseThrow();

    assertThat(pending.admit("r-3", "demo", LONG)).isEmpty();
    assertThat(pending.size()).isEqualTo(2);

    pending.complete(ok("r-1", "demo"));
    assertThat(pending.admit("r-3", "demo", LONG)).isPresent();
  }

  @Test
  void aSecondCallerWithTheSameIdJoinsWithoutTakingASlot() {
    PendingResponses pending = new PendingResponses(1);
    Admission first = pending.admit("r-1", "demo", LONG).orElseThrow();
    Admission retry = pending.admit("r-1", "demo", LONG).orElseThrow();

    assertThat(retry.first()).isFalse();
    assertThat(pending.size()).isEqualTo(1);
    pending.complete(ok("r-1", "demo"));
    assertThat(first.response()).isCompleted();
    assertThat(retry.response()).isCompleted();
  }

  @Test
  void timesOutAndForgetsTheCaller() {
    PendingResponses pending = new PendingResponses(10);
    Admission admission = pending.admit("r-1", "demo", Duration.ofMillis(50)).orElseThrow();

    await().atMost(Duration.ofSeconds(5)).until(() -> admission.response().isDone());

    assertThat(admission.response()).failsWithin(Duration.ZERO)
        .withThrowableThat().havingCause().isInstanceOf(TimeoutException.class);
    assertThat(pending.size()).isZero();
    assertThat(pending.complete(ok("r-1", "demo"))).isFalse();
  }

  @Test
  void failsTheCallerAndForgetsIt() {
    PendingResponses pending = new PendingResponses(10);
    Admission admission = pending.admit("r-1", "demo", LONG).orElseThrow();

    pending.fail("r-1", new IllegalStateException("broker down"));

    assertThat(admission.response()).isCompletedExceptionally();
    assertThat(pending.size()).isZero();
  }

  @Test
  void aCallerCancellingItsFutureDoesNotCancelOthersWaitingForTheSameId() {
    PendingResponses pending = new PendingResponses(10);
    Admission first = pending.admit("r-1", "demo", LONG).orElseThrow();
    Admission retry = pending.admit("r-1", "demo", LONG).orElseThrow();

    first.response().cancel(true);

    assertThat(pending.complete(ok("r-1", "demo"))).isTrue();
    assertThat(retry.response()).isCompleted();
  }
}
