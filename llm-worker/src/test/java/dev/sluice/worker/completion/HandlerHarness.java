package dev.sluice.worker.completion;

import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.cache.semantic.SemanticCache;
import dev.sluice.worker.pricing.CallPricer;
import dev.sluice.worker.provider.GatedProvider;
import dev.sluice.worker.provider.OpenAiChatProvider;
import dev.sluice.worker.provider.Providers;
import dev.sluice.worker.resilience.Backoff;
import dev.sluice.worker.resilience.ConcurrencyLimit;
import dev.sluice.worker.resilience.ProviderCircuitBreakers;
import dev.sluice.worker.routing.RouteTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds handlers as the worker's configuration does — real provider clients, breakers, limits and route table from
 * settings — with a recording publisher in place of Kafka; closes what it opened.
 */
final class HandlerHarness implements AutoCloseable {

  final RecordingPublisher published = new RecordingPublisher();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final CallPricer pricer = new CallPricer(PriceTable.defaults());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<Providers> opened = new ArrayList<>();

  /** @param seed of the backoff's jitter */
  CompletionHandler handler(WorkerProperties properties, Clock clock, long seed) {
    return handler(properties, Providers.connect(properties, clock, meters), clock, seed);
  }

  /**
   * A handler wired like {@link #handler(WorkerProperties, Clock, long)} whose provider clients log every call,
   * between the gate (breaker, limit) and the HTTP client.
   */
  CompletionHandler handler(WorkerProperties properties, Clock clock, long seed, CallLog log) {
    ProviderCircuitBreakers breakers = new ProviderCircuitBreakers(properties.breaker().policy(), clock, meters);
    List<GatedProvider> gated = new ArrayList<>();
    List<OpenAiChatProvider> clients = new ArrayList<>();
    properties.enabledProviders().forEach((name, settings) -> {
      OpenAiChatProvider client = OpenAiChatProvider.connect(name, settings.baseUrl(), settings.apiKey(),
          settings.maxConcurrentCalls(), settings.connectTimeout());
      clients.add(client);
      gated.add(new GatedProvider(log.recording(client), breakers.create(name, GatedProvider::countsAgainstProvider),
          new ConcurrencyLimit(settings.maxConcurrentCalls()), settings.callTimeout()));
    });
    return handler(properties, new Providers(gated, clients), clock, seed);
  }

  /** A handler calling {@code providers}, which must be the ones {@code properties} configure; closes them. */
  CompletionHandler handler(WorkerProperties properties, Providers providers, Clock clock, long seed) {
    return handler(properties, providers, clock, seed, RedisSteps.off(), CanaryPlacement.disabled());
  }

  /** A handler with the given shared steps and canaries. */
  CompletionHandler handler(WorkerProperties properties, Providers providers, Clock clock, long seed,
      RedisSteps shared, CanaryPlacement canaries) {
    return handler(properties, providers, clock, seed, shared, canaries, null);
  }

  /** A handler with the given shared steps, canaries and semantic cache (null: off). */
  CompletionHandler handler(WorkerProperties properties, Providers providers, Clock clock, long seed,
      RedisSteps shared, CanaryPlacement canaries, SemanticCache semanticCache) {
    opened.add(providers);
    return new CompletionHandler(providers, RouteTable.from(properties, pricer), pricer, published,
        new CallMetrics(meters, pricer), new Backoff(properties.retry().policy(), new Random(seed)), scheduler,
        clock, shared, canaries, semanticCache);
  }

  @Override
  public void close() throws Exception {
    scheduler.shutdownNow();
    for (Providers providers : opened) {
      providers.close();
    }
  }
}
