package dev.sluice.worker.cache.semantic;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the semantic cache found for one request, and where to put the provider's answer when it found nothing: the
 * prompt's embedding is kept from the lookup, so a miss costs one embedding, not two.
 */
public final class SemanticLookup {

  /** How a lookup ended, as counted in the metrics. */
  public enum Outcome {
    /** An earlier answer passed the similarity threshold and the near-miss guard. */
    HIT,
    /** Nothing in scope came close enough. */
    MISS,
    /** Something came close enough but asked something else, as the near-miss guard found. */
    NEAR_MISS,
    /** The request may not use the cache: it bypasses caches, its last turn is not the user's, or it is too long. */
    NOT_CACHEABLE,
    /** The cache's threads were all busy and their queue full; the request goes to the provider. */
    BUSY,
    /** Embedding or the vector store failed; the request goes to the provider. */
    ERROR
  }

  private final Outcome outcome;
  private final @Nullable SemanticHit hit;
  private final @Nullable Function<CachedAnswer, CompletableFuture<Void>> remember;

  private SemanticLookup(Outcome outcome, @Nullable SemanticHit hit,
      @Nullable Function<CachedAnswer, CompletableFuture<Void>> remember) {
    this.outcome = outcome;
    this.hit = hit;
    this.remember = remember;
  }

  static SemanticLookup hit(SemanticHit hit) {
    return new SemanticLookup(Outcome.HIT, hit, null);
  }

  /** A miss whose answer may be remembered. */
  static SemanticLookup miss(Outcome outcome, Function<CachedAnswer, CompletableFuture<Void>> remember) {
    return new SemanticLookup(outcome, null, remember);
  }

  /** A lookup that found nothing and will remember nothing. */
  static SemanticLookup skipped(Outcome outcome) {
    return new SemanticLookup(outcome, null, null);
  }

  public Outcome outcome() {
    return outcome;
  }

  public Optional<SemanticHit> hit() {
    return Optional.ofNullable(hit);
  }

  /**
   * Keeps the provider's answer for later prompts in the same scope. Does nothing after a hit, for a request that may
   * not use the cache, or for an answer that was cut short (finish reason other than {@code stop}). The future
   * completes once the answer is stored, and never exceptionally: a cache that cannot store only misses later.
   */
  public CompletableFuture<Void> remember(CachedAnswer answer) {
    if (remember == null || !"stop".equals(answer.finishReason())) {
      return CompletableFuture.completedFuture(null);
    }
    return remember.apply(answer);
  }
}
