package dev.sluice.ingress.kafka;

import dev.sluice.events.ChatRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes chat requests to the requests topic keyed by requestId, through an idempotent acks=all producer. */
public final class ChatRequestPublisher {

  private final KafkaTemplate<String, ChatRequest> template;
  private final String topic;

  public ChatRequestPublisher(KafkaTemplate<String, ChatRequest> template, String topic) {
    this.template = template;
    this.topic = topic;
  }

  /** Completes when the broker acknowledged the request, or exceptionally when it did not take it. */
  public CompletableFuture<Void> publish(ChatRequest request) {
    try {
      return template.send(topic, request.getRequestId(), request).thenApply(result -> null);
    } catch (RuntimeException e) {
      // send() throws when the record cannot even be queued: no metadata or no buffer space within max.block.ms.
      return CompletableFuture.failedFuture(e);
    }
  }
}
