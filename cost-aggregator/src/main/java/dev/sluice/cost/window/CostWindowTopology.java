package dev.sluice.cost.window;

import dev.sluice.cost.dedupe.CallIdDeduplicator;
import dev.sluice.events.CacheOutcome;
import dev.sluice.events.CostWindow;
import dev.sluice.events.UsageRecord;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The cost-aggregator's Kafka Streams topology: {@code usage} → dedupe by callId → one-minute tumbling windows per
 * {@code tenantId|model} → {@code costs.1m}.
 *
 * <p>Window totals are emitted as they change (not suppressed) so dashboards see live values; the record cache
 * folds the changes of one commit interval into one update. {@code costs.1m} is compacted on
 * {@code tenantId|model|windowStartEpochMillis}, so the <b>last</b> value of a key is that window's total. Usage is
 * already keyed by {@code tenantId|model}, so nothing is repartitioned.
 */
public final class CostWindowTopology {

  public static final String SOURCE = "usage-source";
  public static final String DEDUPE = "usage-dedupe-by-call-id";
  public static final String DEDUPE_STORE = "cost-dedupe-call-ids";
  public static final String GROUPED = "usage-by-tenant-model";
  public static final String AGGREGATE = "cost-window-aggregate";
  public static final String WINDOW_STORE = "cost-window-store";
  public static final String UPDATES = "cost-window-updates";
  public static final String KEYED = "cost-window-keyed";
  public static final String SINK = "cost-window-sink";

  private CostWindowTopology() {
  }

  /** Builds the topology; no I/O happens here. */
  public static Topology build(SluiceTopics topics, CostWindowSettings settings) {
    TopicDescriptor<String, UsageRecord> usage = topics.usage();
    TopicDescriptor<String, CostWindow> costs = topics.costs1m();
    StreamsBuilder builder = new StreamsBuilder();

    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(DEDUPE_STORE, settings.dedupeRetention(), settings.dedupeRetention(), false),
        Serdes.String(), Serdes.Long()));

    TimeWindows windows = TimeWindows.ofSizeAndGrace(CostWindowSettings.WINDOW_SIZE, settings.grace());

    builder.stream(usage.name(), Consumed.with(usage.keySerde(), usage.valueSerde())
            .withTimestampExtractor(new UsageTimestampExtractor())
            .withName(SOURCE))
        // processValues keeps the key fixed, so the grouping below needs no repartition topic.
        .processValues(() -> new CallIdDeduplicator(DEDUPE_STORE, settings.dedupeRetention()), Named.as(DEDUPE),
            DEDUPE_STORE)
        .groupByKey(Grouped.with(GROUPED, usage.keySerde(), usage.valueSerde()))
        .windowedBy(windows)
        .aggregate(CostWindowTopology::emptyWindow, (key, call, window) -> add(window, call), Named.as(AGGREGATE),
            Materialized.<String, CostWindow, WindowStore<Bytes, byte[]>>as(WINDOW_STORE)
                .withKeySerde(usage.keySerde())
                .withValueSerde(costs.valueSerde())
                .withRetention(CostWindowSettings.WINDOW_SIZE.plus(settings.grace())))
        .toStream(Named.as(UPDATES))
        .map((window, total) -> KeyValue.pair(windowKey(window), stampBounds(total, window)), Named.as(KEYED))
        .to(costs.name(), Produced.with(costs.keySerde(), costs.valueSerde()).withName(SINK));

    return builder.build();
  }

  /** The key of a window on {@code costs.1m}: {@code tenantId|model|windowStartEpochMillis}. */
  public static String windowKey(Windowed<String> window) {
    return window.key() + "|" + window.window().start();
  }

  // Bounds are unknown to the aggregator; they are stamped from the windowed key on the way out.
  private static CostWindow emptyWindow() {
    return CostWindow.newBuilder()
        .setTenantId("")
        .setModel("")
        .setWindowStart(Instant.EPOCH)
        .setWindowEnd(Instant.EPOCH)
        .build();
  }

  private static CostWindow add(CostWindow window, UsageRecord call) {
    boolean cacheHit = call.getCache() != null && call.getCache() != CacheOutcome.NONE;
    // addExact: a wrapped sum would silently misreport money; an overflow fails the record into the DLQ instead.
    return CostWindow.newBuilder(window)
        .setTenantId(call.getTenantId())
        .setModel(call.getModel())
        .setCalls(Math.addExact(window.getCalls(), 1))
        .setInputTokens(Math.addExact(window.getInputTokens(), call.getUsage().getInputTokens()))
        .setOutputTokens(Math.addExact(window.getOutputTokens(), call.getUsage().getOutputTokens()))
        .setCostNanos(Math.addExact(window.getCostNanos(), call.getCostNanos()))
        .setCacheHits(Math.addExact(window.getCacheHits(), cacheHit ? 1 : 0))
        .build();
  }

  private static CostWindow stampBounds(CostWindow total, Windowed<String> window) {
    return CostWindow.newBuilder(total)
        .setWindowStart(Instant.ofEpochMilli(window.window().start()))
        .setWindowEnd(Instant.ofEpochMilli(window.window().end()))
        .build();
  }
}
