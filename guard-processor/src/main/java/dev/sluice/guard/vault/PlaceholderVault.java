package dev.sluice.guard.vault;

import dev.sluice.guard.pii.PlaceholderMap;
import java.time.Duration;
import java.util.Optional;

/** Keeps a request's placeholder map, sealed, for a while, so the output guard can restore its answer. */
public interface PlaceholderVault {

  /**
   * Keeps {@code placeholders} for {@code requestId} for {@code ttl}, replacing what was kept for it: writing the
   * same request twice (a record processed again after a crash) leaves one entry.
   */
  void store(String requestId, PlaceholderMap placeholders, Duration ttl) throws VaultUnavailableException;

  /** What was kept for {@code requestId}; empty when nothing was, or it expired. */
  Optional<PlaceholderMap> fetch(String requestId) throws VaultUnavailableException, UnreadableEntryException;
}
