package dev.sluice.guard.semantic;

import dev.sluice.events.GuardAction;

/** When the input guard pays for the semantic tier, relative to what its rules already decided. */
public enum SemanticMode {

  /** On every inspected request: semantic findings are recorded even for requests the rules block. */
  ALWAYS,

  /**
   * Only on requests the rules left at ALLOW or FLAG: a blocked (or rejected) request cannot be stopped harder, so
   * the model run (milliseconds, where the rules take microseconds) is spent where it can change the outcome.
   */
  ONLY_WHEN_UNDECIDED;

  /** Whether the semantic tier runs on a request whose rule findings alone lead to {@code rulesAction}. */
  public boolean runsAfter(GuardAction rulesAction) {
    return switch (this) {
      case ALWAYS -> true;
      case ONLY_WHEN_UNDECIDED -> rulesAction == GuardAction.ALLOW || rulesAction == GuardAction.FLAG;
    };
  }
}
