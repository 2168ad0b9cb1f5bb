package dev.sluice.guard.detect;

import java.util.List;

/** Inspects normalized text and reports what it finds; stateless and safe to call from many threads. */
public interface Detector {

  /** Findings in {@code normalizedText} (see {@link dev.sluice.guard.normalize.TextNormalizer}), spans into it. */
  List<Finding> inspect(String normalizedText);
}
