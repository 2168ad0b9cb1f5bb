package dev.sluice.guard.topology;

import dev.sluice.guard.output.SystemPromptFingerprint;
import java.nio.BufferUnderflowException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The system-prompt fingerprints of requests the input guard passed on and the output guard has not answered yet,
 * by requestId: written by the input guard, read and deleted by the output guard. Only shingle hashes are stored,
 * never prompt text.
 *
 * <p>A window store, like {@link HandledRequestIds}, so that an entry whose completion never comes (or comes to
 * another instance after a repartitioning) expires with its segment once stream time passes the retention, with no
 * scan; entries answered in time are deleted at once.
 */
final class SystemPromptFingerprints {

  private final WindowStore<String, byte[]> store;
  private final long windowMs;

  /**
   * An entry found for a request, with the window start it was stored under (needed to delete it).
   *
   * @param fingerprint the fingerprint, or null when the entry cannot be read (written by a newer version):
   *     the check is skipped rather than the completion sent to the DLQ, which would leave the request unanswered
   */
  record Stored(long windowStart, SystemPromptFingerprint fingerprint) {
  }

  SystemPromptFingerprints(WindowStore<String, byte[]> store, Duration retention) {
    this.store = store;
    this.windowMs = retention.toMillis();
  }

  /**
   * A persistent, changelogged window store keeping fingerprints for {@code retention}; the changelog is named
   * {@code <application.id>-<name>-changelog}.
   */
  static StoreBuilder<WindowStore<String, byte[]>> storeBuilder(String name, Serde<String> keySerde,
      Duration retention) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(name, retention, retention, false), keySerde, Serdes.ByteArray());
  }

  /** Remembers {@code fingerprint} for {@code requestId} under its record time {@code timestamp} (ms). */
  void put(String requestId, long timestamp, SystemPromptFingerprint fingerprint) {
    store.put(requestId, fingerprint.toBytes(), timestamp);
  }

  /** The fingerprint stored for {@code requestId} within the retention around {@code timestamp}, if any. */
  Optional<Stored> find(String requestId, long timestamp) {
    try (WindowStoreIterator<byte[]> stored =
        store.fetch(requestId, Math.max(0, timestamp - windowMs), timestamp + windowMs)) {
      if (!stored.hasNext()) {
        return Optional.empty();
      }
      KeyValue<Long, byte[]> entry = stored.next();
      return Optional.of(new Stored(entry.key, readable(entry.value)));
    }
  }

  private static SystemPromptFingerprint readable(byte[] value) {
    try {
      return SystemPromptFingerprint.fromBytes(value);
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      return null;
    }
  }

  /** Deletes what {@link #find} returned for {@code requestId}. */
  void remove(String requestId, Stored stored) {
    store.put(requestId, null, stored.windowStart());
  }
}
