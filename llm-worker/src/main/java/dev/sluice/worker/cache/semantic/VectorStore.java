package dev.sluice.worker.cache.semantic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Vectors with a small string payload, searched by cosine similarity within one {@link CacheScope}. An entry is never
 * returned outside its scope, nor after its time to live.
 */
public interface VectorStore extends AutoCloseable {

  /**
   * Adds an entry, or replaces the one with the same id.
   *
   * @param ttl how long the entry may be returned; null keeps it until it is evicted for space
   */
  void upsert(CacheScope scope, String id, float[] vector, Map<String, String> payload, @Nullable Duration ttl);

  /** The at most {@code k} entries of {@code scope} nearest to {@code vector}, most similar first. */
  List<Neighbour> nearest(CacheScope scope, float[] vector, int k);

  /** Deletes the entries whose time to live has passed, so they stop taking space. */
  void evictExpired();

  /** The entries held, across all scopes, expired ones not yet evicted included. */
  long size();

  @Override
  void close();
}
