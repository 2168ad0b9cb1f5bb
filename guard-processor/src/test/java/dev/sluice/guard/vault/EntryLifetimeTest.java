package dev.sluice.guard.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntryLifetimeTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:02Z");
  private final EntryLifetime lifetime = new EntryLifetime(Duration.ofSeconds(60), Duration.ofHours(1));

  @Test
  void livesUntilTheDeadlineAndAMinuteMore() {
    assertThat(lifetime.ttl(NOW, NOW.plusSeconds(28))).isEqualTo(Duration.ofSeconds(88));
  }

  @Test
  void aRequestAlreadyPastItsDeadlineStillGetsTheMinute() {
    assertThat(lifetime.ttl(NOW, NOW.minusSeconds(5))).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aFarDeadlineIsCappedAtTheLongestLifetime() {
    assertThat(lifetime.ttl(NOW, NOW.plus(Duration.ofDays(3)))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void refusesALifetimeThatCouldNotCoverItsOwnGrace() {
    assertThatThrownBy(() -> new EntryLifetime(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be below");
    assertThatThrownBy(() -> new EntryLifetime(Duration.ZERO, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
  }
}
