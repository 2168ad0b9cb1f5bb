package dev.sluice.worker.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Predicate;

/** Creates a provider's circuit breaker and the meters that show its state. */
public final class ProviderCircuitBreakers {

  static final String STATE = "sluice.worker.provider.circuit.state";
  static final String TRANSITIONS = "sluice.worker.provider.circuit.transitions";

  private final BreakerPolicy policy;
  private final Clock clock;
  private final MeterRegistry registry;

  public ProviderCircuitBreakers(BreakerPolicy policy, Clock clock, MeterRegistry registry) {
    this.policy = policy;
    this.clock = clock;
    this.registry = registry;
  }

  /**
   * A breaker for {@code provider}, with a gauge per state ({@code state} tag closed, open, half_open: 1 for the
   * current one, 0 for the others) and a counter of its transitions ({@code from}, {@code to} tags).
   *
   * @param failedCall whether a call's result counts against the provider
   */
  public CircuitBreaker create(String provider, Predicate<Object> failedCall) {
    CircuitBreaker breaker = CircuitBreaker.of(provider, policy.toConfig(clock, failedCall));
    for (CircuitBreaker.State state : new CircuitBreaker.State[] {
        CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN}) {
      Gauge.builder(STATE, breaker, b -> b.getState() == state ? 1 : 0)
          .description("1 when the provider's circuit breaker is in this state")
          .tags("provider", provider, "state", tag(state))
          .register(registry);
    }
    breaker.getEventPublisher().onStateTransition(event -> Counter.builder(TRANSITIONS)
        .description("Changes of a provider's circuit breaker state")
        .tags("provider", provider, "from", tag(event.getStateTransition().getFromState()),
            "to", tag(event.getStateTransition().getToState()))
        .register(registry)
        .increment());
    return breaker;
  }

  private static String tag(CircuitBreaker.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
