package dev.sluice.guard.pii;

import dev.sluice.guard.detect.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Texts after masking, in the order given.
 *
 * @param texts the masked texts
 * @param findings one finding per distinct masked value, in order of first appearance
 * @param maskedCount how many occurrences were replaced
 * @param placeholders the original behind each placeholder this masking handed out (not those already in the
 *     texts); personal data, so never logged
 */
public record MaskedTexts(List<String> texts, List<Finding> findings, int maskedCount, PlaceholderMap placeholders) {

  public MaskedTexts {
    texts = List.copyOf(texts);
    findings = List.copyOf(findings);
    Objects.requireNonNull(placeholders, "placeholders");
  }
}
