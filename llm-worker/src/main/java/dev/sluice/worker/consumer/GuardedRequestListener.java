package dev.sluice.worker.consumer;

import dev.sluice.events.GuardedRequest;
import dev.sluice.worker.completion.CompletionHandler;
import dev.sluice.worker.consumer.OffsetTracker.PendingRecord;
import dev.sluice.worker.dedupe.RequestHandedBackException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Hands each guarded request to the {@link CompletionHandler} without waiting for it: the poll thread only tracks
 * the offset and submits the work through the {@link InFlightGate}; the offset is released for commit once the
 * request's outcome is durable.
 */
public final class GuardedRequestListener implements AcknowledgingMessageListener<String, GuardedRequest> {

  private final OffsetTracker offsets;
  private final InFlightGate gate;
  private final CompletionHandler handler;
  private final ListenerIntake intake;

  public GuardedRequestListener(OffsetTracker offsets, InFlightGate gate, CompletionHandler handler,
      ListenerIntake intake) {
    this.offsets = offsets;
    this.gate = gate;
    this.handler = handler;
    this.intake = intake;
  }

  @Override
  public void onMessage(ConsumerRecord<String, GuardedRequest> record, Acknowledgment acknowledgment) {
    GuardedRequest guarded = record.value();
    if (guarded == null || guarded.getRequest() == null) {
      throw new UnprocessableRecordException("record " + record.topic() + "-" + record.partition() + "@"
          + record.offset() + " has no request (a tombstone?)");
    }
    PendingRecord pending = offsets.track(new TopicPartition(record.topic(), record.partition()), record.offset(),
        Objects.requireNonNull(acknowledgment, "the container must run with AckMode.MANUAL"));
    gate.submit(() -> handler.handle(guarded.getRequest())).whenComplete((published, error) -> {
      if (error == null) {
        pending.completed();
      } else if (!(unwrap(error) instanceof RequestHandedBackException)) {
        // The outcome could not be written even after the producer's own retries: the offset must stay
        // uncommitted, and everything behind it too, so the worker stops taking work and reports itself down.
        intake.halt(error);
      }
      // A request handed back on shutdown leaves its record uncommitted, for the partition's next owner.
    });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
