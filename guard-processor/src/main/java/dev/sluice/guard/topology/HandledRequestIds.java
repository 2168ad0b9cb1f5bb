package dev.sluice.guard.topology;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The requestIds a stage has already handled, in a window store: entries expire with whole segments once stream
 * time moves past the retention, so the store stays bounded without a scan. A key-value store would keep every
 * requestId forever or need a punctuator sweeping the whole store.
 */
final class HandledRequestIds {

  private final WindowStore<String, Long> store;
  private final long windowMs;

  HandledRequestIds(WindowStore<String, Long> store, Duration window) {
    this.store = store;
    this.windowMs = window.toMillis();
  }

  /**
   * A persistent, changelogged window store remembering requestIds for {@code retention}; the changelog is named
   * {@code <application.id>-<name>-changelog}.
   */
  static StoreBuilder<WindowStore<String, Long>> storeBuilder(String name, Serde<String> keySerde,
      Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention, retention, false), keySerde, Serdes.Long());
  }

  /** Whether {@code requestId} was handled within the window around {@code timestamp} (record time, ms). */
  boolean contains(String requestId, long timestamp) {
    try (WindowStoreIterator<Long> handled =
        store.fetch(requestId, Math.max(0, timestamp - windowMs), timestamp + windowMs)) {
      return handled.hasNext();
    }
  }

  /** Remembers {@code requestId} as handled at {@code timestamp} (record time, ms); {@code handledAt} is kept. */
  void add(String requestId, long timestamp, long handledAt) {
    store.put(requestId, handledAt, timestamp);
  }
}
