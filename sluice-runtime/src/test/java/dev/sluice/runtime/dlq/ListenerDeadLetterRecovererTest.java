package dev.sluice.runtime.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

class ListenerDeadLetterRecovererTest {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final DeadLetterPublisher publisher = new DeadLetterPublisher(producer, "sluice.dlq", "test-stage");
  private final AtomicInteger recovered = new AtomicInteger();

  @Test
  void anUndecodableValueKeepsItsOriginalBytes() {
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    DeserializationException undecodable = new DeserializationException("bad bytes", garbage, false, null);
    ListenerDeadLetterRecoverer recoverer =
        new ListenerDeadLetterRecoverer(publisher, record -> new byte[] {9}, recovered::incrementAndGet);

    recoverer.accept(new ConsumerRecord<>("sluice.requests", 2, 41L, "req-1", null),
        new ListenerExecutionFailedException("listener failed", undecodable));

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo("sluice.dlq");
    assertThat(sent.value()).isEqualTo(garbage);
    assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("req-1");
    assertThat(header(sent, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("sluice.requests");
    assertThat(header(sent, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
    assertThat(header(sent, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
    assertThat(header(sent, DeadLetterHeaders.STAGE)).isEqualTo("test-stage");
    assertThat(recovered).hasValue(1);
  }

  @Test
  void aDecodedValueIsKeptAsTheStageEncodesIt() {
    ListenerDeadLetterRecoverer recoverer = new ListenerDeadLetterRecoverer(publisher,
        record -> ("re-encoded " + record.value()).getBytes(StandardCharsets.UTF_8), recovered::incrementAndGet);

    recoverer.accept(new ConsumerRecord<>("sluice.responses", 0, 7L, "req-2", "answer"),
        new IllegalStateException("could not publish the judgement"));

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("re-encoded answer");
    assertThat(header(sent, DeadLetterHeaders.ERROR_MESSAGE)).contains("could not publish the judgement");
    assertThat(recovered).hasValue(1);
  }

  @Test
  void theDeserializerHeaderIsReadWhenTheExceptionDoesNotCarryTheBytes() {
    ListenerDeadLetterRecoverer recoverer =
        new ListenerDeadLetterRecoverer(publisher, record -> null, recovered::incrementAndGet);
    byte[] garbage = {1, 2, 3};
    RecordHeaders headers = new RecordHeaders();
    // what spring-kafka's ErrorHandlingDeserializer leaves on a record it could not decode
    SerializationUtils.deserializationException(headers, garbage, new IllegalArgumentException("bad bytes"), false);
    ConsumerRecord<String, Object> record = new ConsumerRecord<>("sluice.responses", 1, 3L, 0L,
        TimestampType.CREATE_TIME, 0, 0, "req-3", null, headers, Optional.empty());

    recoverer.accept(record, new IllegalStateException("no value"));

    assertThat(producer.history().get(0).value()).isEqualTo(garbage);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
