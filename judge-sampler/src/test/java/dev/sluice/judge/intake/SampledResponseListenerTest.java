package dev.sluice.judge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.JudgeScore;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.UsagePurpose;
import dev.sluice.events.UsageRecord;
import dev.sluice.judge.client.JudgeModelClient;
import dev.sluice.judge.sampling.ResponseSampler;
import dev.sluice.judge.scoring.JudgeMetrics;
import dev.sluice.judge.scoring.ResponseJudge;
import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.runtime.responses.ResponseHeaders;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.simulator.fault.FaultRates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/** The listener with the real simulator behind the real OpenAI client; Kafka's own MockProducer takes the output. */
class SampledResponseListenerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final SluiceTopics topics = new SluiceTopics("sluice.", new PlainAvroSerdes());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final JudgeMetrics metrics = new JudgeMetrics(meters);
  private final InFlightLimit inFlight = new InFlightLimit(8);
  private final CountingAck ack = new CountingAck();
  private final List<ConsumerRecord<?, ?>> deadLettered = new CopyOnWriteArrayList<>();
  private final AtomicInteger intakeStops = new AtomicInteger();

  private ConsumerRecordRecoverer deadLetters = (record, error) -> deadLettered.add(record);
  private LlmSimulator simulator;
  private OpenAIClientAsync openAi;
  private MockProducer<String, Object> producer;

  @BeforeEach
  void start() {
    simulator = LlmSimulator.start(SimulatorSettings.defaults());
    openAi = OpenAIOkHttpClientAsync.builder().baseUrl(simulator.baseUrl()).apiKey("test-key")
        .timeout(DEADLINE).maxRetries(0).build();
    producer = new SharedMockProducer(true);
  }

  @AfterEach
  void stop() {
    openAi.close();
    simulator.close();
  }

  @Test
  void publishesTheScoreAndTheJudgeUsageOfASampledResponseThenAcknowledges() throws Exception {
    listener(1.0, 400).onResponse(record(response("req-1", ResponseStatus.OK)), ack);

    await().atMost(DEADLINE).until(() -> ack.count.get() == 1);
    List<ProducerRecord<String, Object>> sent = producer.history();
    assertThat(sent).hasSize(2);
    ProducerRecord<String, Object> usage = onTopic(sent, "sluice.usage");
    assertThat(usage.key()).isEqualTo("acme|gpt-4o-mini");
    assertThat(((UsageRecord) usage.value()).getPurpose()).isEqualTo(UsagePurpose.JUDGE);
    assertThat(((UsageRecord) usage.value()).getCostNanos()).isPositive();
    ProducerRecord<String, Object> score = onTopic(sent, "sluice.judgements");
    assertThat(score.key()).isEqualTo("req-1");
    assertThat(((JudgeScore) score.value()).getRequestId()).isEqualTo("req-1");
    assertThat(meters.counter("sluice.judge.judged").count()).isEqualTo(1.0);
    assertThat(meters.summary("sluice.judge.score", "dimension", "overall").count()).isEqualTo(1);
    assertThat(inFlight.inFlight()).isZero();
  }

  @Test
  void acknowledgesResponsesOutsideTheSampleAtOnceWithoutCallingTheJudge() throws Exception {
    listener(0.0, 400).onResponse(record(response("req-2", ResponseStatus.OK)), ack);

    assertThat(ack.count).hasValue(1);
    assertThat(producer.history()).isEmpty();
    assertThat(simulator.receivedCalls()).isEmpty();
    assertThat(meters.counter("sluice.judge.responses", "decision", "skipped").count()).isEqualTo(1.0);
  }

  @Test
  void neverSendsAResponseHoldingTheCallersRestoredPersonalDataToTheJudge() throws Exception {
    ConsumerRecord<String, ChatResponse> restored = record(response("req-pii", ResponseStatus.OK));
    restored.headers().add(ResponseHeaders.HOLDS_PERSONAL_DATA, "true".getBytes(StandardCharsets.UTF_8));

    listener(1.0, 400).onResponse(restored, ack);

    assertThat(ack.count).hasValue(1);
    assertThat(producer.history()).isEmpty();
    assertThat(simulator.receivedCalls()).isEmpty();
    assertThat(meters.counter("sluice.judge.responses", "decision", "holds_personal_data").count()).isEqualTo(1.0);
  }

  @Test
  void neverJudgesAResponseThatIsNotOk() throws Exception {
    listener(1.0, 400).onResponse(record(response("req-3", ResponseStatus.BLOCKED)), ack);

    assertThat(ack.count).hasValue(1);
    assertThat(producer.history()).isEmpty();
    assertThat(simulator.receivedCalls()).isEmpty();
  }

  @Test
  void acknowledgesARecordWithoutAValue() throws Exception {
    listener(1.0, 400).onResponse(new ConsumerRecord<>("sluice.responses", 0, 0L, "req-4", null), ack);

    assertThat(ack.count).hasValue(1);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void publishesOnlyTheUsageOfAnInvalidReplyAndCountsIt() throws Exception {
    listener(1.0, 5).onResponse(record(response("req-5", ResponseStatus.OK)), ack);

    await().atMost(DEADLINE).until(() -> ack.count.get() == 1);
    assertThat(producer.history()).singleElement()
        .satisfies(sent -> assertThat(sent.topic()).isEqualTo("sluice.usage"));
    assertThat(meters.counter("sluice.judge.invalid.replies").count()).isEqualTo(1.0);
    assertThat(meters.counter("sluice.judge.judged").count()).isZero();
  }

  @Test
  void acknowledgesWhenTheJudgeIsDownAndBillsNothing() throws Exception {
    simulator.updateSettings(settings -> settings.withFaultRates(new FaultRates(0, 1, 0, 0)));

    listener(1.0, 400).onResponse(record(response("req-6", ResponseStatus.OK)), ack);

    await().atMost(DEADLINE).until(() -> ack.count.get() == 1);
    assertThat(producer.history()).isEmpty();
    assertThat(deadLettered).isEmpty();
    assertThat(meters.counter("sluice.judge.call.failures").count()).isEqualTo(1.0);
    assertThat(inFlight.inFlight()).isZero();
  }

  @Test
  void sendsTheResponseToTheDlqWhenItsJudgementCannotBePublished() throws Exception {
    producer = new SharedMockProducer(false);
    ConsumerRecord<String, ChatResponse> record = record(response("req-7", ResponseStatus.OK));

    listener(1.0, 400).onResponse(record, ack);
    await().atMost(DEADLINE).until(() -> producer.history().size() == 2);
    producer.errorNext(new RecordTooLargeException("too large"));
    producer.completeNext();

    await().atMost(DEADLINE).until(() -> ack.count.get() == 1);
    assertThat(deadLettered).containsExactly(record);
    assertThat(meters.counter("sluice.judge.judged").count()).isZero();
    assertThat(intakeStops).hasValue(0);
    assertThat(inFlight.inFlight()).isZero();
  }

  @Test
  void stopsIntakeWithoutAcknowledgingWhenEvenTheDlqRefusesTheResponse() throws Exception {
    producer = new SharedMockProducer(false);
    deadLetters = (record, error) -> {
      throw new IllegalStateException("DLQ unavailable");
    };

    listener(1.0, 400).onResponse(record(response("req-8", ResponseStatus.OK)), ack);
    await().atMost(DEADLINE).until(() -> producer.history().size() == 2);
    producer.errorNext(new RecordTooLargeException("too large"));
    producer.completeNext();

    await().atMost(DEADLINE).until(() -> intakeStops.get() == 1);
    assertThat(ack.count).hasValue(0);
    assertThat(inFlight.inFlight()).isZero();
  }

  private SampledResponseListener listener(double rate, long maxOutputTokens) {
    ResponseJudge judge = new ResponseJudge(new JudgeModelClient(openAi, "gpt-4o-mini", maxOutputTokens, 16_000),
        PriceTable.defaults(), "simulator", Clock.systemUTC());
    KafkaTemplate<String, Object> template = new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
    return new SampledResponseListener(new ResponseSampler(rate), judge, new JudgementPublisher(template, topics),
        inFlight, metrics, deadLetters, intakeStops::incrementAndGet);
  }

  private static ProducerRecord<String, Object> onTopic(List<ProducerRecord<String, Object>> sent, String topic) {
    return sent.stream().filter(record -> record.topic().equals(topic)).findFirst().orElseThrow();
  }

  private static ConsumerRecord<String, ChatResponse> record(ChatResponse response) {
    return new ConsumerRecord<>("sluice.responses", 0, 0L, response.getRequestId(), response);
  }

  private static ChatResponse response(String requestId, ResponseStatus status) {
    return ChatResponse.newBuilder()
        .setRequestId(requestId)
        .setTenantId("acme")
        .setStatus(status)
        .setContent("Kafka keeps the log.")
        .setModel("gpt-4o")
        .setRespondedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  /** Counts acknowledgements, as the container would commit them. */
  private static final class CountingAck implements Acknowledgment {

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void acknowledge() {
      count.incrementAndGet();
    }
  }

  /**
   * KafkaTemplate closes its producer after each send, which the shared producer of DefaultKafkaProducerFactory
   * ignores; this MockProducer does the same, so one instance records every send.
   */
  private final class SharedMockProducer extends MockProducer<String, Object> {

    SharedMockProducer(boolean autoComplete) {
      super(autoComplete, null, new StringSerializer(), new DelegatingByTypeSerializer(Map.of(
          JudgeScore.class, topics.judgements().valueSerde().serializer(),
          UsageRecord.class, topics.usage().valueSerde().serializer())));
    }

    @Override
    public void close(Duration timeout) {
    }
  }
}
