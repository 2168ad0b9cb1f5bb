package dev.sluice.schemas.topics;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** A deserializer shared by every client of a topic descriptor: closing one client must not close it for all. */
final class SharedDeserializer<T> implements Deserializer<T> {

  private final Deserializer<T> delegate;

  SharedDeserializer(Deserializer<T> delegate) {
    this.delegate = delegate;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // configured once with the registry settings when made; a client's own configs would drop those
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return delegate.deserialize(topic, data);
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    return delegate.deserialize(topic, headers, data);
  }

  @Override
  public void close() {
    // shared instance: the registry client lives as long as the process
  }
}
