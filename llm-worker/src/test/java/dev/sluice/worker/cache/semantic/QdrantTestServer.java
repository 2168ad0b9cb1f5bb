package dev.sluice.worker.cache.semantic;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TEST DOUBLE of a Qdrant server: a real gRPC server on a loopback port, implementing the part of Qdrant's gRPC API
 * that {@link QdrantVectorStore} uses (health check, collection exists/create, payload index, upsert, query with a
 * filter, delete by filter, count) over the stub bases generated into the {@code io.qdrant:client} jar.
 *
 * <p>The client, its channel and the wire format are the real ones; only the server side is ours. It checks what a
 * real server would refuse (unknown collection, wrong vector size, a filter or query shape it does not implement,
 * which it answers with UNIMPLEMENTED rather than guess) and keeps every request it received so tests can assert on
 * what the adapter sent. Points are kept in memory and searched exhaustively by cosine similarity.
 */
final class QdrantTestServer implements AutoCloseable {

  private final Server server;
  private final Map<String, Collection> collections = new ConcurrentHashMap<>();
  private final List<Object> requests = new CopyOnWriteArrayList<>();

  private QdrantTestServer(Server server) {
    this.server = server;
  }

  static QdrantTestServer start() {
    QdrantTestServer[] self = new QdrantTestServer[1];
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new QdrantGrpc.QdrantImplBase() {
          @Override
          public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> answer) {
            self[0].reply(answer, HealthCheckReply.newBuilder().setTitle("qdrant test double")
                .setVersion("1.18.0").build());
          }
        })
        .addService(new CollectionsGrpc.CollectionsImplBase() {
          @Override
          public void collectionExists(CollectionExistsRequest request,
              StreamObserver<CollectionExistsResponse> answer) {
            self[0].collectionExists(request, answer);
          }

          @Override
          public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> answer) {
            self[0].create(request, answer);
          }
        })
        .addService(new PointsGrpc.PointsImplBase() {
          @Override
          public void createFieldIndex(CreateFieldIndexCollection request,
              StreamObserver<PointsOperationResponse> answer) {
            self[0].createFieldIndex(request, answer);
          }

          @Override
          public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> answer) {
            self[0].upsert(request, answer);
          }

          @Override
          public void query(QueryPoints request, StreamObserver<QueryResponse> answer) {
            self[0].query(request, answer);
          }

          @Override
          public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> answer) {
            self[0].delete(request, answer);
          }

          @Override
          public void count(CountPoints request, StreamObserver<CountResponse> answer) {
            self[0].count(request, answer);
          }
        })
        .build();
    self[0] = new QdrantTestServer(server);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Qdrant test server", e);
    }
    return self[0];
  }

  int port() {
    return server.getPort();
  }

  /** Every request received, in order. */
  List<Object> requests() {
    return List.copyOf(requests);
  }

  <T> List<T> requests(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> answer) {
    requests.add(request);
    reply(answer, CollectionExistsResponse.newBuilder().setResult(CollectionExists.newBuilder()
        .setExists(collections.containsKey(request.getCollectionName()))).build());
  }

  private void create(CreateCollection request, StreamObserver<CollectionOperationResponse> answer) {
    requests.add(request);
    if (!request.getVectorsConfig().hasParams()) {
      fail(answer, Status.UNIMPLEMENTED, "only a single unnamed dense vector is implemented");
      return;
    }
    Collection created = new Collection((int) request.getVectorsConfig().getParams().getSize(),
        request.getVectorsConfig().getParams().getDistance());
    if (collections.putIfAbsent(request.getCollectionName(), created) != null) {
      fail(answer, Status.ALREADY_EXISTS, "Collection `" + request.getCollectionName() + "` already exists!");
      return;
    }
    reply(answer, CollectionOperationResponse.newBuilder().setResult(true).build());
  }

  private void createFieldIndex(CreateFieldIndexCollection request, StreamObserver<PointsOperationResponse> answer) {
    requests.add(request);
    if (collection(request.getCollectionName(), answer) != null) {
      reply(answer, completed());
    }
  }

  private void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> answer) {
    requests.add(request);
    Collection collection = collection(request.getCollectionName(), answer);
    if (collection == null) {
      return;
    }
    for (PointStruct point : request.getPointsList()) {
      if (!point.getVectors().hasVector()) {
        fail(answer, Status.UNIMPLEMENTED, "only a single unnamed dense vector is implemented");
        return;
      }
      float[] vector = dense(point.getVectors().getVector());
      if (vector.length != collection.size) {
        fail(answer, Status.INVALID_ARGUMENT, "Wrong input: Vector dimension error: expected dim: "
            + collection.size + ", got " + vector.length);
        return;
      }
    }
    for (PointStruct point : request.getPointsList()) {
      collection.points.put(point.getId(), new Stored(dense(point.getVectors().getVector()), point.getPayloadMap()));
    }
    reply(answer, completed());
  }

  private void query(QueryPoints request, StreamObserver<QueryResponse> answer) {
    requests.add(request);
    Collection collection = collection(request.getCollectionName(), answer);
    if (collection == null) {
      return;
    }
    if (!request.getQuery().hasNearest() || !request.getQuery().getNearest().hasDense()) {
      fail(answer, Status.UNIMPLEMENTED, "only a nearest query by a dense vector is implemented");
      return;
    }
    VectorInput input = request.getQuery().getNearest();
    float[] vector = toArray(input.getDense().getDataList());
    if (vector.length != collection.size) {
      fail(answer, Status.INVALID_ARGUMENT, "Wrong input: Vector dimension error: expected dim: "
          + collection.size + ", got " + vector.length);
      return;
    }
    List<ScoredPoint> scored = new ArrayList<>();
    try {
      collection.points.forEach((id, point) -> {
        if (matches(request.getFilter(), point.payload())) {
          ScoredPoint.Builder hit = ScoredPoint.newBuilder().setId(id).setScore((float) cosine(vector, point.vector()));
          if (request.getWithPayload().getEnable()) {
            hit.putAllPayload(point.payload());
          }
          scored.add(hit.build());
        }
      });
    } catch (UnsupportedOperationException e) {
      fail(answer, Status.UNIMPLEMENTED, e.getMessage());
      return;
    }
    scored.sort(Comparator.comparingDouble(ScoredPoint::getScore).reversed());
    // Qdrant's default limit is 10.
    long limit = request.hasLimit() ? request.getLimit() : 10;
    reply(answer, QueryResponse.newBuilder().addAllResult(scored.stream().limit(limit).toList()).build());
  }

  private void delete(DeletePoints request, StreamObserver<PointsOperationResponse> answer) {
    requests.add(request);
    Collection collection = collection(request.getCollectionName(), answer);
    if (collection == null) {
      return;
    }
    if (!request.getPoints().hasFilter()) {
      fail(answer, Status.UNIMPLEMENTED, "only deleting by filter is implemented");
      return;
    }
    try {
      collection.points.values().removeIf(point -> matches(request.getPoints().getFilter(), point.payload()));
    } catch (UnsupportedOperationException e) {
      fail(answer, Status.UNIMPLEMENTED, e.getMessage());
      return;
    }
    reply(answer, completed());
  }

  private void count(CountPoints request, StreamObserver<CountResponse> answer) {
    requests.add(request);
    Collection collection = collection(request.getCollectionName(), answer);
    if (collection == null) {
      return;
    }
    if (request.hasFilter()) {
      fail(answer, Status.UNIMPLEMENTED, "only counting a whole collection is implemented");
      return;
    }
    reply(answer, CountResponse.newBuilder().setResult(CountResult.newBuilder()
        .setCount(collection.points.size())).build());
  }

  /** The subset of Qdrant's filters the adapter uses: {@code must} of keyword matches and numeric ranges. */
  private static boolean matches(Filter filter, Map<String, Value> payload) {
    if (filter.getShouldCount() > 0 || filter.getMustNotCount() > 0 || filter.hasMinShould()) {
      throw new UnsupportedOperationException("only 'must' filters are implemented");
    }
    for (Condition condition : filter.getMustList()) {
      if (!condition.hasField()) {
        throw new UnsupportedOperationException("only field conditions are implemented");
      }
      FieldCondition field = condition.getField();
      Value value = payload.get(field.getKey());
      if (field.hasMatch() && field.getMatch().hasKeyword()) {
        if (value == null || !value.hasStringValue() || !value.getStringValue().equals(field.getMatch().getKeyword())) {
          return false;
        }
      } else if (field.hasRange()) {
        if (value == null || !(value.hasIntegerValue() || value.hasDoubleValue())) {
          return false;
        }
        double number = value.hasIntegerValue() ? value.getIntegerValue() : value.getDoubleValue();
        if (!inRange(number, field.getRange())) {
          return false;
        }
      } else {
        throw new UnsupportedOperationException("only keyword matches and ranges are implemented");
      }
    }
    return true;
  }

  private static boolean inRange(double number, Range range) {
    return (!range.hasGt() || number > range.getGt()) && (!range.hasGte() || number >= range.getGte())
        && (!range.hasLt() || number < range.getLt()) && (!range.hasLte() || number <= range.getLte());
  }

  private static float[] dense(Vector vector) {
    return toArray(vector.hasDense() ? vector.getDense().getDataList() : vector.getDataList());
  }

  private static float[] toArray(List<Float> values) {
    float[] array = new float[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      normA += a[i] * a[i];
      normB += b[i] * b[i];
    }
    return dot / Math.sqrt(normA * normB);
  }

  private Collection collection(String name, StreamObserver<?> answer) {
    Collection collection = collections.get(name);
    if (collection == null) {
      fail(answer, Status.NOT_FOUND, "Collection `" + name + "` doesn't exist!");
      return null;
    }
    if (collection.distance != Distance.Cosine) {
      fail(answer, Status.UNIMPLEMENTED, "only cosine distance is implemented");
      return null;
    }
    return collection;
  }

  private static PointsOperationResponse completed() {
    return PointsOperationResponse.newBuilder()
        .setResult(UpdateResult.newBuilder().setOperationId(0).setStatus(UpdateStatus.Completed)).build();
  }

  private <T> void reply(StreamObserver<T> answer, T response) {
    answer.onNext(response);
    answer.onCompleted();
  }

  private static void fail(StreamObserver<?> answer, Status status, String message) {
    answer.onError(status.withDescription(message).asRuntimeException());
  }

  private record Collection(int size, Distance distance, Map<PointId, Stored> points) {

    private Collection(int size, Distance distance) {
      this(size, distance, new ConcurrentHashMap<>());
    }
  }

  private record Stored(float[] vector, Map<String, Value> payload) {
  }
}
