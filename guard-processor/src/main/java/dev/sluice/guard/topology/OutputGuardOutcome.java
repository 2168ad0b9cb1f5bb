package dev.sluice.guard.topology;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.GuardEvent;
import java.util.List;

/** What the output guard emits for one completion: the response and the audit events. */
record OutputGuardOutcome(ChatResponse response, List<GuardEvent> events) {

  OutputGuardOutcome {
    events = List.copyOf(events);
  }
}
