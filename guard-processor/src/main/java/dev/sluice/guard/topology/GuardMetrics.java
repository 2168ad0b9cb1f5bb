package dev.sluice.guard.topology;

import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardStage;
import java.time.Duration;

/** What the guard topologies count; tags are low-cardinality by construction (stages, actions, categories). */
public interface GuardMetrics {

  /** One request or completion got a verdict. */
  void decided(GuardStage stage, GuardAction action);

  /** One finding of {@code category} in a request or completion that got {@code action}. */
  void detected(GuardStage stage, String category, GuardAction action);

  /** A record for a requestId the stage had already handled was dropped. */
  void duplicateDropped(GuardStage stage);

  /** The input guard's semantic tier ran on one request and took {@code time}. */
  void semanticTierRan(Duration time);
}
