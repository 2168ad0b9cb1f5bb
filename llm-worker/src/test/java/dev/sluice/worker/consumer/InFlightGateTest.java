package dev.sluice.worker.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightGateTest {

  private final RecordingIntake intake = new RecordingIntake();
  /** Runs waiting work on the thread that freed the slot, so the test sees every step in order. */
  private final InFlightGate gate = new InFlightGate(4, 2, intake, Runnable::run);
  private final List<CompletableFuture<String>> calls = new ArrayList<>();

  @Test
  void neverRunsMoreThanTheBoundAndQueuesTheRest() {
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      results.add(gate.submit(this::call));
    }

    assertThat(calls).hasSize(4);
    assertThat(gate.running()).isEqualTo(4);
    assertThat(gate.waiting()).isEqualTo(2);

    calls.get(0).complete("first");
    assertThat(results.get(0)).isCompletedWithValue("first");
    assertThat(calls).as("a freed slot starts the next waiting request").hasSize(5);
    assertThat(gate.running()).isEqualTo(4);
    assertThat(gate.waiting()).isEqualTo(1);
  }

  @Test
  void pausesIntakeWhenFullAndResumesAtTheLowWaterMark() {
    for (int i = 0; i < 3; i++) {
      gate.submit(this::call);
    }
    assertThat(intake.switches).isEmpty();

    gate.submit(this::call);
    assertThat(intake.switches).containsExactly("pause");
    assertThat(gate.intakePaused()).isTrue();

    calls.get(0).complete("a");
    assertThat(intake.switches).as("3 in hand is above the low-water mark of 2").containsExactly("pause");

    calls.get(1).complete("b");
    assertThat(intake.switches).containsExactly("pause", "resume");
    assertThat(gate.intakePaused()).isFalse();
  }

  @Test
  void countsWaitingRequestsTowardsThePause() {
    gate.submit(this::call);
    gate.submit(this::call);
    gate.submit(this::call);
    gate.submit(this::call);
    gate.submit(this::call);
    calls.get(0).complete("a");
    calls.get(1).complete("b");

    assertThat(gate.running() + gate.waiting()).isEqualTo(3);
    assertThat(intake.switches).as("still above the low-water mark").containsExactly("pause");
  }

  @Test
  void failedWorkFreesItsSlotAndFailsItsResult() {
    CompletableFuture<String> result = gate.submit(() -> {
      throw new IllegalStateException("broken");
    });

    assertThat(result).isCompletedExceptionally();
    assertThat(gate.running()).isZero();
  }

  @Test
  void closingPausesIntakeForGoodButLetsWorkInHandFinish() throws InterruptedException {
    gate.submit(this::call);
    gate.close();
    assertThat(intake.switches).containsExactly("pause");
    assertThat(gate.awaitIdle(Duration.ofMillis(10))).isFalse();

    calls.get(0).complete("done");

    assertThat(gate.awaitIdle(Duration.ofMillis(10))).isTrue();
    assertThat(intake.switches).as("a closed gate never resumes").containsExactly("pause");
  }

  @Test
  void rejectsALowWaterMarkThatIsNotBelowTheBound() {
    assertThatThrownBy(() -> new InFlightGate(4, 4, intake, Runnable::run))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resumeAt");
  }

  private CompletableFuture<String> call() {
    CompletableFuture<String> call = new CompletableFuture<>();
    calls.add(call);
    return call;
  }

  private static final class RecordingIntake implements IntakeControl {

    private final List<String> switches = new ArrayList<>();

    @Override
    public void pause() {
      switches.add("pause");
    }

    @Override
    public void resume() {
      switches.add("resume");
    }
  }
}
