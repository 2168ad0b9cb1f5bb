package dev.sluice.schemas.topics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Wraps a registry-backed serializer for three facts of life with a schema registry:
 * <ul>
 *   <li>the first write of a schema registers it, and when several producers do that at once the registry may
 *       refuse some with a storage conflict; a retry then finds the schema registered;</li>
 *   <li>the registry client's cache does not coalesce concurrent lookups: a process that starts with thousands of
 *       calls in flight would send thousands of identical registrations at once and exhaust the registry's
 *       connection pool. So the first write of each schema goes alone; once it succeeded, the client's cache
 *       answers and writes run concurrently;</li>
 *   <li>one serde instance is shared by every client of its topic descriptor, and Kafka clients close their
 *       serializers when they close: closing here would break the clients still using it, so close is a no-op
 *       (the registry client lives as long as the process), and so is configure (it came configured).</li>
 * </ul>
 */
final class RegistryBackedSerializer<T> implements Serializer<T> {

  static final int MAX_ATTEMPTS = 5;
  private static final long FIRST_BACKOFF_MS = 50;

  private final Serializer<T> delegate;
  /** Schemas (or, for non-Avro values, classes) whose first write succeeded, per topic. */
  private final Set<Map.Entry<String, Object>> written = ConcurrentHashMap.newKeySet();
  private final Object firstWrites = new Object();

  RegistryBackedSerializer(Serializer<T> delegate) {
    this.delegate = delegate;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // configured once with the registry settings when made; a client's own configs would drop those
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return firstWriteAlone(topic, data, () -> delegate.serialize(topic, data));
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    return firstWriteAlone(topic, data, () -> delegate.serialize(topic, headers, data));
  }

  private byte[] firstWriteAlone(String topic, T data, Attempt attempt) {
    if (data == null) {
      return withRetries(attempt);
    }
    Map.Entry<String, Object> key = Map.entry(String.valueOf(topic),
        data instanceof GenericContainer avro ? avro.getSchema() : data.getClass());
    if (written.contains(key)) {
      return withRetries(attempt);
    }
    synchronized (firstWrites) {
      byte[] bytes = withRetries(attempt);
      written.add(key);
      return bytes;
    }
  }

  @Override
  public void close() {
    // shared instance: see the class comment
  }

  private interface Attempt {
    byte[] run();
  }

  private static byte[] withRetries(Attempt attempt) {
    RuntimeException last = null;
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      try {
        return attempt.run();
      } catch (RuntimeException e) {
        if (!isRegistryFailure(e)) {
          throw e;
        }
        last = e;
        sleep(FIRST_BACKOFF_MS << i);
      }
    }
    throw new SerializationException("schema registry kept failing after " + MAX_ATTEMPTS + " attempts", last);
  }

  /** A failure talking to the registry, as opposed to a record that cannot be written with its schema. */
  static boolean isRegistryFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String name = cause.getClass().getName();
      if (name.startsWith("io.apicurio.registry.rest.client.exception.")
          && !name.endsWith("RuleViolationException")) {
        return true;
      }
      if (cause instanceof java.io.IOException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SerializationException("interrupted while retrying the schema registry", e);
    }
  }
}
