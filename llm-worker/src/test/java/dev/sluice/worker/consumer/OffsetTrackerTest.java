package dev.sluice.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.worker.consumer.OffsetTracker.PendingRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

class OffsetTrackerTest {

  private static final TopicPartition P0 = new TopicPartition("sluice.requests.guarded", 0);
  private static final TopicPartition P1 = new TopicPartition("sluice.requests.guarded", 1);

  /** The offsets acknowledged, in order: the container commits past the last one acknowledged per partition. */
  private final List<String> acknowledged = new ArrayList<>();
  private final OffsetTracker tracker = new OffsetTracker();

  @Test
  void acknowledgesOnlyTheCompletedPrefixWhenWorkCompletesOutOfOrder() {
    PendingRecord first = track(P0, 10);
    PendingRecord second = track(P0, 11);
    PendingRecord third = track(P0, 12);

    third.completed();
    second.completed();
    assertThat(acknowledged).as("offset 10 is still in work").isEmpty();

    first.completed();
    assertThat(acknowledged).containsExactly("0@12");
    assertThat(tracker.tracked()).isZero();
  }

  @Test
  void aSlowRecordHoldsBackOnlyItsOwnPartition() {
    PendingRecord slow = track(P0, 5);
    PendingRecord afterSlow = track(P0, 6);
    PendingRecord other = track(P1, 40);

    afterSlow.completed();
    other.completed();
    assertThat(acknowledged).containsExactly("1@40");

    slow.completed();
    assertThat(acknowledged).containsExactly("1@40", "0@6");
  }

  @Test
  void releasesUpToTheNextRecordStillInWork() {
    PendingRecord a = track(P0, 1);
    PendingRecord b = track(P0, 2);
    PendingRecord c = track(P0, 3);
    PendingRecord d = track(P0, 4);

    b.completed();
    d.completed();
    a.completed();
    assertThat(acknowledged).as("3 is in work, so only through 2").containsExactly("0@2");

    c.completed();
    assertThat(acknowledged).containsExactly("0@2", "0@4");
  }

  @Test
  void offsetsThatNeverReachedTheListenerAreCoveredByTheNextAcknowledgement() {
    PendingRecord before = track(P0, 7);
    // offset 8 failed to decode and went to the DLQ: it is never tracked
    PendingRecord after = track(P0, 9);

    after.completed();
    before.completed();

    assertThat(acknowledged).containsExactly("0@9");
  }

  @Test
  void workFinishingAfterRevocationDoesNotAcknowledgeForTheNextAssignment() {
    PendingRecord stale = track(P0, 20);
    tracker.onPartitionsRevokedBeforeCommit(null, Set.of(P0));

    PendingRecord redelivered = track(P0, 20);
    PendingRecord next = track(P0, 21);
    stale.completed();
    next.completed();
    assertThat(acknowledged).as("the redelivered offset 20 is still in work").isEmpty();

    redelivered.completed();
    assertThat(acknowledged).containsExactly("0@21");
  }

  @Test
  void lostPartitionsAreForgotten() {
    PendingRecord pending = track(P1, 3);
    tracker.onPartitionsLost(null, Set.of(P1));

    pending.completed();

    assertThat(acknowledged).isEmpty();
    assertThat(tracker.tracked()).isZero();
  }

  private PendingRecord track(TopicPartition partition, long offset) {
    Acknowledgment acknowledgment = () -> acknowledged.add(partition.partition() + "@" + offset);
    return tracker.track(partition, offset, acknowledgment);
  }
}
