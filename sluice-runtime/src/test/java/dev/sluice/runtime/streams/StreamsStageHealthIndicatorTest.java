package dev.sluice.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsStageHealthIndicatorTest {

  @ParameterizedTest
  @EnumSource(value = State.class, names = {"RUNNING", "REBALANCING"})
  void isUpWhileStreamsRunsOrRebalances(State state) {
    Health health = StreamsStageHealthIndicator.healthOf(Optional.of(state));

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("state", state.name());
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = {"CREATED", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
  void isDownOtherwise(State state) {
    assertThat(StreamsStageHealthIndicator.healthOf(Optional.of(state)).getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void isDownBeforeStart() {
    Health health = StreamsStageHealthIndicator.healthOf(Optional.empty());

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
  }
}
