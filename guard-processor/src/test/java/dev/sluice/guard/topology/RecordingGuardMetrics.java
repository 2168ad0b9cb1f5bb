package dev.sluice.guard.topology;

import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardStage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every metric call as a readable line, for assertions. */
final class RecordingGuardMetrics implements GuardMetrics {

  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void decided(GuardStage stage, GuardAction action) {
    calls.add("decided " + stage + " " + action);
  }

  @Override
  public void detected(GuardStage stage, String category, GuardAction action) {
    calls.add("detected " + stage + " " + category + " " + action);
  }

  @Override
  public void duplicateDropped(GuardStage stage) {
    calls.add("duplicate " + stage);
  }

  /** Without the time, which is the machine's. */
  @Override
  public void semanticTierRan(Duration time) {
    calls.add("semantic tier ran");
  }
}
