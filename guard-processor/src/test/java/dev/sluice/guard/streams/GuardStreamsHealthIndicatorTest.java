package dev.sluice.guard.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class GuardStreamsHealthIndicatorTest {

  @Test
  void isDownBeforeTheStreamsClientStarts() {
    GuardStreams notStarted = new GuardStreams(new StreamsBuilder().build(), new Properties(), Duration.ofSeconds(1),
        new SimpleMeterRegistry());

    Health health = new GuardStreamsHealthIndicator(notStarted).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
  }
}
