package dev.sluice.guard.topology;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.GuardEvent;
import dev.sluice.events.GuardedRequest;
import java.util.List;

/**
 * What the input guard emits for one request: either the guarded request to pass on or the response that ends it,
 * and the audit events. Lives only between processors of one sub-topology, so it needs no serde.
 */
record InputGuardOutcome(GuardedRequest guarded, ChatResponse answer, List<GuardEvent> events) {

  static InputGuardOutcome passedOn(GuardedRequest guarded, List<GuardEvent> events) {
    return new InputGuardOutcome(guarded, null, List.copyOf(events));
  }

  static InputGuardOutcome answered(ChatResponse answer, List<GuardEvent> events) {
    return new InputGuardOutcome(null, answer, List.copyOf(events));
  }

  boolean isPassedOn() {
    return guarded != null;
  }
}
