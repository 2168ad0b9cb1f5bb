package dev.sluice.worker.cache.semantic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;

/**
 * The embedded vector store: an Apache Lucene index with an HNSW graph per segment, searched with the scope as a
 * pre-filter, in memory or in a directory that survives restarts.
 *
 * <p>It holds at most {@code maxEntries}: past that, expired entries go first, then the oldest, down to nine tenths of
 * the bound so that eviction runs once per many writes rather than on each. Expired entries are never returned, and
 * {@link #evictExpired()} deletes them (and commits, for an index on disk). Reads run concurrently; writes are
 * serialized. A read after a write first reopens the index, so it sees the write; writes with no read between them
 * share one reopen (each reopen flushes a small segment, so reopening on every write would make bulk writes slow).
 */
public final class LuceneVectorStore implements VectorStore {

  private static final String ID = "id";
  private static final String TENANT = "tenant";
  private static final String MODEL = "model";
  private static final String CONTEXT = "context";
  private static final String EXPIRES_AT = "expires_at";
  private static final String STORED_AT = "stored_at";
  private static final String VECTOR = "vector";
  private static final String PAYLOAD_PREFIX = "payload.";
  /**
   * Lucene's HNSW search keeps as many candidates as it is asked for; asking for only the few a lookup needs would
   * miss true neighbours in a large scope, so it always searches at least this wide and keeps the best {@code k}.
   */
  private static final int MIN_SEARCH_BREADTH = 64;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final int maxEntries;
  private final Clock clock;
  private final ReentrantLock writes = new ReentrantLock();
  /** Counts changes to the index; {@code visible} is the count the open searcher includes. */
  private final AtomicLong changes = new AtomicLong();
  private final Object reopening = new Object();
  private volatile long visible;

  private LuceneVectorStore(Directory directory, int maxEntries, Clock clock) throws IOException {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    this.directory = directory;
    this.writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    this.searchers = new SearcherManager(writer, null);
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** An index in the heap, gone when the process stops. */
  public static LuceneVectorStore inMemory(int maxEntries, Clock clock) {
    try {
      return new LuceneVectorStore(new ByteBuffersDirectory(), maxEntries, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create an in-memory Lucene index", e);
    }
  }

  /** An index in {@code path} (created if missing), reopened with its entries after a restart. */
  public static LuceneVectorStore onDisk(Path path, int maxEntries, Clock clock) {
    try {
      return new LuceneVectorStore(FSDirectory.open(path), maxEntries, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the Lucene index in " + path, e);
    }
  }

  @Override
  public void upsert(CacheScope scope, String id, float[] vector, Map<String, String> payload,
      @Nullable Duration ttl) {
    long now = clock.millis();
    Document document = new Document();
    document.add(new StringField(ID, id, Field.Store.YES));
    document.add(new StringField(TENANT, scope.tenantId(), Field.Store.NO));
    document.add(new StringField(MODEL, scope.model(), Field.Store.NO));
    document.add(new StringField(CONTEXT, scope.contextHash(), Field.Store.NO));
    long expiresAt = ttl == null ? Long.MAX_VALUE : saturatedAdd(now, ttl.toMillis());
    document.add(new LongPoint(EXPIRES_AT, expiresAt));
    document.add(new NumericDocValuesField(STORED_AT, now));
    document.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
    payload.forEach((key, value) -> document.add(new StoredField(PAYLOAD_PREFIX + key, value)));
    writes.lock();
    try {
      writer.updateDocument(new Term(ID, id), document);
      changes.incrementAndGet();
      // The writer's count is cheap but counts a replaced entry twice until it is flushed: check before reopening.
      if (writer.getDocStats().numDocs > maxEntries && count() > maxEntries) {
        makeRoom(now);
      }
    } catch (IOException e) {
      throw new VectorStoreException("could not write to the Lucene index", e);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public List<Neighbour> nearest(CacheScope scope, float[] vector, int k) {
    Query inScope = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(TENANT, scope.tenantId())), Occur.FILTER)
        .add(new TermQuery(new Term(MODEL, scope.model())), Occur.FILTER)
        .add(new TermQuery(new Term(CONTEXT, scope.contextHash())), Occur.FILTER)
        .add(LongPoint.newRangeQuery(EXPIRES_AT, saturatedAdd(clock.millis(), 1), Long.MAX_VALUE), Occur.FILTER)
        .build();
    try {
      IndexSearcher searcher = current();
      try {
        TopDocs top = searcher.search(
            new KnnFloatVectorQuery(VECTOR, vector, Math.max(k, MIN_SEARCH_BREADTH), inScope), k);
        StoredFields stored = searcher.storedFields();
        List<Neighbour> neighbours = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
          neighbours.add(neighbour(stored.document(hit.doc), hit.score));
        }
        return neighbours;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new VectorStoreException("could not search the Lucene index", e);
    }
  }

  @Override
  public void evictExpired() {
    writes.lock();
    try {
      deleteExpired(clock.millis());
      writer.commit();
    } catch (IOException e) {
      throw new VectorStoreException("could not evict from the Lucene index", e);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public long size() {
    try {
      return count();
    } catch (IOException e) {
      throw new VectorStoreException("could not count the Lucene index", e);
    }
  }

  @Override
  public void close() {
    writes.lock();
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new VectorStoreException("could not close the Lucene index", e);
    } finally {
      writes.unlock();
    }
  }

  /** Expired entries first, then the oldest, down to nine tenths of the bound. */
  private void makeRoom(long now) throws IOException {
    deleteExpired(now);
    int excess = count() - maxEntries * 9 / 10;
    if (excess <= 0) {
      return;
    }
    IndexSearcher searcher = current();
    try {
      TopDocs oldest = searcher.search(new MatchAllDocsQuery(), excess,
          new Sort(new SortField(STORED_AT, SortField.Type.LONG)));
      StoredFields stored = searcher.storedFields();
      List<Term> ids = new ArrayList<>(oldest.scoreDocs.length);
      for (ScoreDoc doc : oldest.scoreDocs) {
        ids.add(new Term(ID, stored.document(doc.doc).get(ID)));
      }
      writer.deleteDocuments(ids.toArray(Term[]::new));
    } finally {
      searchers.release(searcher);
    }
    changes.incrementAndGet();
  }

  private void deleteExpired(long now) throws IOException {
    writer.deleteDocuments(LongPoint.newRangeQuery(EXPIRES_AT, Long.MIN_VALUE, now));
    changes.incrementAndGet();
  }

  private int count() throws IOException {
    IndexSearcher searcher = current();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      searchers.release(searcher);
    }
  }

  /** A searcher that sees every write so far; release it after use. */
  private IndexSearcher current() throws IOException {
    long wanted = changes.get();
    if (visible < wanted) {
      synchronized (reopening) {
        if (visible < wanted) {
          // Reopening includes every change made before it starts, so at least the ones counted in wanted.
          searchers.maybeRefreshBlocking();
          visible = wanted;
        }
      }
    }
    return searchers.acquire();
  }

  private static Neighbour neighbour(Document document, float score) {
    Map<String, String> payload = new HashMap<>();
    for (IndexableField field : document.getFields()) {
      if (field.name().startsWith(PAYLOAD_PREFIX)) {
        payload.put(field.name().substring(PAYLOAD_PREFIX.length()), field.stringValue());
      }
    }
    // Lucene scores cosine as (1 + cos) / 2 so that scores are never negative.
    return new Neighbour(document.get(ID), 2.0 * score - 1.0, payload);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
