package dev.sluice.worker.cache.semantic;

/** Turns a prompt into a vector whose cosine to another prompt's vector says how alike their meanings are. */
public interface PromptEmbedder {

  /** The length of every vector this embedder returns. */
  int dimension();

  /** The prompt's vector, of unit length. Safe to call from many threads at once. */
  float[] embed(String text);
}
