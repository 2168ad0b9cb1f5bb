package dev.sluice.worker.provider;

import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.resilience.ConcurrencyLimit;
import dev.sluice.worker.resilience.ProviderCircuitBreakers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The providers the worker calls, by name, each behind its gate; closing it closes their clients. */
public final class Providers implements AutoCloseable {

  static final String CALLS_IN_FLIGHT = "sluice.worker.provider.calls.in.flight";

  private final Map<String, GatedProvider> byName;
  private final List<AutoCloseable> clients;

  /** @param clients what to close with this, e.g. the HTTP clients behind the providers */
  public Providers(List<GatedProvider> providers, List<? extends AutoCloseable> clients) {
    Map<String, GatedProvider> byName = new LinkedHashMap<>();
    for (GatedProvider provider : providers) {
      if (byName.putIfAbsent(provider.name(), provider) != null) {
        throw new IllegalArgumentException("two providers are named '" + provider.name() + "'");
      }
    }
    this.byName = Collections.unmodifiableMap(byName);
    this.clients = List.copyOf(clients);
  }

  /**
   * Opens a client for every enabled provider, each behind a circuit breaker and a concurrency limit, with their
   * meters: the breakers' (see {@link ProviderCircuitBreakers}) and a gauge of the calls in flight per provider.
   *
   * @param clock times the breakers' open state
   */
  public static Providers connect(WorkerProperties properties, Clock clock, MeterRegistry registry) {
    ProviderCircuitBreakers breakers = new ProviderCircuitBreakers(properties.breaker().policy(), clock, registry);
    List<GatedProvider> gated = new ArrayList<>();
    List<OpenAiChatProvider> clients = new ArrayList<>();
    properties.enabledProviders().forEach((name, settings) -> {
      OpenAiChatProvider client = OpenAiChatProvider.connect(name, settings.baseUrl(), settings.apiKey(),
          settings.maxConcurrentCalls(), settings.connectTimeout());
      clients.add(client);
      ConcurrencyLimit limit = new ConcurrencyLimit(settings.maxConcurrentCalls());
      Gauge.builder(CALLS_IN_FLIGHT, limit, ConcurrencyLimit::inUse)
          .description("Calls to the provider in flight from this instance, at most its max-concurrent-calls")
          .tag("provider", name)
          .register(registry);
      gated.add(new GatedProvider(client, breakers.create(name, GatedProvider::countsAgainstProvider), limit,
          settings.callTimeout()));
    });
    return new Providers(gated, clients);
  }

  /** @throws IllegalArgumentException for a name no provider has; routes are checked against {@link #names()} */
  public GatedProvider get(String name) {
    GatedProvider provider = byName.get(name);
    if (provider == null) {
      throw new IllegalArgumentException("no provider is named '" + name + "' (known: " + byName.keySet() + ")");
    }
    return provider;
  }

  public Set<String> names() {
    return byName.keySet();
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (AutoCloseable client : clients) {
      try {
        client.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
