package dev.sluice.ingress;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.TokenUsage;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stand-in for the pipeline, over the real broker: reads {@code sluice.requests} with a plain consumer and answers
 * on {@code sluice.responses} as the last message asks — {@link #BLOCK} gets BLOCKED (as the input guard answers),
 * {@link #WITHHOLD} gets BLOCKED with finish reason content_filter (as the output guard answers), {@link #NO_ANSWER}
 * gets nothing, anything else an OK echo.
 */
final class KafkaResponder implements AutoCloseable {

  static final String BLOCK = "[block]";
  static final String WITHHOLD = "[withhold]";
  static final String NO_ANSWER = "[no-answer]";
  static final String BLOCK_MESSAGE = "blocked by input guard: category PROMPT_INJECTION";
  static final long COST_NANOS = 4_200L;

  private final SluiceTopics topics = new SluiceTopics(SluiceTopics.DEFAULT_PREFIX, new PlainAvroSerdes());
  private final Map<String, ChatRequest> received = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, ChatRequest> consumer;
  private final KafkaProducer<String, ChatResponse> producer;
  private final KafkaProducer<String, byte[]> rawProducer;
  private final Thread thread;
  private volatile boolean running = true;

  KafkaResponder(String bootstrapServers) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-responder",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        topics.requests().keySerde().deserializer(), topics.requests().valueSerde().deserializer());
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        topics.responses().keySerde().serializer(), topics.responses().valueSerde().serializer());
    rawProducer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringSerializer(), new ByteArraySerializer());
    thread = new Thread(this::run, "test-responder");
  }

  void start() {
    consumer.subscribe(List.of(topics.requests().name()));
    thread.start();
  }

  /** The request as it was published, once the responder has read it. */
  Optional<ChatRequest> received(String requestId) {
    return Optional.ofNullable(received.get(requestId));
  }

  /** Writes a response as any stage would, acknowledged before returning. */
  void publish(ChatResponse response) throws Exception {
    producer.send(new ProducerRecord<>(topics.responses().name(), response.getRequestId(), response)).get();
  }

  /** Writes bytes that are no ChatResponse to the responses topic. */
  void publishUndecodable(String key) throws Exception {
    rawProducer.send(new ProducerRecord<>(topics.responses().name(), key, new byte[0])).get();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, ChatRequest> record : consumer.poll(Duration.ofMillis(100))) {
          received.put(record.key(), record.value());
          answer(record.value());
        }
      }
    } catch (WakeupException e) {
      // close() stops the loop.
    } finally {
      consumer.close();
    }
  }

  private void answer(ChatRequest request) throws WakeupException {
    String last = request.getMessages().get(request.getMessages().size() - 1).getContent();
    if (last.contains(NO_ANSWER)) {
      return;
    }
    ChatResponse.Builder response = ChatResponse.newBuilder()
        .setRequestId(request.getRequestId())
        .setTenantId(request.getTenantId())
        .setRespondedAt(Instant.now());
    if (last.contains(BLOCK)) {
      response.setStatus(ResponseStatus.BLOCKED).setError(new ErrorInfo("blocked", BLOCK_MESSAGE));
    } else if (last.contains(WITHHOLD)) {
      response.setStatus(ResponseStatus.BLOCKED)
          .setFinishReason("content_filter")
          .setError(new ErrorInfo("content_filter", "Answer withheld by the output guard: system_prompt_leak"))
          .setModel(request.getModel() + "-2024-07-18")
          .setUsage(new TokenUsage(7L, 3L, 0L, 0L))
          .setCostNanos(COST_NANOS)
          .setAttempts(1);
    } else {
      response.setStatus(ResponseStatus.OK)
          .setContent("echo: " + last)
          .setFinishReason("stop")
          .setModel(request.getModel() + "-2024-07-18")
          .setUsage(new TokenUsage(7L, 3L, 0L, 0L))
          .setCostNanos(COST_NANOS)
          .setCache(request.getCachePolicy() == CachePolicy.BYPASS ? CacheOutcome.NONE : CacheOutcome.EXACT)
          .setAttempts(1);
    }
    producer.send(new ProducerRecord<>(topics.responses().name(), request.getRequestId(), response.build()));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(10).toMillis());
    producer.close();
    rawProducer.close();
  }
}
