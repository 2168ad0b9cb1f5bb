package dev.sluice.guard.vault;

/** What the vault counts; outcomes are a fixed set, never tenant ids or request content. */
public interface VaultMetrics {

  /** A REVERSIBLE request's originals were written ({@link VaultOutcome#STORED}) or could not be. */
  void written(VaultOutcome outcome);

  /** A REVERSIBLE tenant's answer needed its originals: restored, or why not. */
  void restored(VaultOutcome outcome);
}
