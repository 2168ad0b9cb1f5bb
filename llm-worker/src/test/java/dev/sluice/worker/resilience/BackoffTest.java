package dev.sluice.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void eachWaitIsDrawnFromZeroUpToTheDoublingBound() {
    Backoff backoff = new Backoff(POLICY, new Random(42));
    long[] bounds = {100, 200, 400, 800, 1000, 1000};
    for (int retry = 0; retry < bounds.length; retry++) {
      Duration bound = Duration.ofMillis(bounds[retry]);
      List<Duration> waits = draw(backoff, retry, Optional.empty(), 2_000);
      assertThat(waits).as("retry %d", retry).allSatisfy(wait ->
          assertThat(wait).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(bound));
      // Full jitter: the draws spread over the whole range, not just its top.
      assertThat(waits).anySatisfy(wait -> assertThat(wait).isLessThan(bound.dividedBy(20)));
      assertThat(waits).anySatisfy(wait -> assertThat(wait).isGreaterThan(bound.multipliedBy(19).dividedBy(20)));
    }
  }

  @Test
  void theBoundStopsAtTheCapHoweverManyRetries() {
    Backoff backoff = new Backoff(POLICY, new Random(1));
    assertThat(draw(backoff, 10_000, Optional.empty(), 500))
        .allSatisfy(wait -> assertThat(wait).isLessThan(Duration.ofSeconds(1)));
    assertThat(draw(backoff, Integer.MAX_VALUE, Optional.empty(), 10))
        .allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(1)));
  }

  @Test
  void aLongerRetryAfterWinsOverTheJitter() {
    Backoff backoff = new Backoff(POLICY, new Random(5));
    assertThat(backoff.delayBeforeRetry(0, Optional.of("1"), NOW)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayBeforeRetry(0, Optional.of("Wed, 01 Jan 2025 12:00:00 GMT"), NOW))
        .as("a date now asks for no wait, so the jitter decides").isLessThan(Duration.ofMillis(100));
  }

  @Test
  void aRetryAfterBeyondTheCapIsStillHonoured() {
    // the cap bounds our own backoff; the provider's word bounds when a call can succeed (the deadline bounds both)
    Backoff backoff = new Backoff(POLICY, new Random(5));
    assertThat(backoff.delayBeforeRetry(0, Optional.of("120"), NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(backoff.delayBeforeRetry(0, Optional.of("Wed, 01 Jan 2025 13:00:00 GMT"), NOW))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void anUnreadableRetryAfterIsIgnored() {
    Backoff backoff = new Backoff(POLICY, new Random(5));
    assertThat(backoff.delayBeforeRetry(0, Optional.of("soon"), NOW)).isLessThan(Duration.ofMillis(100));
  }

  @Test
  void theSameSeedGivesTheSameWaits() {
    assertThat(draw(new Backoff(POLICY, new Random(9)), 2, Optional.empty(), 20))
        .isEqualTo(draw(new Backoff(POLICY, new Random(9)), 2, Optional.empty(), 20));
  }

  @Test
  void aPolicyWithoutAttemptsOrWithTheCapBelowTheBaseIsRefused() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("baseDelay <= maxDelay");
  }

  @Test
  void retryReasonsFollowTheFailureCodes() {
    assertThat(RetryReason.ofFailureCode("rate_limited")).isEqualTo(RetryReason.RATE_LIMITED);
    assertThat(RetryReason.ofFailureCode("provider_server_error")).isEqualTo(RetryReason.SERVER_ERROR);
    assertThat(RetryReason.ofFailureCode("provider_timeout")).isEqualTo(RetryReason.TIMEOUT);
    assertThat(RetryReason.ofFailureCode("invalid_provider_response")).isEqualTo(RetryReason.MALFORMED);
    assertThat(RetryReason.ofFailureCode("provider_unreachable")).isEqualTo(RetryReason.UNREACHABLE);
  }

  private static List<Duration> draw(Backoff backoff, int retry, Optional<String> retryAfter, int count) {
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      waits.add(backoff.delayBeforeRetry(retry, retryAfter, NOW));
    }
    return waits;
  }
}
