package dev.sluice.guard.streams;

import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardStage;
import dev.sluice.guard.topology.GuardMetrics;
import dev.sluice.guard.vault.VaultMetrics;
import dev.sluice.guard.vault.VaultOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * Guard counters in Micrometer: {@code sluice.guard.decisions{stage,action}},
 * {@code sluice.guard.detections{stage,category,action}}, {@code sluice.guard.duplicates{stage}}, the timer
 * {@code sluice.guard.semantic} of the semantic tier's runs (its count is how many requests it ran on), and for the
 * PII vault {@code sluice.guard.vault.writes{outcome}} and {@code sluice.guard.vault.restores{outcome}}. Categories
 * and outcomes come from fixed sets, never from request content.
 */
public class MicrometerGuardMetrics implements GuardMetrics, VaultMetrics {

  public static final String VAULT_WRITES = "sluice.guard.vault.writes";
  public static final String VAULT_RESTORES = "sluice.guard.vault.restores";

  private final MeterRegistry registry;

  public MicrometerGuardMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void decided(GuardStage stage, GuardAction action) {
    registry.counter("sluice.guard.decisions", "stage", tag(stage), "action", tag(action)).increment();
  }

  @Override
  public void detected(GuardStage stage, String category, GuardAction action) {
    registry.counter("sluice.guard.detections", "stage", tag(stage), "category", category, "action", tag(action))
        .increment();
  }

  @Override
  public void duplicateDropped(GuardStage stage) {
    registry.counter("sluice.guard.duplicates", "stage", tag(stage)).increment();
  }

  @Override
  public void written(VaultOutcome outcome) {
    registry.counter(VAULT_WRITES, "outcome", outcome.tag()).increment();
  }

  @Override
  public void restored(VaultOutcome outcome) {
    registry.counter(VAULT_RESTORES, "outcome", outcome.tag()).increment();
  }

  @Override
  public void semanticTierRan(Duration time) {
    registry.timer("sluice.guard.semantic").record(time);
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
