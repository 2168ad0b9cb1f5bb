package dev.sluice.worker.cache.semantic;

import dev.sluice.events.ChatRequest;
import dev.sluice.worker.cache.semantic.SemanticLookup.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a prompt with an earlier answer to a prompt that means the same, in the same conversation, for the same
 * tenant and model.
 *
 * <p>A lookup embeds the last user turn, asks the {@link VectorStore} for the nearest earlier prompts in its
 * {@link CacheScope}, and takes the most similar one at or above the similarity threshold that the
 * {@link NearMissGuard} lets through. Lookups and stores run on {@code executor}, never on the caller's thread, and
 * never fail: a busy, broken or unreachable cache is a miss, and the request goes to the provider.
 */
public final class SemanticCache {

  private static final Logger log = LoggerFactory.getLogger(SemanticCache.class);

  private final PromptEmbedder embedder;
  private final VectorStore store;
  private final NearMissGuard guard;
  private final Settings settings;
  private final Executor executor;
  private final Clock clock;
  private final Map<Outcome, Counter> lookups = new EnumMap<>(Outcome.class);
  private final Timer lookupTime;
  private final Counter stored;
  private final Counter storeFailures;

  /**
   * How close is close enough, and what is kept.
   *
   * @param similarityThreshold the least cosine similarity of two prompts' embeddings for one to reuse the other's
   *     answer (the near-miss guard must agree as well)
   * @param candidates how many nearest earlier prompts are checked, most similar first, when the nearest is a near
   *     miss
   * @param ttl how long an answer may be reused
   * @param maxPromptChars longer prompts are neither looked up nor stored: a sentence embedding of a long text says
   *     what it is about, not what exactly it asks
   */
  public record Settings(double similarityThreshold, int candidates, Duration ttl, int maxPromptChars) {

    public Settings {
      if (similarityThreshold <= 0 || similarityThreshold > 1) {
        throw new IllegalArgumentException("similarityThreshold must be in (0, 1], was " + similarityThreshold);
      }
      if (candidates < 1) {
        throw new IllegalArgumentException("candidates must be at least 1, was " + candidates);
      }
      if (ttl.isZero() || ttl.isNegative()) {
        throw new IllegalArgumentException("ttl must be positive, was " + ttl);
      }
      if (maxPromptChars < 1) {
        throw new IllegalArgumentException("maxPromptChars must be at least 1, was " + maxPromptChars);
      }
    }
  }

  public SemanticCache(PromptEmbedder embedder, VectorStore store, NearMissGuard guard, Settings settings,
      Executor executor, MeterRegistry meters, Clock clock) {
    this.embedder = embedder;
    this.store = store;
    this.guard = guard;
    this.settings = settings;
    this.executor = executor;
    this.clock = clock;
    for (Outcome outcome : Outcome.values()) {
      lookups.put(outcome, Counter.builder("sluice.worker.cache.semantic.lookups")
          .description("Semantic cache lookups by how they ended")
          .tag("outcome", outcome.name().toLowerCase())
          .register(meters));
    }
    lookupTime = Timer.builder("sluice.worker.cache.semantic.lookup.duration")
        .description("Embedding the prompt and searching the vector store")
        .publishPercentileHistogram()
        .register(meters);
    stored = Counter.builder("sluice.worker.cache.semantic.stores").tag("outcome", "stored").register(meters);
    storeFailures = Counter.builder("sluice.worker.cache.semantic.stores").tag("outcome", "error").register(meters);
  }

  /** Looks {@code request} up; the future always completes normally, with a hit or a miss. */
  public CompletableFuture<SemanticLookup> lookup(ChatRequest request) {
    Optional<ScopedPrompt> scoped = CacheScope.of(request)
        .filter(prompt -> prompt.prompt().length() <= settings.maxPromptChars());
    if (scoped.isEmpty()) {
      return CompletableFuture.completedFuture(counted(SemanticLookup.skipped(Outcome.NOT_CACHEABLE)));
    }
    try {
      return CompletableFuture.supplyAsync(() -> counted(lookUp(scoped.get(), request.getRequestId())), executor);
    } catch (RejectedExecutionException busy) {
      return CompletableFuture.completedFuture(counted(SemanticLookup.skipped(Outcome.BUSY)));
    }
  }

  private SemanticLookup lookUp(ScopedPrompt scoped, String requestId) {
    long started = System.nanoTime();
    try {
      float[] vector = embedder.embed(scoped.prompt());
      List<Neighbour> nearest = store.nearest(scoped.scope(), vector, settings.candidates());
      boolean nearMiss = false;
      for (Neighbour neighbour : nearest) {
        if (neighbour.similarity() < settings.similarityThreshold()) {
          break;
        }
        Optional<SemanticHit> hit = hit(neighbour);
        if (hit.isEmpty()) {
          continue;
        }
        Optional<String> difference = guard.difference(hit.get().cachedPrompt(), scoped.prompt());
        if (difference.isEmpty()) {
          return SemanticLookup.hit(hit.get());
        }
        nearMiss = true;
        log.debug("Request {}: entry {} is {} similar but asks something else ({})", requestId, neighbour.id(),
            neighbour.similarity(), difference.get());
      }
      return SemanticLookup.miss(nearMiss ? Outcome.NEAR_MISS : Outcome.MISS,
          answer -> remember(scoped, vector, requestId, answer));
    } catch (RuntimeException e) {
      log.warn("Semantic cache lookup failed for request {}, going to the provider: {}", requestId, e.toString());
      return SemanticLookup.skipped(Outcome.ERROR);
    } finally {
      lookupTime.record(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private CompletableFuture<Void> remember(ScopedPrompt scoped, float[] vector, String requestId,
      CachedAnswer answer) {
    Map<String, String> payload = Map.of(
        "prompt", scoped.prompt(),
        "content", answer.content(),
        "finishReason", answer.finishReason(),
        "model", answer.model(),
        "storedAt", clock.instant().toString());
    try {
      return CompletableFuture.runAsync(() -> {
        try {
          store.upsert(scoped.scope(), requestId, vector, payload, settings.ttl());
          stored.increment();
        } catch (RuntimeException e) {
          storeFailures.increment();
          log.warn("Could not keep the answer to request {} in the semantic cache: {}", requestId, e.toString());
        }
      }, executor);
    } catch (RejectedExecutionException busy) {
      storeFailures.increment();
      return CompletableFuture.completedFuture(null);
    }
  }

  /** The stored answer, or empty for an entry written by something else than this cache. */
  private static Optional<SemanticHit> hit(Neighbour neighbour) {
    Map<String, String> payload = neighbour.payload();
    String prompt = payload.get("prompt");
    String content = payload.get("content");
    if (prompt == null || content == null) {
      return Optional.empty();
    }
    return Optional.of(new SemanticHit(
        new CachedAnswer(content, payload.getOrDefault("finishReason", "stop"), payload.getOrDefault("model", "")),
        prompt, neighbour.similarity(), neighbour.id()));
  }

  private SemanticLookup counted(SemanticLookup lookup) {
    lookups.get(lookup.outcome()).increment();
    return lookup;
  }
}
