package dev.sluice.guard.semantic;

/** One MiniLM session for every test in the JVM: loading the model takes seconds. */
final class SharedMiniLm {

  static final MiniLmEmbeddingModel MODEL = MiniLmEmbeddingModel.load();

  private SharedMiniLm() {
  }
}
