package dev.sluice.guard.output;

/** What the unsafe-content check neutralized, as the finding category it reports; declared most severe first. */
enum ContentRisk {
  /** Markup that runs script or loads active content: script-like elements, event handlers, script URLs. */
  UNSAFE_MARKUP("unsafe_markup"),
  /** A link or image to a host outside the allow-list with data in its URL. */
  EXFILTRATION_LINK("exfiltration_link");

  private final String category;

  ContentRisk(String category) {
    this.category = category;
  }

  String category() {
    return category;
  }
}
