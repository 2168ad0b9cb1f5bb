package dev.sluice.worker.cache.semantic;

import java.util.Map;

/**
 * An entry of a {@link VectorStore} found near a query vector.
 *
 * @param similarity cosine similarity to the query vector, from -1 to 1
 */
public record Neighbour(String id, double similarity, Map<String, String> payload) {

  public Neighbour {
    payload = Map.copyOf(payload);
  }
}
