package dev.sluice.worker.completion;

import dev.sluice.events.Completion;
import dev.sluice.events.UsageRecord;
import dev.sluice.schemas.topics.SluiceTopics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes a request's UsageRecords to {@code sluice.usage}, then its Completion to {@code sluice.completions}, with an
 * idempotent producer and {@code acks=all}.
 *
 * <p>Why not a Kafka transaction per request: the provider call cannot take part in one, so a transaction cannot make
 * billing exactly-once; what can is the unique {@code callId} on every UsageRecord (the cost aggregator dedupes on
 * it) plus never losing a UsageRecord. The idempotent producer keeps its own retries from duplicating records, and the
 * caller commits the request's offset only after this future completes, so every billed call's UsageRecord is durable
 * before its request counts as done. Usage is written first so that a Completion (and so an answer to the user) never
 * exists without the record of what it cost; a crash in between re-runs the request, and both calls are billed and
 * counted. A transaction would add atomicity nobody downstream relies on (the output guard dedupes Completions on
 * requestId anyway, as a re-run can follow a committed one) at the price of a producer per concurrent transaction.
 */
public final class KafkaOutcomePublisher implements OutcomePublisher {

  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final String completionsTopic;
  private final String usageTopic;
  private final Executor sender;

  /**
   * @param sender runs the Completion send; it must not be the producer's I/O thread, where the usage acks complete,
   *     because a send blocked on a full buffer there would wait for the very thread that drains it
   */
  public KafkaOutcomePublisher(KafkaTemplate<String, SpecificRecord> kafka, SluiceTopics topics, Executor sender) {
    this.kafka = kafka;
    this.completionsTopic = topics.completions().name();
    this.usageTopic = topics.usage().name();
    this.sender = sender;
  }

  @Override
  public CompletableFuture<Void> publish(WorkerOutcome outcome) {
    CompletableFuture<?>[] usageSends = outcome.usage().stream()
        .map(this::sendUsage)
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(usageSends)
        .thenComposeAsync(written -> sendCompletion(outcome.completion()), sender);
  }

  private CompletableFuture<?> sendUsage(UsageRecord usage) {
    try {
      return kafka.send(usageTopic, SluiceTopics.usageKey(usage.getTenantId(), usage.getModel()), usage);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Void> sendCompletion(Completion completion) {
    try {
      return kafka.send(completionsTopic, completion.getRequestId(), completion).thenApply(written -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
