package dev.sluice.judge;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.JudgeScore;
import dev.sluice.events.UsageRecord;
import dev.sluice.judge.client.JudgeModelClient;
import dev.sluice.judge.intake.InFlightLimit;
import dev.sluice.judge.intake.JudgeListenerHealthIndicator;
import dev.sluice.judge.intake.JudgementPublisher;
import dev.sluice.judge.intake.SampledResponseListener;
import dev.sluice.judge.sampling.ResponseSampler;
import dev.sluice.judge.scoring.JudgeMetrics;
import dev.sluice.judge.scoring.ResponseJudge;
import dev.sluice.runtime.dlq.DeadLetterPublisher;
import dev.sluice.runtime.dlq.ListenerDeadLetterRecoverer;
import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.schemas.topics.SluiceTopics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/** Wires sampling, the judge client, Kafka intake and publishing of the judge-sampler. */
@Configuration(proxyBeanMethods = false)
public class JudgeSamplerConfiguration {

  /** Pause between retries of a record whose judgement could not be published. */
  private static final long RETRY_INTERVAL_MS = 1_000;
  /** Retries before such a record goes to the DLQ; undecodable records go there at once. */
  private static final long RETRIES = 2;

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ResponseSampler responseSampler(JudgeSamplerProperties properties) {
    return new ResponseSampler(properties.sampleRate());
  }

  @Bean
  PriceTable priceTable(JudgeSamplerProperties properties) {
    return PriceTable.load(Optional.ofNullable(properties.priceTable()));
  }

  @Bean(destroyMethod = "close")
  OpenAIClientAsync judgeOpenAiClient(JudgeSamplerProperties properties) {
    return OpenAIOkHttpClientAsync.builder()
        .baseUrl(properties.baseUrl())
        .apiKey(properties.apiKey())
        .timeout(properties.timeout())
        .maxRetries(properties.maxRetries())
        .build();
  }

  @Bean
  JudgeModelClient judgeModelClient(OpenAIClientAsync judgeOpenAiClient, JudgeSamplerProperties properties) {
    return new JudgeModelClient(judgeOpenAiClient, properties.model(), properties.maxOutputTokens(),
        properties.maxAnswerChars());
  }

  @Bean
  ResponseJudge responseJudge(JudgeModelClient client, PriceTable prices, JudgeSamplerProperties properties,
      Clock clock) {
    return new ResponseJudge(client, prices, properties.provider(), clock);
  }

  @Bean
  JudgeMetrics judgeMetrics(MeterRegistry registry) {
    return new JudgeMetrics(registry);
  }

  @Bean
  InFlightLimit judgeInFlightLimit(JudgeSamplerProperties properties, MeterRegistry meters) {
    InFlightLimit limit = new InFlightLimit(properties.maxInFlight());
    Gauge.builder("sluice.judge.in.flight", limit, InFlightLimit::inFlight)
        .description("Judge calls in flight").register(meters);
    return limit;
  }

  @Bean
  ProducerFactory<String, Object> judgeProducerFactory(KafkaProperties kafka, SluiceTopics topics,
      MeterRegistry meters) {
    Serializer<Object> values = new DelegatingByTypeSerializer(Map.of(
        JudgeScore.class, topics.judgements().valueSerde().serializer(),
        UsageRecord.class, topics.usage().valueSerde().serializer()));
    // false: the topic serdes carry their registry settings already; the client config must not replace them
    DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(
        kafka.buildProducerProperties(), new StringSerializer(), values, false);
    factory.addListener(new MicrometerProducerListener<>(meters));
    return factory;
  }

  @Bean
  KafkaTemplate<String, Object> judgeKafkaTemplate(ProducerFactory<String, Object> judgeProducerFactory) {
    return new KafkaTemplate<>(judgeProducerFactory);
  }

  @Bean
  JudgementPublisher judgementPublisher(KafkaTemplate<String, Object> judgeKafkaTemplate, SluiceTopics topics) {
    return new JudgementPublisher(judgeKafkaTemplate, topics);
  }

  @Bean
  ConsumerFactory<String, ChatResponse> responseConsumerFactory(KafkaProperties kafka, SluiceTopics topics,
      JudgeSamplerProperties properties, MeterRegistry meters) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // an undecodable record becomes a null value with the error in headers; the error handler sends it to the DLQ
    // false: the topic serde carries its registry settings already; the client config must not replace them
    DefaultKafkaConsumerFactory<String, ChatResponse> factory = new DefaultKafkaConsumerFactory<>(config,
        new StringDeserializer(), new ErrorHandlingDeserializer<>(topics.responses().valueSerde().deserializer()),
        false);
    factory.addListener(new MicrometerConsumerListener<>(meters));
    return factory;
  }

  @Bean
  ListenerDeadLetterRecoverer responseDeadLetterRecoverer(DeadLetterPublisher deadLetters, SluiceTopics topics,
      JudgeMetrics metrics) {
    Serializer<ChatResponse> responses = topics.responses().valueSerde().serializer();
    // a response that decoded but could not be judged or published is kept re-encoded, so it can be replayed
    return new ListenerDeadLetterRecoverer(deadLetters,
        record -> record.value() instanceof ChatResponse response ? responses.serialize(record.topic(), response) : null,
        metrics::deadLettered);
  }

  @Bean
  DefaultErrorHandler responseErrorHandler(ListenerDeadLetterRecoverer recoverer) {
    return new DefaultErrorHandler(recoverer, new FixedBackOff(RETRY_INTERVAL_MS, RETRIES));
  }

  // Boot's configurer is typed for Object keys and values; it only copies spring.kafka.listener.* settings across.
  @SuppressWarnings({"unchecked", "rawtypes"})
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ChatResponse> kafkaListenerContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<String, ChatResponse> responseConsumerFactory, DefaultErrorHandler responseErrorHandler) {
    ConcurrentKafkaListenerContainerFactory<String, ChatResponse> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure((ConcurrentKafkaListenerContainerFactory) factory, (ConsumerFactory) responseConsumerFactory);
    factory.setCommonErrorHandler(responseErrorHandler);
    // The listener acknowledges each record when its judgement is done, in any order; the container commits
    // only behind completed records and fetches no more until the last poll is all acknowledged.
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
    factory.getContainerProperties().setAsyncAcks(true);
    return factory;
  }

  @Bean
  SampledResponseListener sampledResponseListener(ResponseSampler sampler, ResponseJudge judge,
      JudgementPublisher publisher, InFlightLimit judgeInFlightLimit, JudgeMetrics metrics,
      ListenerDeadLetterRecoverer deadLetters, KafkaListenerEndpointRegistry listeners) {
    return new SampledResponseListener(sampler, judge, publisher, judgeInFlightLimit, metrics, deadLetters,
        () -> listeners.getListenerContainer(SampledResponseListener.ID).stop());
  }

  @Bean
  JudgeListenerHealthIndicator judgeListenerHealthIndicator(KafkaListenerEndpointRegistry listeners,
      InFlightLimit judgeInFlightLimit) {
    return new JudgeListenerHealthIndicator(listeners, judgeInFlightLimit);
  }
}
