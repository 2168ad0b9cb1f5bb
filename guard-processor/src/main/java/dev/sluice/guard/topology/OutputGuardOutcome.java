package dev.sluice.guard.topology;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.GuardEvent;
import java.util.List;

/**
 * What the output guard emits for one completion: the response and the audit events, and whether the response
 * carries originals the vault restored.
 */
record OutputGuardOutcome(ChatResponse response, List<GuardEvent> events, boolean holdsOriginals) {

  OutputGuardOutcome {
    events = List.copyOf(events);
  }
}
