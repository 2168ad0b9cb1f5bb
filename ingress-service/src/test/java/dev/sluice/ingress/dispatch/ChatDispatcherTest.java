package dev.sluice.ingress.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.Role;
import dev.sluice.ingress.IngressConfiguration;
import dev.sluice.ingress.kafka.ChatRequestPublisher;
import dev.sluice.ingress.metrics.IngressMetrics;
import dev.sluice.ingress.openai.ApiErrorException;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The dispatcher with Kafka's own test producer behind the service's KafkaTemplate; the real broker is in the IT. */
class ChatDispatcherTest {

  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration LONG = Duration.ofMinutes(5);

  private final SluiceTopics topics = new SluiceTopics(SluiceTopics.DEFAULT_PREFIX, new PlainAvroSerdes());
  private final MockProducer<String, ChatRequest> producer = new MockProducer<>(false, null,
      topics.requests().keySerde().serializer(), topics.requests().valueSerde().serializer());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final IngressMetrics metrics = new IngressMetrics(meters);
  private final AtomicBoolean responsesReady = new AtomicBoolean(true);

  private ChatDispatcher dispatcher(PendingResponses pending) {
    ChatRequestPublisher publisher = new ChatRequestPublisher(
        new IngressConfiguration().chatRequestTemplate(() -> producer), topics.requests().name());
    return new ChatDispatcher(pending, publisher, responsesReady::get, CLOCK, Duration.ofMillis(1500), metrics);
  }

  private static ChatRequest request(String requestId, Duration timeout) {
    return ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId("demo")
        .setCreatedAt(NOW)
        .setDeadline(NOW.plus(timeout))
        .setModel("gpt-4o")
        .setMessages(List.of(new ChatMessage(Role.USER, "hi", null)))
        .setParams(ChatParams.newBuilder().build())
        .build();
  }

  private static ChatResponse ok(String requestId) {
    return ChatResponse.newBuilder()
        .setRequestId(requestId)
        .setTenantId("demo")
        .setStatus(ResponseStatus.OK)
        .setContent("hello")
        .setRespondedAt(NOW)
        .build();
  }

  private static void assertFailsWith(CompletableFuture<ChatResponse> response, HttpStatus status, String code) {
    assertThat(response).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(ApiErrorException.class, e -> {
          assertThat(e.error().status()).isEqualTo(status);
          assertThat(e.error().code()).isEqualTo(code);
        });
  }

  @Test
  void publishesKeyedByRequestIdAndCompletesWithTheRoutedResponse() {
    PendingResponses pending = new PendingResponses(10);
    CompletableFuture<ChatResponse> response = dispatcher(pending).dispatch(request("r-1", LONG));
    producer.completeNext();

    assertThat(producer.history()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo("sluice.requests");
      assertThat(record.key()).isEqualTo("r-1");
    });
    new ResponseRouter(pending, metrics).accept(ok("r-1"));
    assertThat(response).isCompletedWithValueMatching(r -> r.getContent().equals("hello"));
    assertThat(meters.counter("sluice.ingress.responses", "status", "OK").count()).isEqualTo(1);
  }

  @Test
  void aFailedPublishIs503AndFreesTheSlot() {
    PendingResponses pending = new PendingResponses(10);
    CompletableFuture<ChatResponse> response = dispatcher(pending).dispatch(request("r-1", LONG));

    producer.errorNext(new TimeoutException("no broker"));

    assertFailsWith(response, HttpStatus.SERVICE_UNAVAILABLE, "publish_failed");
    assertThat(pending.size()).isZero();
    assertThat(meters.counter("sluice.ingress.publish.failures").count()).isEqualTo(1);
  }

  @Test
  void aRequestTooLargeForTheTopicIs413() {
    PendingResponses pending = new PendingResponses(10);
    CompletableFuture<ChatResponse> response = dispatcher(pending).dispatch(request("r-1", LONG));

    producer.errorNext(new RecordTooLargeException("2 MB"));

    assertFailsWith(response, HttpStatus.PAYLOAD_TOO_LARGE, "request_too_large");
  }

  @Test
  void refusesWith503RetryAfterWhileTheResponsesConsumerIsNotPositioned() {
    responsesReady.set(false);
    PendingResponses pending = new PendingResponses(10);

    CompletableFuture<ChatResponse> response = dispatcher(pending).dispatch(request("r-1", LONG));

    assertFailsWith(response, HttpStatus.SERVICE_UNAVAILABLE, "not_ready");
    assertThat(response).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
        .isInstanceOfSatisfying(ApiErrorException.class,
            e -> assertThat(e.error().headers()).containsEntry(HttpHeaders.RETRY_AFTER, "2"));
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shedsWith503WithoutPublishingWhenThePendingMapIsFull() {
    PendingResponses pending = new PendingResponses(1);
    ChatDispatcher dispatcher = dispatcher(pending);
    dispatcher.dispatch(request("r-1", LONG));

    CompletableFuture<ChatResponse> shed = dispatcher.dispatch(request("r-2", LONG));

    assertFailsWith(shed, HttpStatus.SERVICE_UNAVAILABLE, "overloaded");
    assertThat(producer.history()).extracting(record -> record.key()).containsExactly("r-1");
    assertThat(meters.counter("sluice.ingress.shed", "reason", "pending_full").count()).isEqualTo(1);
  }

  @Test
  void aRequestWithoutResponseFailsWith504AtItsDeadline() {
    PendingResponses pending = new PendingResponses(10);

    CompletableFuture<ChatResponse> response = dispatcher(pending).dispatch(request("r-1", Duration.ofMillis(50)));

    assertFailsWith(response, HttpStatus.GATEWAY_TIMEOUT, "timeout");
    assertThat(pending.size()).isZero();
  }

  @Test
  void aRetryWithTheSameIdWhileTheFirstWaitsIsPublishedOnce() {
    PendingResponses pending = new PendingResponses(10);
    ChatDispatcher dispatcher = dispatcher(pending);
    CompletableFuture<ChatResponse> first = dispatcher.dispatch(request("r-1", LONG));
    CompletableFuture<ChatResponse> retry = dispatcher.dispatch(request("r-1", LONG));

    new ResponseRouter(pending, metrics).accept(ok("r-1"));

    assertThat(producer.history()).hasSize(1);
    assertThat(first).isCompleted();
    assertThat(retry).isCompleted();
  }

  @Test
  void countsResponsesNoCallerHereWaitsFor() {
    new ResponseRouter(new PendingResponses(10), metrics).accept(ok("someone-elses"));

    assertThat(meters.counter("sluice.ingress.responses.unmatched").count()).isEqualTo(1);
  }
}
