package dev.sluice.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Priority;
import dev.sluice.events.Role;
import dev.sluice.schemas.topics.ApicurioSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner jar this module builds is a working Apicurio Registry for the project's serdes: Avro events round-trip
 * through it, and its global BACKWARD rule turns away an incompatible schema, over REST and from a producer.
 */
class ApicurioRegistryIT {

  private static final Duration READY_WITHIN = Duration.ofMinutes(2);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static RegistryProcess registry;

  @BeforeAll
  static void startRegistryWithBackwardRule() throws Exception {
    registry = RegistryProcess.start(Path.of(System.getProperty("registry.runner.jar")), READY_WITHIN);
    HttpResponse<String> rule = send(HttpRequest.newBuilder(URI.create(registry.apiUrl() + "/admin/rules"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}")));
    assertThat(rule.statusCode()).as("enable global BACKWARD rule: %s", rule.body()).isEqualTo(204);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void chatRequestRoundTripsThroughTheRegistryAndIsRegisteredUnderTheTopic() throws Exception {
    TopicDescriptor<String, ChatRequest> requests =
        new SluiceTopics("it.roundtrip.", ApicurioSerdes.forRegistry(registry.apiUrl())).requests();
    ChatRequest request = chatRequest("req-1");

    byte[] payload = requests.valueSerde().serializer().serialize(requests.name(), request);
    ChatRequest back = requests.valueSerde().deserializer().deserialize(requests.name(), payload);

    assertThat(back).isEqualTo(request);
    HttpResponse<String> artifact = get("/groups/default/artifacts/" + requests.name() + "-value/meta");
    assertThat(artifact.statusCode()).as(artifact.body()).isEqualTo(200);
    assertThat(artifact.body()).contains("\"type\":\"AVRO\"");
  }

  @Test
  void backwardRuleRejectsANewRequiredFieldOverRestWith409AndAcceptsAnOptionalOne() throws Exception {
    String artifactId = "it-rest-chat-request";
    HttpResponse<String> created = send(HttpRequest.newBuilder(
            URI.create(registry.apiUrl() + "/groups/default/artifacts"))
        .header("Content-Type", "application/json")
        .header("X-Registry-ArtifactId", artifactId)
        .header("X-Registry-ArtifactType", "AVRO")
        .POST(HttpRequest.BodyPublishers.ofString(ChatRequest.getClassSchema().toString())));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

    HttpResponse<String> incompatible = postVersion(artifactId, withField(ChatRequest.getClassSchema(),
        new Schema.Field("costCenter", Schema.create(Schema.Type.STRING))));
    HttpResponse<String> compatible = postVersion(artifactId, withField(ChatRequest.getClassSchema(),
        new Schema.Field("costCenter", Schema.create(Schema.Type.STRING), null, "none")));

    assertThat(incompatible.statusCode()).as(incompatible.body()).isEqualTo(409);
    assertThat(incompatible.body()).contains("RuleViolationException");
    assertThat(compatible.statusCode()).as(compatible.body()).isEqualTo(200);
    assertThat(get("/groups/default/artifacts/" + artifactId + "/versions").body()).contains("\"count\":2");
  }

  @Test
  void backwardRuleRefusesAProducerWhoseSchemaAddsARequiredField() throws Exception {
    TopicDescriptor<String, ChatRequest> requests =
        new SluiceTopics("it.producer.", ApicurioSerdes.forRegistry(registry.apiUrl())).requests();
    requests.valueSerde().serializer().serialize(requests.name(), chatRequest("req-2"));
    Schema incompatible = withField(ChatRequest.getClassSchema(),
        new Schema.Field("costCenter", Schema.create(Schema.Type.STRING)));
    GenericRecord record = asGenericRecord(chatRequest("req-3"), incompatible, "cc-42");

    Throwable refused;
    try (AvroKafkaSerializer<GenericRecord> producerSerializer = new AvroKafkaSerializer<>()) {
      producerSerializer.configure(ApicurioSerdes.clientConfig(registry.apiUrl()), false);
      refused = catchThrowable(() -> producerSerializer.serialize(requests.name(), record));
    }

    assertThat(refused).isInstanceOf(RuleViolationException.class)
        .hasMessageStartingWith("Incompatible artifact: " + requests.name() + "-value [AVRO]");
    HttpResponse<String> versions = get("/groups/default/artifacts/" + requests.name() + "-value/versions");
    assertThat(versions.body()).as("the rejected schema was not stored").contains("\"count\":1");
  }

  private static ChatRequest chatRequest(String requestId) {
    Instant createdAt = Instant.ofEpochMilli(1_760_000_000_000L);
    return ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId("tenant-a")
        .setUserId("user-7")
        .setCreatedAt(createdAt)
        .setDeadline(createdAt.plusSeconds(30))
        .setModel("gpt-4o-mini")
        .setMessages(List.of(
            ChatMessage.newBuilder().setRole(Role.SYSTEM).setContent("Be brief.").build(),
            ChatMessage.newBuilder().setRole(Role.USER).setContent("What is Kafka?").setName("jane").build()))
        .setParams(ChatParams.newBuilder().setTemperature(0.2).setMaxTokens(64).setStop(List.of("\n\n")).build())
        .setPriority(Priority.BATCH)
        .setCachePolicy(CachePolicy.DEFAULT)
        .setMetadata(Map.of("source", "it"))
        .build();
  }

  /** {@code base} with one more field at the end; Avro fields cannot be shared between schemas, so all are copied. */
  private static Schema withField(Schema base, Schema.Field added) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : base.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(added);
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  /** {@code request} as a plain generic record of {@code schema}, with the extra field set to {@code costCenter}. */
  private static GenericRecord asGenericRecord(ChatRequest request, Schema schema, String costCenter)
      throws IOException {
    // A binary round trip yields plain generic values (epoch millis, enum symbols) that a generic writer accepts.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(ChatRequest.class).write(request, encoder);
    encoder.flush();
    GenericRecord generic = new GenericDatumReader<GenericRecord>(ChatRequest.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    GenericRecordBuilder builder = new GenericRecordBuilder(schema);
    for (Schema.Field field : ChatRequest.getClassSchema().getFields()) {
      builder.set(field.name(), generic.get(field.name()));
    }
    return builder.set("costCenter", costCenter).build();
  }

  private static HttpResponse<String> postVersion(String artifactId, Schema schema)
      throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(
            URI.create(registry.apiUrl() + "/groups/default/artifacts/" + artifactId + "/versions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(schema.toString())));
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(registry.apiUrl() + path)).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
