package dev.sluice.worker.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * When a provider's circuit opens and for how long (see {@code WorkerProperties.Breaker}).
 *
 * @param failureRateThreshold percent of failed calls in the window that opens the circuit
 * @param slidingWindowSize how many of the latest calls the failure rate is taken over
 * @param minimumNumberOfCalls calls needed in the window before the rate counts
 * @param waitInOpenState how long an open circuit refuses every call
 * @param permittedCallsInHalfOpenState trial calls after the wait that decide whether the circuit closes
 */
public record BreakerPolicy(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
    Duration waitInOpenState, int permittedCallsInHalfOpenState) {

  /**
   * The resilience4j configuration.
   *
   * @param clock times the open state, so tests can drive it
   * @param failedCall whether a call's result counts against the provider; any other result counts as a success
   */
  public CircuitBreakerConfig toConfig(Clock clock, Predicate<Object> failedCall) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(slidingWindowSize)
        .minimumNumberOfCalls(minimumNumberOfCalls)
        .failureRateThreshold(failureRateThreshold)
        .waitDurationInOpenState(waitInOpenState)
        .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
        .recordResult(failedCall)
        .clock(clock)
        .build();
  }
}
