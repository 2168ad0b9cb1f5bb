package dev.sluice.ingress.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.Role;
import dev.sluice.ingress.openai.ApiError;
import dev.sluice.ingress.openai.ApiErrorException;
import dev.sluice.ingress.openai.ChatCompletionRequest;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ChatCompletionValidatorTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ChatCompletionValidator validator = new ChatCompletionValidator();

  /** A valid request: model gpt-4o and one user message "hello". */
  private static ObjectNode validRequest() {
    ObjectNode request = JSON.createObjectNode();
    request.put("model", "gpt-4o");
    request.putArray("messages").addObject().put("role", "user").put("content", "hello");
    return request;
  }

  private static ObjectNode with(Consumer<ObjectNode> change) {
    ObjectNode request = validRequest();
    change.accept(request);
    return request;
  }

  private ValidatedChat validate(ObjectNode request) {
    return validator.validate(JSON.treeToValue(request, ChatCompletionRequest.class));
  }

  private void assertRejected(ObjectNode request, String param) {
    assertThatThrownBy(() -> validate(request))
        .isInstanceOfSatisfying(ApiErrorException.class, e -> {
          assertThat(e.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
          assertThat(e.error().type()).isEqualTo(ApiError.INVALID_REQUEST);
          assertThat(e.error().param()).isEqualTo(param);
        });
  }

  private static ArrayNode messages(ObjectNode request, int count) {
    ArrayNode messages = request.putArray("messages");
    for (int i = 0; i < count; i++) {
      messages.addObject().put("role", "user").put("content", "m" + i);
    }
    return messages;
  }

  @Test
  void acceptsAMinimalRequestAndCarriesItInEventTerms() {
    ValidatedChat chat = validate(with(r -> {
      ArrayNode messages = r.putArray("messages");
      messages.addObject().put("role", "system").put("content", "be brief");
      messages.addObject().put("role", "user").put("content", "hi").put("name", "ann");
      messages.addObject().put("role", "assistant").put("content", "hello");
    }));

    assertThat(chat.model()).isEqualTo("gpt-4o");
    assertThat(chat.messages()).extracting(ChatMessage::getRole)
        .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT);
    assertThat(chat.messages().get(1).getContent()).isEqualTo("hi");
    assertThat(chat.messages().get(1).getName()).isEqualTo("ann");
    assertThat(chat.params().getTemperature()).isNull();
    assertThat(chat.params().getMaxTokens()).isNull();
    assertThat(chat.params().getTopP()).isNull();
    assertThat(chat.params().getStop()).isEmpty();
    assertThat(chat.params().getResponseFormat()).isNull();
    assertThat(chat.userId()).isNull();
    assertThat(chat.metadata()).isEmpty();
  }

  @Test
  void rejectsAMissingBody() {
    assertThatThrownBy(() -> validator.validate(null)).isInstanceOf(ApiErrorException.class);
  }

  @Nested
  class Streaming {

    @Test
    void rejectsStreamTrueAsNotSupportedYet() {
      assertThatThrownBy(() -> validate(with(r -> r.put("stream", true))))
          .isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.error().param()).isEqualTo("stream");
            assertThat(e.error().message()).isEqualTo("streaming is not supported yet");
          });
    }

    @Test
    void acceptsStreamFalse() {
      assertThat(validate(with(r -> r.put("stream", false))).model()).isEqualTo("gpt-4o");
    }
  }

  @Nested
  class UnsupportedFeatures {

    @Test
    void acceptsNOfOneAndRejectsMore() {
      assertThat(validate(with(r -> r.put("n", 1))).messages()).hasSize(1);
      assertRejected(with(r -> r.put("n", 2)), "n");
    }

    @Test
    void rejectsToolsAndFunctionsButNotEmptyLists() {
      assertThat(validate(with(r -> r.putArray("tools"))).messages()).hasSize(1);
      assertRejected(with(r -> r.putArray("tools").addObject().put("type", "function")), "tools");
      assertThat(validate(with(r -> r.putArray("functions"))).messages()).hasSize(1);
      assertRejected(with(r -> r.putArray("functions").addObject().put("name", "f")), "functions");
    }
  }

  @Nested
  class Model {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o-mini", "A.b_c-9", "x"})
    void acceptsNamesOfLettersDigitsDashUnderscoreAndDot(String model) {
      assertThat(validate(with(r -> r.put("model", model))).model()).isEqualTo(model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "gpt 4o", "gpt/4o", "gpt:4o", "mödel", "gpt-4o\n"})
    void rejectsOtherNames(String model) {
      assertRejected(with(r -> r.put("model", model)), "model");
    }

    @Test
    void rejectsAMissingModel() {
      assertRejected(with(r -> r.remove("model")), "model");
    }

    @Test
    void acceptsUpTo256Characters() {
      assertThat(validate(with(r -> r.put("model", "m".repeat(256)))).model()).hasSize(256);
      assertRejected(with(r -> r.put("model", "m".repeat(257))), "model");
    }
  }

  @Nested
  class Messages {

    @Test
    void rejectsMissingOrEmptyMessages() {
      assertRejected(with(r -> r.remove("messages")), "messages");
      assertRejected(with(r -> r.putArray("messages")), "messages");
    }

    @Test
    void acceptsOneToAThousandMessages() {
      assertThat(validate(with(r -> messages(r, 1))).messages()).hasSize(1);
      assertThat(validate(with(r -> messages(r, 1000))).messages()).hasSize(1000);
      assertRejected(with(r -> messages(r, 1001)), "messages");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tool", "developer", "function", "User", ""})
    void rejectsRolesOtherThanSystemUserAssistant(String role) {
      assertRejected(with(r -> messages(r, 2).addObject().put("role", role).put("content", "x")), "messages[2].role");
    }

    @Test
    void rejectsAMissingRole() {
      assertRejected(with(r -> messages(r, 1).addObject().put("content", "x")), "messages[1].role");
    }

    @Test
    void rejectsANullMessage() {
      assertRejected(with(r -> messages(r, 1).addNull()), "messages[1]");
    }

    @Test
    void acceptsNamesUpTo64Characters() {
      assertThat(validate(with(r -> messages(r, 0).addObject().put("role", "user").put("content", "x")
          .put("name", "n".repeat(64)))).messages().get(0).getName()).hasSize(64);
      assertRejected(with(r -> messages(r, 0).addObject().put("role", "user").put("content", "x")
          .put("name", "n".repeat(65))), "messages[0].name");
    }
  }

  @Nested
  class Content {

    private ObjectNode withContent(Consumer<ObjectNode> setContent) {
      return with(r -> setContent.accept(messages(r, 0).addObject().put("role", "user")));
    }

    @Test
    void acceptsUpTo100000Characters() {
      String longest = "a".repeat(ChatCompletionValidator.MAX_CONTENT_CHARS);
      assertThat(validate(withContent(m -> m.put("content", longest))).messages().get(0).getContent())
          .isEqualTo(longest);
      assertRejected(withContent(m -> m.put("content", longest + "a")), "messages[0].content");
    }

    @Test
    void acceptsEmptyContent() {
      assertThat(validate(withContent(m -> m.put("content", ""))).messages().get(0).getContent()).isEmpty();
    }

    @Test
    void rejectsNulCharacters() {
      assertRejected(withContent(m -> m.put("content", "a\u0000b")), "messages[0].content");
    }

    @Test
    void rejectsMissingNullOrNonTextContent() {
      assertRejected(withContent(m -> { }), "messages[0].content");
      assertRejected(withContent(m -> m.putNull("content")), "messages[0].content");
      assertRejected(withContent(m -> m.put("content", 42)), "messages[0].content");
      assertRejected(withContent(m -> m.putObject("content").put("text", "x")), "messages[0].content");
    }

    @Test
    void joinsTextPartsWithANewline() {
      ValidatedChat chat = validate(withContent(m -> {
        ArrayNode parts = m.putArray("content");
        parts.addObject().put("type", "text").put("text", "first");
        parts.addObject().put("type", "text").put("text", "second");
      }));

      assertThat(chat.messages().get(0).getContent()).isEqualTo("first\nsecond");
    }

    @Test
    void rejectsPartsOtherThanText() {
      ObjectNode request = withContent(m -> {
        ArrayNode parts = m.putArray("content");
        parts.addObject().put("type", "text").put("text", "what is this?");
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://example.com/a.png");
      });

      assertRejected(request, "messages[0].content[1].type");
      assertThatThrownBy(() -> validate(request)).hasMessageContaining("image_url");
    }

    @Test
    void rejectsMalformedParts() {
      assertRejected(withContent(m -> m.putArray("content")), "messages[0].content");
      assertRejected(withContent(m -> m.putArray("content").add("text")), "messages[0].content[0]");
      assertRejected(withContent(m -> m.putArray("content").addObject().put("type", "text")),
          "messages[0].content[0].text");
    }

    @Test
    void appliesTheLengthAndNulRulesToJoinedParts() {
      String half = "a".repeat(ChatCompletionValidator.MAX_CONTENT_CHARS / 2);
      assertRejected(withContent(m -> {
        ArrayNode parts = m.putArray("content");
        parts.addObject().put("type", "text").put("text", half);
        parts.addObject().put("type", "text").put("text", half);
      }), "messages[0].content");
      assertRejected(withContent(m -> m.putArray("content").addObject().put("type", "text").put("text", "\u0000")),
          "messages[0].content");
    }
  }

  @Nested
  class SamplingParameters {

    @Test
    void acceptsTemperatureFromZeroToTwo() {
      assertThat(validate(with(r -> r.put("temperature", 0.0))).params().getTemperature()).isEqualTo(0.0);
      assertThat(validate(with(r -> r.put("temperature", 2.0))).params().getTemperature()).isEqualTo(2.0);
      assertRejected(with(r -> r.put("temperature", -0.01)), "temperature");
      assertRejected(with(r -> r.put("temperature", 2.01)), "temperature");
    }

    @Test
    void acceptsMaxTokensFromOneTo16384() {
      assertThat(validate(with(r -> r.put("max_tokens", 1))).params().getMaxTokens()).isEqualTo(1);
      assertThat(validate(with(r -> r.put("max_tokens", 16384))).params().getMaxTokens()).isEqualTo(16384);
      assertRejected(with(r -> r.put("max_tokens", 0)), "max_tokens");
      assertRejected(with(r -> r.put("max_tokens", 16385)), "max_tokens");
    }

    @Test
    void appliesTheSameBoundsToMaxCompletionTokensWhichWins() {
      assertThat(validate(with(r -> r.put("max_completion_tokens", 16384))).params().getMaxTokens()).isEqualTo(16384);
      assertRejected(with(r -> r.put("max_completion_tokens", 0)), "max_completion_tokens");
      assertRejected(with(r -> r.put("max_completion_tokens", 16385)), "max_completion_tokens");
      assertThat(validate(with(r -> r.put("max_tokens", 10).put("max_completion_tokens", 20))).params().getMaxTokens())
          .isEqualTo(20);
    }

    @Test
    void acceptsTopPFromZeroToOne() {
      assertThat(validate(with(r -> r.put("top_p", 0.0))).params().getTopP()).isEqualTo(0.0);
      assertThat(validate(with(r -> r.put("top_p", 1.0))).params().getTopP()).isEqualTo(1.0);
      assertRejected(with(r -> r.put("top_p", -0.01)), "top_p");
      assertRejected(with(r -> r.put("top_p", 1.01)), "top_p");
    }

    @Test
    void acceptsStopAsAStringOrUpToFourStrings() {
      assertThat(validate(with(r -> r.put("stop", "END"))).params().getStop()).containsExactly("END");
      assertThat(validate(with(r -> r.putArray("stop").add("a").add("b").add("c").add("d"))).params().getStop())
          .containsExactly("a", "b", "c", "d");
      assertRejected(with(r -> r.putArray("stop").add("a").add("b").add("c").add("d").add("e")), "stop");
      assertRejected(with(r -> r.putArray("stop").add(1)), "stop");
      assertRejected(with(r -> r.put("stop", 1)), "stop");
    }

    @Test
    void acceptsTextAndJsonObjectResponseFormats() {
      assertThat(validate(with(r -> r.putObject("response_format").put("type", "text"))).params()
          .getResponseFormat()).isEqualTo("text");
      assertThat(validate(with(r -> r.putObject("response_format").put("type", "json_object"))).params()
          .getResponseFormat()).isEqualTo("json_object");
      assertRejected(with(r -> r.putObject("response_format").put("type", "json_schema")), "response_format");
      assertRejected(with(r -> r.put("response_format", "json_object")), "response_format");
    }
  }

  @Nested
  class UserAndMetadata {

    @Test
    void carriesTheUserUpTo256Characters() {
      assertThat(validate(with(r -> r.put("user", "u-42"))).userId()).isEqualTo("u-42");
      assertThat(validate(with(r -> r.put("user", "u".repeat(256)))).userId()).hasSize(256);
      assertRejected(with(r -> r.put("user", "u".repeat(257))), "user");
    }

    @Test
    void carriesUpTo16MetadataPairs() {
      ObjectNode sixteen = with(r -> {
        ObjectNode metadata = r.putObject("metadata");
        for (int i = 0; i < 16; i++) {
          metadata.put("k" + i, "v" + i);
        }
      });
      assertThat(validate(sixteen).metadata()).hasSize(16).containsEntry("k3", "v3");
      sixteen.withObject("metadata").put("k16", "v16");
      assertRejected(sixteen, "metadata");
    }

    @Test
    void boundsMetadataKeysAndValues() {
      assertThat(validate(with(r -> r.putObject("metadata").put("k".repeat(64), "v".repeat(512)))).metadata())
          .hasSize(1);
      assertRejected(with(r -> r.putObject("metadata").put("k".repeat(65), "v")), "metadata");
      assertRejected(with(r -> r.putObject("metadata").put("k", "v".repeat(513))), "metadata.k");
      assertRejected(with(r -> r.putObject("metadata").put("k", 1)), "metadata.k");
      assertRejected(with(r -> r.put("metadata", "k=v")), "metadata");
    }

    @Test
    void refusesMetadataKeysSluiceReservesForItself() {
      assertRejected(with(r -> r.putObject("metadata").put("sluice.tier", "enterprise")), "metadata.sluice.tier");
      assertThat(validate(with(r -> r.putObject("metadata").put("sluicer", "v"))).metadata())
          .containsEntry("sluicer", "v");
    }
  }
}
