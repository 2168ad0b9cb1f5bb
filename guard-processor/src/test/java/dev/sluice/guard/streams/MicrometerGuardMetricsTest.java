package dev.sluice.guard.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardStage;
import dev.sluice.guard.vault.VaultOutcome;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerGuardMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerGuardMetrics metrics = new MicrometerGuardMetrics(registry);

  @Test
  void countsDetectionsByStageCategoryAndAction() {
    metrics.detected(GuardStage.INPUT, "instruction_override", GuardAction.BLOCK);
    metrics.detected(GuardStage.INPUT, "instruction_override", GuardAction.BLOCK);
    metrics.detected(GuardStage.OUTPUT, "pii_email", GuardAction.ALLOW);

    assertThat(registry.get("sluice.guard.detections")
        .tags("stage", "input", "category", "instruction_override", "action", "block").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("sluice.guard.detections")
        .tags("stage", "output", "category", "pii_email", "action", "allow").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void countsDecisionsAndDroppedDuplicates() {
    metrics.decided(GuardStage.INPUT, GuardAction.FLAG);
    metrics.duplicateDropped(GuardStage.OUTPUT);

    assertThat(registry.get("sluice.guard.decisions").tags("stage", "input", "action", "flag").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("sluice.guard.duplicates").tags("stage", "output").counter().count()).isEqualTo(1.0);
  }

  @Test
  void countsVaultWritesAndRestoresByOutcome() {
    metrics.written(VaultOutcome.STORED);
    metrics.written(VaultOutcome.UNAVAILABLE);
    metrics.restored(VaultOutcome.MISSING);
    metrics.restored(VaultOutcome.MISSING);

    assertThat(registry.get("sluice.guard.vault.writes").tags("outcome", "stored").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("sluice.guard.vault.writes").tags("outcome", "unavailable").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("sluice.guard.vault.restores").tags("outcome", "missing").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void timesTheSemanticTiersRuns() {
    metrics.semanticTierRan(Duration.ofMillis(30));
    metrics.semanticTierRan(Duration.ofMillis(50));

    Timer timer = registry.get("sluice.guard.semantic").timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(80.0);
  }
}
