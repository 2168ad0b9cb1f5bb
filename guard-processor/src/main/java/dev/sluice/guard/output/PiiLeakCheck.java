package dev.sluice.guard.output;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.pii.MaskedTexts;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.pii.PiiSpan;
import dev.sluice.guard.pii.PiiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Personal data and secrets in what leaves the pipeline (the answer, a provider's error message), by kind: the
 * kinds a policy blocks are only found, so that the answer is withheld; the kinds it masks are replaced by
 * placeholders. Works on whatever kinds {@link PiiMasker} knows; kinds in neither set are left alone.
 */
public final class PiiLeakCheck {

  private final PiiMasker masker;

  public PiiLeakCheck(PiiMasker masker) {
    this.masker = Objects.requireNonNull(masker, "masker");
  }

  /** One finding per occurrence of a kind in {@code blocked} in any of {@code texts}. */
  public List<Finding> findBlocked(List<String> texts, Set<PiiType> blocked) {
    List<Finding> findings = new ArrayList<>();
    if (blocked.isEmpty()) {
      return findings;
    }
    for (String text : texts) {
      for (PiiSpan span : masker.find(text, blocked)) {
        findings.add(finding(span.type()));
      }
    }
    return findings;
  }

  /** {@code texts} with the kinds in {@code masked} replaced; one finding per distinct masked value. */
  public MaskedTexts mask(List<String> texts, Set<PiiType> masked) {
    return masker.mask(texts, masked);
  }

  /** Names the kind, never the value. */
  private static Finding finding(PiiType type) {
    return new Finding(PiiMasker.NAME, type.category(), ThreatLevel.NONE, type.score(), null);
  }
}
