package dev.sluice.worker.cache.semantic;

/** One MiniLM model for all tests in a JVM: loading it takes seconds, and it is stateless. */
public final class SharedMiniLm {

  private static MiniLmEmbedder model;

  private SharedMiniLm() {
  }

  public static synchronized MiniLmEmbedder get() {
    if (model == null) {
      model = MiniLmEmbedder.load(1);
    }
    return model;
  }
}
