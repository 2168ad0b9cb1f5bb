package dev.sluice.cost.window;

import dev.sluice.events.UsageRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Windows usage by when the call happened ({@code occurredAt}), not when it was produced: a redelivered copy then
 * lands in the same window as its original, which the dedupe retention relies on.
 */
public class UsageTimestampExtractor implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof UsageRecord usage && usage.getOccurredAt() != null) {
      return usage.getOccurredAt().toEpochMilli();
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
