package dev.sluice.guard.detect;

import dev.sluice.guard.normalize.NormalizedText;
import java.util.List;

/** Inspects normalized text and reports what it finds; stateless and safe to call from many threads. */
public interface Detector {

  /**
   * Findings in {@code text}; spans index {@link NormalizedText#text()}, and a finding only seen in a de-obfuscated
   * variant has no span.
   */
  List<Finding> inspect(NormalizedText text);
}
