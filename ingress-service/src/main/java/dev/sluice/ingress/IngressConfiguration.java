package dev.sluice.ingress;

import dev.sluice.events.ChatRequest;
import dev.sluice.ingress.api.ChatResponseHttpMapper;
import dev.sluice.ingress.auth.ApiKeyDirectory;
import dev.sluice.ingress.dispatch.ChatDispatcher;
import dev.sluice.ingress.dispatch.PendingResponses;
import dev.sluice.ingress.dispatch.ResponseRouter;
import dev.sluice.ingress.kafka.ChatRequestPublisher;
import dev.sluice.ingress.kafka.ChatResponseConsumer;
import dev.sluice.ingress.kafka.ResponsesConsumerHealthIndicator;
import dev.sluice.ingress.metrics.IngressMetrics;
import dev.sluice.ingress.validation.ChatCompletionValidator;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/** Wires the ingress: authentication, validation, admission, the Kafka producer and the responses consumer. */
@Configuration(proxyBeanMethods = false)
public class IngressConfiguration {

  private static final Logger log = LoggerFactory.getLogger(IngressConfiguration.class);

  @Bean
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  public IngressMetrics ingressMetrics(MeterRegistry registry) {
    return new IngressMetrics(registry);
  }

  @Bean
  public ApiKeyDirectory apiKeyDirectory(IngressProperties properties) {
    ApiKeyDirectory directory = new ApiKeyDirectory(properties.apiKeys());
    if (directory.size() == 0) {
      log.warn("No API keys configured (sluice.ingress.api-keys): every request will get 401");
    }
    return directory;
  }

  @Bean
  public ChatCompletionValidator chatCompletionValidator() {
    return new ChatCompletionValidator();
  }

  @Bean
  public ChatResponseHttpMapper chatResponseHttpMapper() {
    return new ChatResponseHttpMapper();
  }

  @Bean
  public PendingResponses pendingResponses(IngressProperties properties, IngressMetrics metrics) {
    PendingResponses pending = new PendingResponses(properties.maxPending());
    metrics.bindPending(pending::size, pending.capacity());
    return pending;
  }

  /** The producer of {@code sluice.requests}: values through the topic descriptor's serde, acks=all, idempotent. */
  @Bean
  public ProducerFactory<String, ChatRequest> chatRequestProducerFactory(KafkaProperties kafka, SluiceTopics topics,
      MeterRegistry registry) {
    TopicDescriptor<String, ChatRequest> requests = topics.requests();
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    // Not tunable: a request ingress acknowledged must not be lost or duplicated by a producer retry.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // The descriptor's serializers come configured (registry URL and all); the factory must not reconfigure them
    // with producer properties.
    DefaultKafkaProducerFactory<String, ChatRequest> factory = new DefaultKafkaProducerFactory<>(config,
        requests.keySerde().serializer(), requests.valueSerde().serializer(), false);
    factory.addListener(new MicrometerProducerListener<>(registry));
    return factory;
  }

  @Bean
  public KafkaTemplate<String, ChatRequest> chatRequestTemplate(ProducerFactory<String, ChatRequest> factory) {
    KafkaTemplate<String, ChatRequest> template = new KafkaTemplate<>(factory);
    // The default listener logs a failed record with its contents: raw prompts, before the guard has masked PII.
    // The dispatcher logs failures by requestId instead.
    template.setProducerListener(new ProducerListener<>() {
    });
    return template;
  }

  @Bean
  public ChatRequestPublisher chatRequestPublisher(KafkaTemplate<String, ChatRequest> template, SluiceTopics topics) {
    return new ChatRequestPublisher(template, topics.requests().name());
  }

  @Bean
  public ChatResponseConsumer chatResponseConsumer(KafkaProperties kafka, SluiceTopics topics,
      PendingResponses pending, IngressMetrics metrics, IngressProperties properties, MeterRegistry registry) {
    return new ChatResponseConsumer(kafka.buildConsumerProperties(), topics.responses(),
        new ResponseRouter(pending, metrics), metrics::responseUndecodable, properties.partitionRefreshInterval(),
        registry);
  }

  @Bean
  public ResponsesConsumerHealthIndicator responsesConsumerHealthIndicator(ChatResponseConsumer consumer) {
    return new ResponsesConsumerHealthIndicator(consumer);
  }

  @Bean
  public ChatDispatcher chatDispatcher(PendingResponses pending, ChatRequestPublisher publisher,
      ChatResponseConsumer consumer, Clock clock, IngressProperties properties, IngressMetrics metrics) {
    return new ChatDispatcher(pending, publisher, consumer::isReady, clock, properties.retryAfter(), metrics);
  }
}
