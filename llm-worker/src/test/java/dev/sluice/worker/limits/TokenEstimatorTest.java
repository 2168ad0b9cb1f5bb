package dev.sluice.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import dev.sluice.events.TokenUsage;
import dev.sluice.worker.Requests;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  private final TokenEstimator estimator = new TokenEstimator(256);

  @Test
  void thePromptIsAQuarterOfItsCharactersRoundedUpPlusTheOutputAllowed() {
    ChatRequest request = request(List.of(message(Role.SYSTEM, "12345678", null), message(Role.USER, "123", null)),
        ChatParams.newBuilder().setMaxTokens(100).build());

    // 11 characters: 3 tokens; plus the 100 the request allows itself.
    assertThat(estimator.estimate(request)).isEqualTo(3 + 100);
  }

  @Test
  void aRequestSettingNoMaxTokensIsGivenTheDefaultOutputAllowance() {
    ChatRequest request = request(List.of(message(Role.USER, "1234", "alice")), ChatParams.newBuilder().build());

    // 4 characters of content and 5 of name: 3 tokens.
    assertThat(estimator.estimate(request)).isEqualTo(3 + 256);
    assertThat(new TokenEstimator(0).estimate(request)).isEqualTo(3);
  }

  @Test
  void everyMessageCounts() {
    ChatRequest one = Requests.chat("r", "gpt-4o", "x".repeat(400), Instant.EPOCH.plusSeconds(60));
    ChatRequest longer = Requests.chat("r", "gpt-4o", "x".repeat(800), Instant.EPOCH.plusSeconds(60));

    assertThat(estimator.estimate(longer) - estimator.estimate(one)).isEqualTo(100);
  }

  @Test
  void theProviderCountsInputAndOutputButNotTheirPartsAgain() {
    TokenUsage usage = TokenUsage.newBuilder().setInputTokens(1_000).setCachedInputTokens(800).setOutputTokens(300)
        .setReasoningTokens(200).build();

    assertThat(TokenEstimator.counted(usage)).isEqualTo(1_300);
  }

  @Test
  void aNegativeAllowanceIsRefused() {
    assertThatThrownBy(() -> new TokenEstimator(-1)).hasMessageContaining("must not be negative");
  }

  private static ChatRequest request(List<ChatMessage> messages, ChatParams params) {
    return ChatRequest.newBuilder(Requests.chat("r", "gpt-4o", "q", Instant.EPOCH.plusSeconds(60)))
        .setMessages(messages)
        .setParams(params)
        .build();
  }

  private static ChatMessage message(Role role, String content, String name) {
    return ChatMessage.newBuilder().setRole(role).setContent(content).setName(name).build();
  }
}
