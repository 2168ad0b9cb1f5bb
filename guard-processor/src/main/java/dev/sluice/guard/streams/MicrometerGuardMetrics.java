package dev.sluice.guard.streams;

import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardStage;
import dev.sluice.guard.topology.GuardMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * Guard counters in Micrometer: {@code sluice.guard.decisions{stage,action}},
 * {@code sluice.guard.detections{stage,category,action}}, {@code sluice.guard.duplicates{stage}}, and the timer
 * {@code sluice.guard.semantic} of the semantic tier's runs (its count is how many requests it ran on). Categories
 * come from the detectors' fixed sets, never from request content.
 */
public class MicrometerGuardMetrics implements GuardMetrics {

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
  public void semanticTierRan(Duration time) {
    registry.timer("sluice.guard.semantic").record(time);
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
