package dev.sluice.guard.semantic;

import dev.sluice.events.ThreatLevel;

/** When the input guard pays for the semantic tier, relative to what its rules already found. */
public enum SemanticMode {

  /** Never: the model is not even loaded. */
  OFF,

  /** On every inspected request, also those the rules block, so its findings are recorded for every request. */
  ALWAYS,

  /**
   * Only where the rules are undecided: they found a threat, but one below the level the tenant blocks at. A request
   * the rules block cannot be stopped harder, and one where they found nothing at all is most of the traffic, where
   * a model run (tens of milliseconds, where the rules take tens of microseconds) would set the guard's throughput.
   */
  ONLY_WHEN_UNDECIDED;

  /**
   * Whether the semantic tier runs on a request whose rule findings reach {@code rulesLevel}, for a tenant that
   * blocks from {@code blockAt}.
   */
  public boolean runsAfter(ThreatLevel rulesLevel, ThreatLevel blockAt) {
    return switch (this) {
      case OFF -> false;
      case ALWAYS -> true;
      case ONLY_WHEN_UNDECIDED -> rulesLevel != ThreatLevel.NONE && rulesLevel.compareTo(blockAt) < 0;
    };
  }
}
