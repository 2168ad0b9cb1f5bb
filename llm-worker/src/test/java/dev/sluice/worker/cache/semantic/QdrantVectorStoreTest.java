package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.QueryPoints;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Qdrant adapter through the real {@code io.qdrant:client} over real gRPC (HTTP/2 on a loopback port), against
 * {@link QdrantTestServer}, a test double of the server side. A real Qdrant is not installable on this machine.
 */
class QdrantVectorStoreTest extends VectorStoreContract {

  private static final AtomicInteger COLLECTIONS = new AtomicInteger();
  private static QdrantTestServer server;

  private String collection;

  @BeforeAll
  static void startServer() {
    server = QdrantTestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected VectorStore newStore(ManualClock clock) {
    collection = "semantic-cache-" + COLLECTIONS.incrementAndGet();
    return connect(server, collection, clock);
  }

  @Test
  void createsAMissingCollectionWithCosineDistanceAndIndexesTheScope() {
    CreateCollection created = server.requests(CreateCollection.class).stream()
        .filter(request -> request.getCollectionName().equals(collection))
        .collect(Collectors.reducing((a, b) -> {
          throw new AssertionError("the collection was created twice");
        }))
        .orElseThrow();
    assertThat(created.getVectorsConfig().getParams().getSize()).isEqualTo(DIMENSION);
    assertThat(created.getVectorsConfig().getParams().getDistance()).isEqualTo(Distance.Cosine);

    Map<String, FieldType> indexes = server.requests(CreateFieldIndexCollection.class).stream()
        .filter(request -> request.getCollectionName().equals(collection))
        .collect(Collectors.toMap(CreateFieldIndexCollection::getFieldName, CreateFieldIndexCollection::getFieldType));
    assertThat(indexes).containsExactlyInAnyOrderEntriesOf(Map.of(
        "tenant", FieldType.FieldTypeKeyword, "model", FieldType.FieldTypeKeyword,
        "context", FieldType.FieldTypeKeyword, "expires_at", FieldType.FieldTypeInteger));
  }

  @Test
  void anExistingCollectionIsReusedWithItsPoints() {
    float[] vector = randomVector();
    store.upsert(SCOPE, "entry", vector, Map.of("content", "Paris."), null);

    try (VectorStore second = connect(server, collection, clock)) {
      assertThat(second.nearest(SCOPE, vector, 1)).extracting(Neighbour::id).containsExactly("entry");
    }
    assertThat(server.requests(CreateCollection.class))
        .filteredOn(request -> request.getCollectionName().equals(collection)).hasSize(1);
  }

  @Test
  void everySearchFiltersOnTenantModelConversationAndExpiry() {
    store.nearest(SCOPE, randomVector(), 3);

    QueryPoints query = server.requests(QueryPoints.class).get(server.requests(QueryPoints.class).size() - 1);
    assertThat(query.getCollectionName()).isEqualTo(collection);
    assertThat(query.getLimit()).isEqualTo(3);
    assertThat(query.getWithPayload().getEnable()).isTrue();
    assertThat(query.getQuery().getNearest().getDense().getDataCount()).isEqualTo(DIMENSION);
    List<Condition> must = query.getFilter().getMustList();
    assertThat(must).extracting(condition -> condition.getField().getKey())
        .containsExactlyInAnyOrder("tenant", "model", "context", "expires_at");
    assertThat(must).filteredOn(condition -> condition.getField().hasMatch())
        .extracting(condition -> condition.getField().getMatch().getKeyword())
        .containsExactlyInAnyOrder(SCOPE.tenantId(), SCOPE.model(), SCOPE.contextHash());
    assertThat(must).filteredOn(condition -> condition.getField().hasRange()).singleElement()
        .satisfies(condition -> assertThat(condition.getField().getRange().getGt())
            .isEqualTo((double) START.toEpochMilli()));
  }

  @Test
  void aVectorOfTheWrongLengthIsRefusedByTheServer() {
    assertThatThrownBy(() -> store.upsert(SCOPE, "entry", new float[DIMENSION + 1], Map.of(), null))
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("dimension");
  }

  @Test
  void anUnreachableServerIsAVectorStoreException() {
    QdrantTestServer gone = QdrantTestServer.start();
    VectorStore orphan = connect(gone, "orphan", clock);
    gone.close();
    try {
      assertThatThrownBy(() -> orphan.nearest(SCOPE, randomVector(), 1)).isInstanceOf(VectorStoreException.class);
    } finally {
      orphan.close();
    }
  }

  static VectorStore connect(QdrantTestServer server, String collection, Clock clock) {
    SemanticCacheProperties.Qdrant settings = new SemanticCacheProperties.Qdrant("127.0.0.1", server.port(), false,
        null, collection, Duration.ofSeconds(5));
    return new QdrantVectorStore(SemanticCacheConfiguration.qdrantClient(settings), collection, DIMENSION,
        settings.timeout(), clock);
  }
}
