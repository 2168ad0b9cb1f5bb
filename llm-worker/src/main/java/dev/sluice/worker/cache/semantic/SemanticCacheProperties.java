package dev.sluice.worker.cache.semantic;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the semantic cache ({@code sluice.worker.cache.semantic.*}, or {@code SLUICE_WORKER_CACHE_SEMANTIC_*}).
 *
 * @param enabled whether the worker loads the embedding model and answers from the cache at all
 * @param similarityThreshold the least cosine similarity of two prompts for one to reuse the other's answer; 0.80 was
 *     chosen on half of the hand-written pairs in {@code src/test/resources/semantic-cache} (see
 *     {@code SemanticCacheEval})
 * @param candidates how many nearest earlier prompts are checked when the nearest is a near miss
 * @param ttl how long an answer may be reused
 * @param maxPromptChars longer last user turns skip the semantic cache
 * @param embeddingThreads ONNX Runtime threads inside one embedding; 1 lets lookups run side by side instead
 * @param lookupThreads lookups and stores that run at once
 * @param queueCapacity lookups and stores that may wait for a thread; past that a lookup is a miss
 * @param evictionInterval how often expired entries are deleted
 * @param store which vector store holds the entries
 */
@Validated
@ConfigurationProperties(prefix = "sluice.worker.cache.semantic")
public record SemanticCacheProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("0.80") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double similarityThreshold,
    @DefaultValue("4") @Min(1) @Max(100) int candidates,
    @DefaultValue("24h") @NotNull Duration ttl,
    @DefaultValue("1000") @Min(1) int maxPromptChars,
    @DefaultValue("1") @Min(1) int embeddingThreads,
    @DefaultValue("2") @Min(1) int lookupThreads,
    @DefaultValue("1024") @Min(1) int queueCapacity,
    @DefaultValue("1m") @NotNull Duration evictionInterval,
    @DefaultValue("lucene") @NotNull Store store,
    @DefaultValue @Valid Lucene lucene,
    @DefaultValue @Valid Qdrant qdrant) {

  public SemanticCacheProperties {
    requirePositive(ttl, "sluice.worker.cache.semantic.ttl");
    requirePositive(evictionInterval, "sluice.worker.cache.semantic.eviction-interval");
  }

  /** The vector stores there are. */
  public enum Store {
    /** The embedded Lucene index: in memory, or on disk under {@code lucene.path}. */
    LUCENE,
    /** A Qdrant server, over gRPC. */
    QDRANT
  }

  public SemanticCache.Settings cacheSettings() {
    return new SemanticCache.Settings(similarityThreshold, candidates, ttl, maxPromptChars);
  }

  /**
   * The embedded index.
   *
   * @param path the index directory; unset keeps the index in memory, lost on restart
   * @param maxEntries entries kept at most; the oldest go first
   */
  public record Lucene(@Nullable Path path, @DefaultValue("100000") @Min(1) int maxEntries) {
  }

  /**
   * A Qdrant server.
   *
   * @param port the gRPC port (6334 by default; 6333 is Qdrant's REST port)
   * @param apiKey sent as {@code api-key} when set
   * @param collection created with cosine distance if missing
   * @param timeout the longest one call to Qdrant may take
   */
  public record Qdrant(
      @DefaultValue("localhost") @NotBlank String host,
      @DefaultValue("6334") @Min(1) @Max(65535) int port,
      @DefaultValue("false") boolean useTls,
      @Nullable String apiKey,
      @DefaultValue("sluice-semantic-cache") @NotBlank String collection,
      @DefaultValue("2s") @NotNull Duration timeout) {

    public Qdrant {
      requirePositive(timeout, "sluice.worker.cache.semantic.qdrant.timeout");
    }

    @Override
    public String toString() {
      return "Qdrant[host=" + host + ", port=" + port + ", useTls=" + useTls + ", collection=" + collection + "]";
    }
  }

  private static void requirePositive(Duration value, String setting) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
    }
  }
}
