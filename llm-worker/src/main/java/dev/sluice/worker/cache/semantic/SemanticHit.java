package dev.sluice.worker.cache.semantic;

/**
 * An earlier answer that may be given to a new prompt.
 *
 * @param cachedPrompt the earlier prompt the answer was given to
 * @param similarity cosine similarity of the two prompts' embeddings
 * @param entryId the id the answer was stored under (the request id of the call that produced it)
 */
public record SemanticHit(CachedAnswer answer, String cachedPrompt, double similarity, String entryId) {
}
