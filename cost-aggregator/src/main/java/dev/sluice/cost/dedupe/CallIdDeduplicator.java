package dev.sluice.cost.dedupe;

import dev.sluice.events.UsageRecord;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Forwards a usage record only the first time its callId is seen, so a redelivered record is never billed twice.
 * CallIds live in a window store keyed by callId at the record's event time; its segments expire with stream time,
 * which bounds the store without a scan.
 */
public class CallIdDeduplicator implements FixedKeyProcessor<String, UsageRecord, UsageRecord> {

  private final String storeName;
  private final long retentionMillis;
  private FixedKeyProcessorContext<String, UsageRecord> context;
  private WindowStore<String, Long> seenCallIds;

  public CallIdDeduplicator(String storeName, Duration retention) {
    this.storeName = storeName;
    this.retentionMillis = retention.toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, UsageRecord> context) {
    this.context = context;
    this.seenCallIds = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, UsageRecord> record) {
    UsageRecord usage = record.value();
    if (usage == null) {
      // a tombstone bills nothing
      return;
    }
    String callId = usage.getCallId();
    long eventTime = record.timestamp();
    if (seenWithinRetention(callId, eventTime)) {
      return;
    }
    seenCallIds.put(callId, eventTime, eventTime);
    context.forward(record);
  }

  private boolean seenWithinRetention(String callId, long eventTime) {
    long from = Math.max(0, eventTime - retentionMillis);
    long to = eventTime > Long.MAX_VALUE - retentionMillis ? Long.MAX_VALUE : eventTime + retentionMillis;
    try (WindowStoreIterator<Long> seen = seenCallIds.fetch(callId, from, to)) {
      return seen.hasNext();
    }
  }
}
