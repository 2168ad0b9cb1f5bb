package dev.sluice.worker.cache.semantic;

/**
 * A request's last user turn and the scope it may be answered in.
 *
 * @param prompt the last user turn, the only text compared by meaning
 */
public record ScopedPrompt(CacheScope scope, String prompt) {
}
