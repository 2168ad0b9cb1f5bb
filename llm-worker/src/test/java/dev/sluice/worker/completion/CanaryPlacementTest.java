package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryPlacementTest {

  private static ChatRequest request(List<ChatMessage> messages) {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    return ChatRequest.newBuilder()
        .setRequestId("r1")
        .setTenantId("t")
        .setCreatedAt(now)
        .setDeadline(now.plusSeconds(30))
        .setModel("gpt-4o-mini")
        .setMessages(messages)
        .setParams(ChatParams.newBuilder().build())
        .build();
  }

  @Test
  void theCanaryGoesIntoTheFirstSystemMessageOnly() {
    ChatRequest original = request(List.of(
        new ChatMessage(Role.SYSTEM, "You are the support bot of Acme.", null),
        new ChatMessage(Role.USER, "hi", null),
        new ChatMessage(Role.SYSTEM, "Second system note.", null)));

    CanaryPlacement.Placed placed = CanaryPlacement.from(() -> "sluice-canary-0011223344556677").place(original);

    assertThat(placed.canary()).isEqualTo("sluice-canary-0011223344556677");
    List<ChatMessage> sent = placed.request().getMessages();
    assertThat(sent.get(0).getContent()).startsWith("You are the support bot of Acme.")
        .contains("sluice-canary-0011223344556677");
    assertThat(sent.get(1).getContent()).isEqualTo("hi");
    assertThat(sent.get(2).getContent()).isEqualTo("Second system note.");
    assertThat(original.getMessages().get(0).getContent()).isEqualTo("You are the support bot of Acme.");
  }

  @Test
  void aRequestWithoutASystemPromptGoesOutUnchanged() {
    ChatRequest original = request(List.of(new ChatMessage(Role.USER, "hi", null)));

    CanaryPlacement.Placed placed = CanaryPlacement.random().place(original);

    assertThat(placed.canary()).isNull();
    assertThat(placed.request()).isSameAs(original);
  }

  @Test
  void randomCanariesDifferPerRequestAndDisabledPlacesNone() {
    ChatRequest original = request(List.of(new ChatMessage(Role.SYSTEM, "Be brief.", null)));
    CanaryPlacement random = CanaryPlacement.random();

    String first = random.place(original).canary();
    String second = random.place(original).canary();

    assertThat(first).matches("sluice-canary-[0-9a-f]{16}");
    assertThat(second).matches("sluice-canary-[0-9a-f]{16}").isNotEqualTo(first);
    assertThat(CanaryPlacement.disabled().place(original).canary()).isNull();
    assertThat(CanaryPlacement.disabled().place(original).request()).isSameAs(original);
  }
}
