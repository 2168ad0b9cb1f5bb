package dev.sluice.schemas.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A Kafka topic with the serdes of its key and value: the one place a topic's types are stated. */
public record TopicDescriptor<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

  public TopicDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }
}
