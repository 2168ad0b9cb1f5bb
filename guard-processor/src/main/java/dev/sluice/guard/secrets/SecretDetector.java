package dev.sluice.guard.secrets;

import java.util.List;

/** Finds one family of credentials in a text. */
interface SecretDetector {

  /** Adds every credential of this family in {@code text} to {@code matches}. */
  void find(String text, List<SecretMatch> matches);
}
