package dev.sluice.worker.completion;

import dev.sluice.events.Completion;
import dev.sluice.events.UsageRecord;
import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.cache.ExactCache;
import dev.sluice.worker.cache.semantic.SemanticCache;
import dev.sluice.worker.dedupe.RedeliveryLedger;
import dev.sluice.worker.limits.ProviderRateLimiter;
import dev.sluice.worker.limits.TokenEstimator;
import dev.sluice.worker.pricing.CallPricer;
import dev.sluice.worker.provider.Providers;
import dev.sluice.worker.resilience.Backoff;
import dev.sluice.worker.routing.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/** Settling requests: pricing, the handler, and the producer of Completions and UsageRecords. */
@Configuration(proxyBeanMethods = false)
class CompletionConfiguration {

  @Bean
  Clock workerClock() {
    return Clock.systemUTC();
  }

  @Bean
  CallPricer callPricer(WorkerProperties properties) {
    return new CallPricer(PriceTable.load(properties.priceTableFile()));
  }

  @Bean
  CallMetrics callMetrics(MeterRegistry registry, CallPricer pricer) {
    return new CallMetrics(registry, pricer);
  }

  /** One idempotent producer for both topics; the values' serializer is picked by record type. */
  @Bean
  @SuppressWarnings("unchecked")
  ProducerFactory<String, SpecificRecord> outcomeProducerFactory(KafkaProperties kafka, SluiceTopics topics,
      MeterRegistry registry) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    Map<Class<?>, Serializer<?>> byType = Map.of(
        Completion.class, topics.completions().valueSerde().serializer(),
        UsageRecord.class, topics.usage().valueSerde().serializer());
    // The descriptors' serdes come configured for the registry; the producer config must not reconfigure them.
    Serializer<SpecificRecord> values =
        (Serializer<SpecificRecord>) (Serializer<?>) new DelegatingByTypeSerializer(byType);
    DefaultKafkaProducerFactory<String, SpecificRecord> factory = new DefaultKafkaProducerFactory<>(config,
        new StringSerializer(), values, false);
    factory.addListener(new MicrometerProducerListener<>(registry));
    return factory;
  }

  @Bean
  KafkaTemplate<String, SpecificRecord> outcomeTemplate(ProducerFactory<String, SpecificRecord> producers) {
    return new KafkaTemplate<>(producers);
  }

  @Bean(destroyMethod = "shutdown")
  ExecutorService completionSender() {
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "llm-worker-completion-sender");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Bean
  OutcomePublisher outcomePublisher(KafkaTemplate<String, SpecificRecord> outcomeTemplate, SluiceTopics topics,
      @Qualifier("completionSender") ExecutorService completionSender) {
    return new KafkaOutcomePublisher(outcomeTemplate, topics, completionSender);
  }

  /** Starts retries once their wait is over; a retry only starts an asynchronous call, so one thread suffices. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService retryScheduler() {
    return Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "llm-worker-retry-scheduler");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Bean
  Backoff retryBackoff(WorkerProperties properties) {
    return new Backoff(properties.retry().policy(), new Random());
  }

  @Bean
  CompletionHandler completionHandler(Providers providers, RouteTable routes, CallPricer pricer,
      OutcomePublisher publisher, CallMetrics metrics, Backoff retryBackoff,
      @Qualifier("retryScheduler") ScheduledExecutorService retryScheduler, Clock workerClock,
      RedeliveryLedger ledger, ExactCache exactCache, ProviderRateLimiter limiter, TokenEstimator tokenEstimator,
      @Value("${sluice.worker.canary.enabled:true}") boolean canaryEnabled,
      ObjectProvider<SemanticCache> semanticCache) {
    return new CompletionHandler(providers, routes, pricer, publisher, metrics, retryBackoff, retryScheduler,
        workerClock, new RedisSteps(ledger, exactCache, limiter, tokenEstimator),
        canaryEnabled ? CanaryPlacement.random() : CanaryPlacement.disabled(), semanticCache.getIfAvailable());
  }
}
