package dev.sluice.worker.cache.semantic;

import io.micrometer.core.instrument.MeterRegistry;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The semantic cache, when {@code sluice.worker.cache.semantic.enabled} is true: model, vector store, threads. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sluice.worker.cache.semantic.enabled")
@EnableConfigurationProperties(SemanticCacheProperties.class)
public class SemanticCacheConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SemanticCacheConfiguration.class);

  @Bean(destroyMethod = "close")
  MiniLmEmbedder semanticCacheEmbedder(SemanticCacheProperties properties) {
    long started = System.nanoTime();
    MiniLmEmbedder embedder = MiniLmEmbedder.load(properties.embeddingThreads());
    log.info("Loaded the MiniLM embedding model in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return embedder;
  }

  @Bean(destroyMethod = "close")
  VectorStore semanticCacheStore(SemanticCacheProperties properties, MiniLmEmbedder embedder,
      ObjectProvider<Clock> clock) {
    Clock time = clock.getIfAvailable(Clock::systemUTC);
    return switch (properties.store()) {
      case LUCENE -> properties.lucene().path() == null
          ? LuceneVectorStore.inMemory(properties.lucene().maxEntries(), time)
          : LuceneVectorStore.onDisk(properties.lucene().path(), properties.lucene().maxEntries(), time);
      case QDRANT -> new QdrantVectorStore(qdrantClient(properties.qdrant()), properties.qdrant().collection(),
          embedder.dimension(), properties.qdrant().timeout(), time);
    };
  }

  @Bean(destroyMethod = "close")
  SemanticCacheThreads semanticCacheThreads(SemanticCacheProperties properties, VectorStore store) {
    return SemanticCacheThreads.start(properties, store);
  }

  @Bean
  SemanticCache semanticCache(SemanticCacheProperties properties, MiniLmEmbedder embedder, VectorStore store,
      SemanticCacheThreads threads, MeterRegistry meters, ObjectProvider<Clock> clock) {
    return new SemanticCache(embedder, store, new NearMissGuard(), properties.cacheSettings(), threads.lookups(),
        meters, clock.getIfAvailable(Clock::systemUTC));
  }

  static QdrantClient qdrantClient(SemanticCacheProperties.Qdrant qdrant) {
    QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(qdrant.host(), qdrant.port(), qdrant.useTls())
        .withTimeout(qdrant.timeout());
    if (qdrant.apiKey() != null && !qdrant.apiKey().isBlank()) {
      grpc.withApiKey(qdrant.apiKey());
    }
    return new QdrantClient(grpc.build());
  }

  /**
   * The cache's own threads: a bounded pool for lookups and stores, and one that deletes expired entries.
   *
   * @param lookups runs lookups and stores; its queue is bounded so a slow store cannot hold requests without end
   */
  record SemanticCacheThreads(ThreadPoolExecutor lookups, ScheduledExecutorService eviction)
      implements AutoCloseable {

    static SemanticCacheThreads start(SemanticCacheProperties properties, VectorStore store) {
      AtomicInteger number = new AtomicInteger();
      ThreadPoolExecutor lookups = new ThreadPoolExecutor(properties.lookupThreads(), properties.lookupThreads(),
          0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(properties.queueCapacity()), task -> {
            Thread thread = new Thread(task, "semantic-cache-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          }, new ThreadPoolExecutor.AbortPolicy());
      ScheduledExecutorService eviction = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "semantic-cache-eviction");
        thread.setDaemon(true);
        return thread;
      });
      long every = properties.evictionInterval().toMillis();
      eviction.scheduleWithFixedDelay(() -> {
        try {
          store.evictExpired();
        } catch (RuntimeException e) {
          // The next round tries again; expired entries are never returned meanwhile.
          log.warn("Could not evict expired semantic cache entries: {}", e.toString());
        }
      }, every, every, TimeUnit.MILLISECONDS);
      return new SemanticCacheThreads(lookups, eviction);
    }

    @Override
    public void close() {
      eviction.shutdownNow();
      lookups.shutdown();
    }
  }
}
