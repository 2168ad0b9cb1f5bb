package dev.sluice.worker.cache.semantic;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The vector store on a Qdrant server, through the official gRPC client. One collection (cosine distance) holds every
 * scope; each point carries its scope and expiry as indexed payload, and every search filters on them.
 *
 * <p>Qdrant has no time to live of its own: an expired point is filtered out of every search and deleted by
 * {@link #evictExpired()}. Its size is bounded by the server's storage, not here.
 */
public final class QdrantVectorStore implements VectorStore {

  static final String TENANT = "tenant";
  static final String MODEL = "model";
  static final String CONTEXT = "context";
  static final String EXPIRES_AT = "expires_at";
  static final String ENTRY_ID = "entry_id";
  static final String PAYLOAD = "payload";

  private final QdrantClient client;
  private final String collection;
  private final Duration timeout;
  private final Clock clock;

  /**
   * Connects to {@code collection}, creating it with cosine distance and the payload indexes the scope filter uses if
   * it is missing.
   *
   * @param dimension the length of every vector, fixed when the collection is created
   * @param timeout the longest each call to the server may take
   */
  public QdrantVectorStore(QdrantClient client, String collection, int dimension, Duration timeout, Clock clock) {
    this.client = client;
    this.collection = collection;
    this.timeout = timeout;
    this.clock = clock;
    ensureCollection(dimension);
  }

  @Override
  public void upsert(CacheScope scope, String id, float[] vector, Map<String, String> payload,
      @Nullable Duration ttl) {
    Map<String, Value> entry = new HashMap<>();
    payload.forEach((key, text) -> entry.put(key, value(text)));
    long expiresAt = ttl == null ? Long.MAX_VALUE : clock.millis() + ttl.toMillis();
    PointStruct point = PointStruct.newBuilder()
        .setId(id(pointId(id)))
        .setVectors(vectors(vector))
        .putPayload(TENANT, value(scope.tenantId()))
        .putPayload(MODEL, value(scope.model()))
        .putPayload(CONTEXT, value(scope.contextHash()))
        .putPayload(EXPIRES_AT, value(expiresAt))
        .putPayload(ENTRY_ID, value(id))
        .putPayload(PAYLOAD, value(entry))
        .build();
    call("upsert a point", client.upsertAsync(collection, List.of(point), timeout));
  }

  @Override
  public List<Neighbour> nearest(CacheScope scope, float[] vector, int k) {
    Filter inScope = Filter.newBuilder()
        .addMust(matchKeyword(TENANT, scope.tenantId()))
        .addMust(matchKeyword(MODEL, scope.model()))
        .addMust(matchKeyword(CONTEXT, scope.contextHash()))
        .addMust(range(EXPIRES_AT, Range.newBuilder().setGt(clock.millis()).build()))
        .build();
    QueryPoints query = QueryPoints.newBuilder()
        .setCollectionName(collection)
        .setQuery(QueryFactory.nearest(vector))
        .setFilter(inScope)
        .setLimit(k)
        .setWithPayload(enable(true))
        .build();
    return call("search", client.queryAsync(query, timeout)).stream().map(QdrantVectorStore::neighbour).toList();
  }

  @Override
  public void evictExpired() {
    Filter expired = Filter.newBuilder()
        .addMust(range(EXPIRES_AT, Range.newBuilder().setLte(clock.millis()).build()))
        .build();
    call("delete expired points", client.deleteAsync(collection, expired, timeout));
  }

  @Override
  public long size() {
    return call("count points", client.countAsync(collection, null, true, timeout));
  }

  @Override
  public void close() {
    client.close();
  }

  private void ensureCollection(int dimension) {
    if (!call("check the collection", client.collectionExistsAsync(collection, timeout))) {
      try {
        call("create the collection", client.createCollectionAsync(collection,
            VectorParams.newBuilder().setSize(dimension).setDistance(Distance.Cosine).build(), timeout));
      } catch (VectorStoreException e) {
        // Another worker created it between our check and our create.
        if (Status.fromThrowable(e.getCause()).getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
    // Without payload indexes Qdrant filters by scanning; creating an index that exists is a no-op.
    for (String keyword : List.of(TENANT, MODEL, CONTEXT)) {
      call("index " + keyword, client.createPayloadIndexAsync(collection, keyword, PayloadSchemaType.Keyword, null,
          true, null, timeout));
    }
    call("index " + EXPIRES_AT, client.createPayloadIndexAsync(collection, EXPIRES_AT, PayloadSchemaType.Integer,
        null, true, null, timeout));
  }

  /** Qdrant ids are integers or UUIDs; the entry's own id is kept in the payload. */
  static UUID pointId(String id) {
    return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
  }

  private static Neighbour neighbour(ScoredPoint point) {
    Map<String, String> payload = new HashMap<>();
    Value entry = point.getPayloadMap().get(PAYLOAD);
    if (entry != null) {
      entry.getStructValue().getFieldsMap().forEach((key, text) -> payload.put(key, text.getStringValue()));
    }
    Value id = point.getPayloadMap().get(ENTRY_ID);
    return new Neighbour(id == null ? point.getId().getUuid() : id.getStringValue(), point.getScore(), payload);
  }

  private <T> T call(String what, ListenableFuture<T> call) {
    try {
      return call.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new VectorStoreException("interrupted while waiting for Qdrant to " + what, e);
    } catch (ExecutionException e) {
      throw new VectorStoreException("Qdrant could not " + what + " in collection '" + collection + "': "
          + e.getCause().getMessage(), e.getCause());
    }
  }
}
