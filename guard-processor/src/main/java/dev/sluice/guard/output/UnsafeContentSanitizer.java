package dev.sluice.guard.output;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes an answer safe to render: markdown images and links that would carry data to a host outside the tenant's
 * allow-list are removed ({@link MarkdownLinkFilter}), then HTML that would run script or load active content is
 * neutralized ({@link HtmlNeutralizer}). What it neutralized is no longer a threat, so its findings are MEDIUM:
 * they flag the answer under the default policy, and block it only where a tenant blocks from MEDIUM.
 */
public final class UnsafeContentSanitizer {

  public static final String DETECTOR = "unsafe-content";
  public static final String UNSAFE_MARKUP = ContentRisk.UNSAFE_MARKUP.category();
  public static final String EXFILTRATION_LINK = ContentRisk.EXFILTRATION_LINK.category();

  /** {@code answer} made safe; one finding per kind of unsafe content, in a fixed order. */
  public SanitizedContent sanitize(String answer, LinkAllowList allowList) {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(allowList, "allowList");
    Set<ContentRisk> found = EnumSet.noneOf(ContentRisk.class);
    String text = MarkdownLinkFilter.filter(answer, allowList, found);
    text = HtmlNeutralizer.neutralize(text, allowList, found);
    List<Finding> findings = found.stream()
        .map(risk -> new Finding(DETECTOR, risk.category(), ThreatLevel.MEDIUM, 0.9, null))
        .toList();
    return new SanitizedContent(text, findings);
  }
}
