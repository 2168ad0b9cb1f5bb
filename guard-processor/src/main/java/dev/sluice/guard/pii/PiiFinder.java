package dev.sluice.guard.pii;

import java.util.List;

/** Finds one kind of personal data in a text. */
interface PiiFinder {

  PiiType type();

  /** Adds every match in {@code text}, whose digit runs are {@code digitRuns}, to {@code matches}. */
  void find(String text, DigitRuns digitRuns, List<PiiMatch> matches);
}
