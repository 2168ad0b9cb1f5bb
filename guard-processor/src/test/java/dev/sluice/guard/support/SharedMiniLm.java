package dev.sluice.guard.support;

import dev.sluice.guard.semantic.MiniLmEmbeddingModel;

/** One MiniLM session for every test in the JVM: loading the model takes seconds. */
public final class SharedMiniLm {

  public static final MiniLmEmbeddingModel MODEL = MiniLmEmbeddingModel.load();

  private SharedMiniLm() {
  }
}
