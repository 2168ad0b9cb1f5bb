package dev.sluice.schemas.topics;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes the value serde of an event type: Apicurio-backed in services, registry-free in topology tests. */
@FunctionalInterface
public interface ValueSerdeFactory {

  <T extends SpecificRecord> Serde<T> serdeFor(Class<T> type);
}
