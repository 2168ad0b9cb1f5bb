package dev.sluice.guard.vault;

import java.util.Locale;
import java.util.Optional;

/** What keeping or restoring one request's originals came to. */
public enum VaultOutcome {
  /** The tenant's PII mode is MASK, nothing was masked, or the answer holds nothing that looks like a placeholder. */
  NOT_NEEDED(null),
  /** The originals were written to the vault. */
  STORED(null),
  /** The entry was found and the answer's own placeholders were restored. */
  RESTORED(null),
  /** No entry: it expired, or it was never written (Redis was down then, or the request had nothing masked). */
  MISSING("vault_entry_missing"),
  /** Redis did not answer in time, failed, or was skipped after repeated failures: the answer keeps placeholders. */
  UNAVAILABLE("vault_unavailable"),
  /** The entry did not open (another key, another request's, altered): the answer keeps placeholders. */
  UNREADABLE("vault_entry_unreadable");

  private final String auditCategory;

  VaultOutcome(String auditCategory) {
    this.auditCategory = auditCategory;
  }

  /** The guard-event category of an outcome that leaves the caller without its data. */
  public Optional<String> auditCategory() {
    return Optional.ofNullable(auditCategory);
  }

  /** The metric tag value, e.g. {@code unavailable}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
