package dev.sluice.worker.completion;

import java.util.concurrent.CompletableFuture;

/** Makes a request's outcome durable downstream. */
public interface OutcomePublisher {

  /** Completes once every record of the outcome is acknowledged; fails if any cannot be written. */
  CompletableFuture<Void> publish(WorkerOutcome outcome);
}
