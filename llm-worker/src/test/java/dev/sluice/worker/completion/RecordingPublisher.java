package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what would have gone to Kafka. */
final class RecordingPublisher implements OutcomePublisher {

  private final List<WorkerOutcome> outcomes = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<Void> publish(WorkerOutcome outcome) {
    outcomes.add(outcome);
    return CompletableFuture.completedFuture(null);
  }

  List<WorkerOutcome> outcomes() {
    return List.copyOf(outcomes);
  }

  WorkerOutcome single() {
    assertThat(outcomes).hasSize(1);
    return outcomes.get(0);
  }
}
