package dev.sluice.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import dev.sluice.worker.Requests;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiRequestsTest {

  private static final Instant DEADLINE = Instant.parse("2025-01-01T12:00:00Z");

  @Test
  void asksForTheTargetModelAndCarriesMessagesInOrderWithTheirRolesAndNames() {
    ChatRequest request = Requests.chat("r-1", "cheap", "What is Kafka?", DEADLINE);
    request.setMessages(List.of(
        message(Role.SYSTEM, "Be brief.", null),
        message(Role.USER, "What is Kafka?", "alice"),
        message(Role.ASSISTANT, "A log.", null),
        message(Role.USER, "And more?", null)));

    ChatCompletionCreateParams params = OpenAiRequests.toParams(request, "gpt-4o-mini");

    assertThat(params.model().asString()).as("the route's target, not the alias asked for").isEqualTo("gpt-4o-mini");
    List<ChatCompletionMessageParam> messages = params.messages();
    assertThat(messages).hasSize(4);
    assertThat(messages.get(0).asSystem().content().text()).contains("Be brief.");
    assertThat(messages.get(1).asUser().content().text()).contains("What is Kafka?");
    assertThat(messages.get(1).asUser().name()).contains("alice");
    assertThat(messages.get(2).asAssistant().content().flatMap(c -> c.text())).contains("A log.");
    assertThat(messages.get(3).asUser().name()).isEmpty();
  }

  @Test
  void carriesTheSamplingParametersThatAreSet() {
    ChatRequest request = Requests.chat("r-2", "gpt-4o", "Hi", DEADLINE);
    request.setParams(ChatParams.newBuilder()
        .setTemperature(0.2)
        .setMaxTokens(64)
        .setTopP(0.9)
        .setStop(List.of("\n\n"))
        .setResponseFormat("json_object")
        .build());

    ChatCompletionCreateParams params = OpenAiRequests.toParams(request, "gpt-4o");

    assertThat(params.temperature()).contains(0.2);
    assertThat(params.maxCompletionTokens()).contains(64L);
    assertThat(params.topP()).contains(0.9);
    assertThat(params.stop().orElseThrow().asStrings()).containsExactly("\n\n");
    assertThat(params.responseFormat().orElseThrow().isJsonObject()).isTrue();
  }

  @Test
  void leavesUnsetParametersToTheProvider() {
    ChatCompletionCreateParams params = OpenAiRequests.toParams(Requests.chat("r-3", "gpt-4o", "Hi", DEADLINE),
        "gpt-4o");

    assertThat(params.temperature()).isEmpty();
    assertThat(params.maxCompletionTokens()).isEmpty();
    assertThat(params.stop()).isEmpty();
    assertThat(params.responseFormat()).isEmpty();
  }

  @Test
  void refusesWhatTheProviderCannotBeAsked() {
    ChatRequest tool = Requests.chat("r-4", "gpt-4o", "Hi", DEADLINE);
    tool.setMessages(List.of(message(Role.TOOL, "{\"temp\": 21}", null)));
    assertThatThrownBy(() -> OpenAiRequests.toParams(tool, "gpt-4o")).hasMessageContaining("tool messages");

    ChatRequest yaml = Requests.chat("r-5", "gpt-4o", "Hi", DEADLINE);
    yaml.setParams(ChatParams.newBuilder().setResponseFormat("yaml").build());
    assertThatThrownBy(() -> OpenAiRequests.toParams(yaml, "gpt-4o")).hasMessageContaining("'yaml'");

    ChatRequest empty = Requests.chat("r-6", "gpt-4o", "Hi", DEADLINE);
    empty.setMessages(List.of());
    assertThatThrownBy(() -> OpenAiRequests.toParams(empty, "gpt-4o")).hasMessageContaining("no messages");
  }

  private static ChatMessage message(Role role, String content, String name) {
    return ChatMessage.newBuilder().setRole(role).setContent(content).setName(name).build();
  }
}
