package dev.sluice.schemas.topics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Bare Avro binary serdes with the writer schema fixed to the generated class. For {@code TopologyTestDriver}
 * tests only: there is no registry in a topology unit test, and the wire format is not what they check.
 */
public final class PlainAvroSerdes implements ValueSerdeFactory {

  @Override
  public <T extends SpecificRecord> Serde<T> serdeFor(Class<T> type) {
    org.apache.avro.Schema schema = SpecificData.get().getSchema(type);
    SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema);
    SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema);
    Serializer<T> serializer = (topic, value) -> {
      if (value == null) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      try {
        writer.write(value, encoder);
        encoder.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    };
    Deserializer<T> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        return reader.read(null, decoder);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("not a " + type.getSimpleName() + " in Avro binary on " + topic, e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
