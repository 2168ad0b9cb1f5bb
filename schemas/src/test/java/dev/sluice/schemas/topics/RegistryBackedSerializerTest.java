package dev.sluice.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class RegistryBackedSerializerTest {

  @Test
  void aRegistryConflictIsRetriedUntilTheSchemaIsThere() {
    AtomicInteger calls = new AtomicInteger();
    Serializer<String> flaky = (topic, data) -> {
      if (calls.incrementAndGet() < 3) {
        throw new SerializationException("registering failed", new IOException("conflict in the registry store"));
      }
      return data.getBytes(StandardCharsets.UTF_8);
    };

    byte[] bytes = new RegistryBackedSerializer<>(flaky).serialize("t", "value");

    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("value");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aRecordThatCannotBeWrittenFailsAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    Serializer<String> broken = (topic, data) -> {
      calls.incrementAndGet();
      throw new SerializationException("field x is missing");
    };

    assertThatThrownBy(() -> new RegistryBackedSerializer<>(broken).serialize("t", "value"))
        .hasMessageContaining("field x is missing");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aRegistryThatKeepsFailingGivesUpAfterBoundedAttempts() {
    AtomicInteger calls = new AtomicInteger();
    Serializer<String> down = (topic, data) -> {
      calls.incrementAndGet();
      throw new SerializationException("down", new IOException("connection refused"));
    };

    assertThatThrownBy(() -> new RegistryBackedSerializer<>(down).serialize("t", "value"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("kept failing");
    assertThat(calls).hasValue(RegistryBackedSerializer.MAX_ATTEMPTS);
  }

  @Test
  void closingASharedSerializerLeavesItUsable() {
    AtomicInteger closes = new AtomicInteger();
    Serializer<String> delegate = new Serializer<>() {
      @Override
      public byte[] serialize(String topic, String data) {
        return data.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public void close() {
        closes.incrementAndGet();
      }
    };
    RegistryBackedSerializer<String> shared = new RegistryBackedSerializer<>(delegate);

    shared.close();

    assertThat(closes).hasValue(0);
    assertThat(shared.serialize("t", "still works")).isNotEmpty();
  }
}
