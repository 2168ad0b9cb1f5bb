package dev.sluice.guard.topology;

import dev.sluice.guard.vault.VaultMetrics;
import dev.sluice.guard.vault.VaultOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every vault metric call as a readable line, for assertions. */
final class RecordingVaultMetrics implements VaultMetrics {

  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void written(VaultOutcome outcome) {
    calls.add("written " + outcome.tag());
  }

  @Override
  public void restored(VaultOutcome outcome) {
    calls.add("restored " + outcome.tag());
  }
}
