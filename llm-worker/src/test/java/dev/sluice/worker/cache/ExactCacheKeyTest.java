package dev.sluice.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Priority;
import dev.sluice.events.Role;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ExactCacheKeyTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

  /** The encoding, spelled out byte by byte: a change to it must change FORMAT, on purpose. */
  @Test
  void theKeyIsTheSha256OfTheDocumentedEncoding() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream expected = new DataOutputStream(bytes);
    for (String part : List.of("sluice-exact-cache-v1", "acme", "gpt-4o")) {
      writeString(expected, part);
    }
    expected.writeInt(2);
    writeString(expected, "SYSTEM");
    writeString(expected, "Be brief.");
    expected.writeBoolean(false);
    writeString(expected, "USER");
    writeString(expected, "Hi");
    expected.writeBoolean(false);
    expected.writeBoolean(true);
    expected.writeLong(Double.doubleToLongBits(0.0));
    expected.writeBoolean(false);
    expected.writeBoolean(true);
    expected.writeInt(100);
    expected.writeInt(0);
    writeString(expected, "text");

    assertThat(ExactCacheKey.of(request()))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())));
  }

  @Test
  void theSameQuestionAskedAgainHasTheSameKeyWhateverItsIdentityAndTimes() {
    ChatRequest again = ChatRequest.newBuilder(request())
        .setRequestId("another")
        .setUserId("bob")
        .setCreatedAt(CREATED.plusSeconds(3_600))
        .setDeadline(CREATED.plusSeconds(3_700))
        .setPriority(Priority.BATCH)
        .setCachePolicy(CachePolicy.BYPASS)
        .setMetadata(Map.of("trace", "abc"))
        .build();

    assertThat(ExactCacheKey.of(again)).isEqualTo(ExactCacheKey.of(request()));
  }

  @Test
  void everythingThatShapesTheAnswerChangesTheKey() {
    List<UnaryOperator<ChatRequest.Builder>> changes = List.of(
        r -> r.setTenantId("globex"),
        r -> r.setModel("gpt-4o-mini"),
        r -> r.setMessages(List.of(message(Role.SYSTEM, "Be brief.", null), message(Role.USER, "Hi!", null))),
        r -> r.setMessages(List.of(message(Role.USER, "Be brief.", null), message(Role.USER, "Hi", null))),
        r -> r.setMessages(List.of(message(Role.SYSTEM, "Be brief.", null), message(Role.USER, "Hi", "alice"))),
        r -> r.setMessages(List.of(message(Role.USER, "Hi", null), message(Role.SYSTEM, "Be brief.", null))),
        r -> r.setMessages(List.of(message(Role.USER, "Hi", null))),
        r -> r.setParams(params().setTemperature(0.7).build()),
        r -> r.setParams(params().setTemperature(null).build()),
        r -> r.setParams(params().setTopP(0.9).build()),
        r -> r.setParams(params().setMaxTokens(101).build()),
        r -> r.setParams(params().setMaxTokens(null).build()),
        r -> r.setParams(params().setStop(List.of("END")).build()),
        r -> r.setParams(params().setResponseFormat("json_object").build()));
    String original = ExactCacheKey.of(request());

    List<String> changed = changes.stream()
        .map(change -> ExactCacheKey.of(change.apply(ChatRequest.newBuilder(request())).build()))
        .toList();

    assertThat(changed).doesNotContain(original).doesNotHaveDuplicates();
  }

  @Test
  void stringsAreDelimitedByTheirLengthSoNoTwoRequestsEncodeAlike() {
    assertThat(keyOf(List.of(message(Role.USER, "ab", null), message(Role.USER, "c", null)), params().build()))
        .isNotEqualTo(keyOf(List.of(message(Role.USER, "a", null), message(Role.USER, "bc", null)), params().build()));
    assertThat(keyOf(List.of(message(Role.USER, "q", null)), params().setStop(List.of("a,b")).build()))
        .isNotEqualTo(keyOf(List.of(message(Role.USER, "q", null)), params().setStop(List.of("a", "b")).build()));
    assertThat(keyOf(List.of(message(Role.USER, "q", "")), params().build()))
        .isNotEqualTo(keyOf(List.of(message(Role.USER, "q", null)), params().build()));
  }

  @Test
  void spellingsOfTheSameRequestToTheProviderShareAKey() {
    List<ChatMessage> messages = List.of(message(Role.USER, "q", null));

    assertThat(keyOf(messages, params().setResponseFormat(null).build()))
        .isEqualTo(keyOf(messages, params().setResponseFormat("text").build()));
    assertThat(keyOf(messages, params().setTemperature(-0.0).build()))
        .isEqualTo(keyOf(messages, params().setTemperature(0.0).build()));
  }

  /** A field added to a request's schema must be put in the key, or named here as not shaping the answer. */
  @Test
  void everyFieldOfTheRequestIsEitherInTheKeyOrKnownNotToShapeTheAnswer() {
    assertThat(fieldNames(ChatParams.getClassSchema()))
        .containsExactlyInAnyOrder("temperature", "maxTokens", "topP", "stop", "responseFormat");
    assertThat(fieldNames(ChatMessage.getClassSchema())).containsExactlyInAnyOrder("role", "content", "name");
    assertThat(fieldNames(ChatRequest.getClassSchema())).containsExactlyInAnyOrder(
        // in the key
        "tenantId", "model", "messages", "params",
        // not shaping the answer
        "requestId", "userId", "createdAt", "deadline", "priority", "cachePolicy", "metadata");
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static List<String> fieldNames(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }

  private static String keyOf(List<ChatMessage> messages, ChatParams params) {
    return ExactCacheKey.of(ChatRequest.newBuilder(request()).setMessages(messages).setParams(params).build());
  }

  static ChatRequest request() {
    return ChatRequest.newBuilder()
        .setRequestId("r-1")
        .setTenantId("acme")
        .setCreatedAt(CREATED)
        .setDeadline(CREATED.plusSeconds(60))
        .setModel("gpt-4o")
        .setMessages(List.of(message(Role.SYSTEM, "Be brief.", null), message(Role.USER, "Hi", null)))
        .setParams(params().build())
        .build();
  }

  static ChatParams.Builder params() {
    return ChatParams.newBuilder().setTemperature(0.0).setMaxTokens(100);
  }

  static ChatMessage message(Role role, String content, String name) {
    return ChatMessage.newBuilder().setRole(role).setContent(content).setName(name).build();
  }
}
