package dev.sluice.worker.consumer;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Commits each partition's offsets only behind completed work while requests complete in any order.
 *
 * <p>Records are tracked in offset order as they arrive; when one completes, the run of completed records at the
 * front of its partition is released and only the last of them is acknowledged, which (with {@code AckMode.MANUAL})
 * has the container commit past all of them on its next loop. So the committed offset never passes a record still in
 * work, and acknowledgements reach the container in offset order. Offsets that never reach the listener (records the
 * error handler sent to the DLQ, transaction markers) need no entry: they lie behind a later record whose
 * acknowledgement covers them.
 *
 * <p>spring-kafka's own out-of-order commits ({@code asyncAcks}) do the same bookkeeping but pause the consumer until
 * every record of the previous poll is acknowledged, so one slow call would hold back the whole poll; here intake
 * is bounded by the {@link InFlightGate} instead, and a slow call only holds back its own partition's commits.
 *
 * <p>On revocation a partition's state is dropped, so work still finishing for it never acknowledges on behalf of a
 * later assignment of the same partition (whose records are delivered again from the last commit).
 */
public final class OffsetTracker implements ConsumerAwareRebalanceListener {

  private final Map<TopicPartition, PartitionLedger> ledgers = new ConcurrentHashMap<>();

  /** Records a delivered record; call on the consumer thread, in delivery order. */
  public PendingRecord track(TopicPartition partition, long offset, Acknowledgment acknowledgment) {
    PartitionLedger ledger = ledgers.computeIfAbsent(partition, tp -> new PartitionLedger());
    ledger.add(offset, acknowledgment);
    return () -> ledger.complete(offset);
  }

  /** Records tracked and not yet released, over all partitions. */
  public int tracked() {
    return ledgers.values().stream().mapToInt(PartitionLedger::size).sum();
  }

  @Override
  public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    forget(partitions);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    forget(partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      PartitionLedger ledger = ledgers.remove(partition);
      if (ledger != null) {
        ledger.retire();
      }
    }
  }

  /** A tracked record whose work is still going on. */
  @FunctionalInterface
  public interface PendingRecord {

    /** The record's work is done and durable; its offset may be committed once all before it are. */
    void completed();
  }

  /** One assignment of one partition: its tracked records by offset. */
  private static final class PartitionLedger {

    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private boolean retired;

    synchronized void add(long offset, Acknowledgment acknowledgment) {
      entries.put(offset, new Entry(acknowledgment));
    }

    synchronized void complete(long offset) {
      Entry entry = entries.get(offset);
      if (retired || entry == null) {
        return;
      }
      entry.done = true;
      // Only the last record of a run of completed ones is ever acknowledged; dropping the others' acknowledgements
      // (which hold their records) keeps completed work waiting behind a slow call small.
      Map.Entry<Long, Entry> before = entries.lowerEntry(offset);
      if (before != null && before.getValue().done) {
        before.getValue().acknowledgment = null;
      }
      Map.Entry<Long, Entry> after = entries.higherEntry(offset);
      if (after != null && after.getValue().done) {
        entry.acknowledgment = null;
      }
      Acknowledgment release = null;
      while (!entries.isEmpty() && entries.firstEntry().getValue().done) {
        Entry front = entries.pollFirstEntry().getValue();
        if (front.acknowledgment != null) {
          release = front.acknowledgment;
        }
      }
      if (release != null) {
        release.acknowledge();
      }
    }

    synchronized int size() {
      return entries.size();
    }

    synchronized void retire() {
      retired = true;
      entries.clear();
    }
  }

  private static final class Entry {

    private Acknowledgment acknowledgment;
    private boolean done;

    Entry(Acknowledgment acknowledgment) {
      this.acknowledgment = acknowledgment;
    }
  }
}
