package dev.sluice.guard.semantic;

import java.util.Objects;
import java.util.Optional;

/**
 * The semantic tier of one process: the MiniLM model, loaded once at start-up, and the detector comparing prompts
 * with the curated corpus through it. With mode OFF there is neither, and the model is never loaded.
 *
 * <p>Loading happens here, before the guard's stream threads start, so the first request in the tier's band does not
 * wait a second or two for the model. Close it only once nothing inspects any more: the session's memory is native.
 */
public final class SemanticTier implements AutoCloseable {

  private final MiniLmEmbeddingModel model;
  private final SemanticInjectionDetector detector;

  private SemanticTier(MiniLmEmbeddingModel model, SemanticInjectionDetector detector) {
    this.model = model;
    this.detector = detector;
  }

  /** Loads the model and embeds the curated corpus, unless {@code settings} turn the tier off. */
  public static SemanticTier start(SemanticSettings settings) {
    Objects.requireNonNull(settings, "settings");
    if (settings.mode() == SemanticMode.OFF) {
      return new SemanticTier(null, null);
    }
    MiniLmEmbeddingModel model = MiniLmEmbeddingModel.load();
    try {
      return new SemanticTier(model,
          SemanticInjectionDetector.create(model, KnownAttackCorpus.curated(), settings));
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The detector the input guard runs after its rules; empty when the tier is off. */
  public Optional<SemanticInjectionDetector> detector() {
    return Optional.ofNullable(detector);
  }

  @Override
  public void close() {
    if (model != null) {
      model.close();
    }
  }
}
