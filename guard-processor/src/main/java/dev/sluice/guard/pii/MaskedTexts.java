package dev.sluice.guard.pii;

import dev.sluice.guard.detect.Finding;
import java.util.List;

/**
 * Texts after masking, in the order given.
 *
 * @param texts the masked texts
 * @param findings one finding per distinct masked value, in order of first appearance
 * @param maskedCount how many occurrences were replaced
 */
public record MaskedTexts(List<String> texts, List<Finding> findings, int maskedCount) {

  public MaskedTexts {
    texts = List.copyOf(texts);
    findings = List.copyOf(findings);
  }
}
