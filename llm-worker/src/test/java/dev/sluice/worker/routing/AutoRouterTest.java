package dev.sluice.worker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatRequest;
import dev.sluice.worker.Requests;
import dev.sluice.worker.WorkerSettings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoRouterTest {

  private static final Instant DEADLINE = Instant.parse("2025-01-01T12:00:00Z");

  private final AutoRouter router = new AutoRouter(WorkerSettings.auto());

  @Test
  void aShortSimplePromptGoesToTheCheapRoute() {
    AutoRouter.Choice choice = router.decide(request("What is Kafka?"));

    assertThat(choice.route()).isEqualTo("cheap");
    assertThat(choice.rule()).isEqualTo(AutoRouter.Rule.SIMPLE);
    assertThat(choice.reason()).isEqualTo("auto -> cheap: 15 tokens, no complexity signals");
  }

  @Test
  void aComplexityPromptGoesToTheStrongRouteWithTheSignalsNamed() {
    AutoRouter.Choice choice = router.decide(request("Prove it step by step."));

    assertThat(choice.route()).isEqualTo("strong");
    assertThat(choice.rule()).isEqualTo(AutoRouter.Rule.SIGNALS);
    assertThat(choice.reason()).isEqualTo("auto -> strong: 17 tokens, complexity signals: math, multi-step");
  }

  @Test
  void aPromptOverTheTokenLimitGoesToTheStrongRoute() {
    // 4 + 3 for the system message, 4 + 997 for 3,988 chars: 1,008 tokens
    AutoRouter.Choice choice = router.decide(request("a".repeat(3_988)));

    assertThat(choice.route()).isEqualTo("strong");
    assertThat(choice.rule()).isEqualTo(AutoRouter.Rule.LENGTH);
    assertThat(choice.reason()).isEqualTo("auto -> strong: 1008 tokens, over 1000");
  }

  @Test
  void aPromptAtTheTokenLimitStaysCheap() {
    // 4 + 3 for the system message, 4 + 989 for 3,956 chars: exactly 1,000 tokens
    assertThat(router.decide(request("a".repeat(3_956))).route()).isEqualTo("cheap");
  }

  @Test
  void aStrongTierGoesToTheStrongRouteWhateverThePrompt() {
    ChatRequest request = request("Hi");
    request.setMetadata(Map.of("tier", "enterprise"));

    AutoRouter.Choice choice = router.decide(request);

    assertThat(choice.route()).isEqualTo("strong");
    assertThat(choice.rule()).isEqualTo(AutoRouter.Rule.TIER);
    assertThat(choice.reason()).isEqualTo("auto -> strong: tenant tier 'enterprise'");
  }

  @Test
  void anyOtherTierIsJudgedByThePrompt() {
    ChatRequest request = request("Hi");
    request.setMetadata(Map.of("tier", "free"));

    assertThat(router.decide(request).route()).isEqualTo("cheap");
  }

  private static ChatRequest request(String question) {
    return Requests.chat("r-1", "auto", question, DEADLINE);
  }
}
