package dev.sluice.worker.consumer;

import dev.sluice.events.GuardedRequest;
import dev.sluice.runtime.dlq.DeadLetterPublisher;
import dev.sluice.runtime.dlq.ListenerDeadLetterRecoverer;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.completion.CompletionHandler;
import dev.sluice.worker.dedupe.RedeliveryLedger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/** The guarded-request listener: consumer, container, back-pressure, commits, dead letters, health and meters. */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

  static final String CLIENT_ID = "llm-worker";

  @Bean
  ConsumerFactory<String, GuardedRequest> guardedRequestConsumerFactory(KafkaProperties kafka, SluiceTopics topics,
      MeterRegistry registry) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // The guard writes with exactly-once transactions: records of aborted ones must never be answered.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A value that does not decode arrives as a null with the error in a header, and goes to the DLQ.
    // The descriptor's deserializer comes configured for the registry, so the consumer config must not touch it.
    DefaultKafkaConsumerFactory<String, GuardedRequest> factory = new DefaultKafkaConsumerFactory<>(config,
        new StringDeserializer(), new ErrorHandlingDeserializer<>(topics.requestsGuarded().valueSerde().deserializer()),
        false);
    factory.addListener(new MicrometerConsumerListener<>(registry));
    return factory;
  }

  @Bean
  OffsetTracker offsetTracker() {
    return new OffsetTracker();
  }

  @Bean
  ListenerIntake listenerIntake(
      ObjectProvider<ConcurrentMessageListenerContainer<String, GuardedRequest>> guardedRequestContainer) {
    return new ListenerIntake(guardedRequestContainer::getObject);
  }

  @Bean(destroyMethod = "shutdown")
  ExecutorService gateStarter() {
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "llm-worker-gate");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Bean
  InFlightGate inFlightGate(WorkerProperties properties, ListenerIntake intake,
      @Qualifier("gateStarter") ExecutorService gateStarter) {
    return new InFlightGate(properties.maxInFlight(), properties.resumeAt(), intake, gateStarter);
  }

  @Bean
  GuardedRequestListener guardedRequestListener(OffsetTracker offsets, InFlightGate gate, CompletionHandler handler,
      ListenerIntake intake) {
    return new GuardedRequestListener(offsets, gate, handler, intake);
  }

  /**
   * Records the listener cannot take go straight to the DLQ: they are undecodable or empty, so retrying cannot help.
   * The error handler must not commit a recovered record itself ({@code ackAfterHandle}): with requests still in
   * work before it, that commit would pass them. The next completed record's acknowledgement covers it instead.
   */
  @Bean
  DefaultErrorHandler deadLetterErrorHandler(DeadLetterPublisher deadLetters, MeterRegistry registry) {
    Counter deadLettered = Counter.builder("sluice.worker.dead.letters")
        .description("Records sent to the DLQ because they could not be decoded or carried no request")
        .register(registry);
    // A record that decoded but carried no request has nothing worth re-encoding: its coordinates are in the headers.
    DefaultErrorHandler handler = new DefaultErrorHandler(
        new ListenerDeadLetterRecoverer(deadLetters, record -> null, deadLettered::increment),
        new FixedBackOff(0L, 0L));
    handler.setAckAfterHandle(false);
    return handler;
  }

  /**
   * Offsets are committed by the container from {@link OffsetTracker}'s in-order acknowledgements (AckMode.MANUAL);
   * the poll loop never waits for a provider.
   */
  @Bean
  ConcurrentMessageListenerContainer<String, GuardedRequest> guardedRequestContainer(
      ConsumerFactory<String, GuardedRequest> guardedRequestConsumerFactory, SluiceTopics topics, KafkaProperties kafka,
      GuardedRequestListener listener, OffsetTracker offsets, DefaultErrorHandler deadLetterErrorHandler) {
    ContainerProperties properties = new ContainerProperties(topics.requestsGuarded().name());
    properties.setAckMode(AckMode.MANUAL);
    properties.setMessageListener(listener);
    properties.setConsumerRebalanceListener(offsets);
    properties.setCheckDeserExWhenValueNull(true);
    properties.setClientId(CLIENT_ID);
    KafkaProperties.Listener settings = kafka.getListener();
    if (settings.getPollTimeout() != null) {
      properties.setPollTimeout(settings.getPollTimeout().toMillis());
    }
    ConcurrentMessageListenerContainer<String, GuardedRequest> container =
        new ConcurrentMessageListenerContainer<>(guardedRequestConsumerFactory, properties);
    container.setConcurrency(settings.getConcurrency() == null ? 1 : settings.getConcurrency());
    container.setCommonErrorHandler(deadLetterErrorHandler);
    return container;
  }

  @Bean
  ListenerHealthIndicator llmWorkerHealthIndicator(
      ConcurrentMessageListenerContainer<String, GuardedRequest> guardedRequestContainer, ListenerIntake intake,
      InFlightGate gate, OffsetTracker offsets) {
    return new ListenerHealthIndicator(guardedRequestContainer, intake, gate, offsets);
  }

  @Bean
  InFlightDrain inFlightDrain(InFlightGate gate, RedeliveryLedger ledger, WorkerProperties properties) {
    return new InFlightDrain(gate, ledger, properties.drainTimeout());
  }

  @Bean
  MeterBinder inFlightMeters(InFlightGate gate, OffsetTracker offsets) {
    return registry -> {
      Gauge.builder("sluice.worker.calls.in.flight", gate, InFlightGate::running)
          .description("Requests being worked on (provider call and publishing), at most sluice.worker.max-in-flight")
          .register(registry);
      Gauge.builder("sluice.worker.calls.waiting", gate, InFlightGate::waiting)
          .description("Requests delivered while the worker was full, waiting for a slot")
          .register(registry);
      Gauge.builder("sluice.worker.intake.paused", gate, g -> g.intakePaused() ? 1 : 0)
          .description("1 while the listener is paused for back-pressure")
          .register(registry);
      Gauge.builder("sluice.worker.uncommitted.records", offsets, OffsetTracker::tracked)
          .description("Records delivered whose offsets are not yet released for commit")
          .register(registry);
    };
  }
}
