package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {

  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @Test
  void usesTheConfiguredLimitWhenTheDeadlineIsFurtherAway() {
    assertThat(CallDeadline.callTimeout(NOW.plusSeconds(300), NOW, LIMIT)).contains(LIMIT);
  }

  @Test
  void shortensTheCallToWhatIsLeftBeforeTheDeadline() {
    assertThat(CallDeadline.callTimeout(NOW.plusMillis(1_500), NOW, LIMIT)).contains(Duration.ofMillis(1_500));
  }

  @Test
  void noCallAtOrAfterTheDeadline() {
    assertThat(CallDeadline.callTimeout(NOW, NOW, LIMIT)).isEmpty();
    assertThat(CallDeadline.callTimeout(NOW.minusMillis(1), NOW, LIMIT)).isEmpty();
  }
}
