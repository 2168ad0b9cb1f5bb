package dev.sluice.schemas.topics;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Value serdes backed by the Apicurio Registry Avro serdes (schema id carried in the payload). */
public final class ApicurioSerdes implements ValueSerdeFactory {

  private final Map<String, Object> config;

  private ApicurioSerdes(Map<String, Object> config) {
    this.config = Map.copyOf(config);
  }

  /**
   * Serdes for a registry at {@code registryUrl} (its v2 API, e.g. {@code http://host:port/apis/registry/v2}).
   * Producers register new schema versions; the registry's BACKWARD rule decides whether they may.
   */
  public static ApicurioSerdes forRegistry(String registryUrl) {
    Objects.requireNonNull(registryUrl, "registryUrl");
    return new ApicurioSerdes(clientConfig(registryUrl));
  }

  /** Serializer and deserializer properties for plain Kafka clients talking to the same registry. */
  public static Map<String, Object> clientConfig(String registryUrl) {
    Map<String, Object> config = new HashMap<>();
    config.put(SerdeConfig.REGISTRY_URL, registryUrl);
    config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
    config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "RETURN_OR_UPDATE");
    // The schema id travels in the payload, so records survive tools that drop headers.
    config.put(SerdeConfig.ENABLE_HEADERS, false);
    config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
    return config;
  }

  @Override
  public <T extends SpecificRecord> Serde<T> serdeFor(Class<T> type) {
    AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
    AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
    serializer.configure(new HashMap<>(config), false);
    deserializer.configure(new HashMap<>(config), false);
    return Serdes.serdeFrom(new RegistryBackedSerializer<>(serializer), new SharedDeserializer<>(deserializer));
  }
}
