package dev.sluice.guard.output;

import dev.sluice.guard.detect.Finding;
import java.util.List;
import java.util.Objects;

/**
 * An answer after the unsafe-content check.
 *
 * @param text the answer with unsafe markup neutralized and unsafe links and images removed
 * @param findings one finding per kind of unsafe content found, none when the text is unchanged
 */
public record SanitizedContent(String text, List<Finding> findings) {

  public SanitizedContent {
    Objects.requireNonNull(text, "text");
    findings = List.copyOf(findings);
  }
}
