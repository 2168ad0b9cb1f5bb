package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatParams;
import dev.sluice.events.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheScopeTest {

  private static final Conversations FRANCE = Conversations.of("You are a geography tutor.")
      .turn(Role.USER, "What is the capital of France?")
      .turn(Role.ASSISTANT, "Paris.");

  @Test
  void theLastUserTurnIsThePromptAndStaysOutOfTheHash() {
    ScopedPrompt spain = CacheScope.of(FRANCE.ask("And of Spain?")).orElseThrow();
    ScopedPrompt italy = CacheScope.of(FRANCE.ask("And of Italy?")).orElseThrow();

    assertThat(spain.prompt()).isEqualTo("And of Spain?");
    assertThat(spain.scope()).isEqualTo(italy.scope());
    assertThat(spain.scope().tenantId()).isEqualTo("acme");
    assertThat(spain.scope().model()).isEqualTo("gpt-4o-mini");
    assertThat(spain.scope().contextHash()).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void differentEarlierTurnsAreDifferentScopes() {
    Conversations italy = Conversations.of("You are a geography tutor.")
        .turn(Role.USER, "What is the capital of Italy?")
        .turn(Role.ASSISTANT, "Rome.");

    assertThat(scope(italy.ask("And of Spain?"))).isNotEqualTo(scope(FRANCE.ask("And of Spain?")));
  }

  @Test
  void theSystemPromptTheRolesAndTheirOrderCount() {
    CacheScope base = scope(Conversations.of("Be brief.").turn(Role.USER, "Hi").ask("Why?"));

    assertThat(scope(Conversations.of("Be verbose.").turn(Role.USER, "Hi").ask("Why?"))).isNotEqualTo(base);
    assertThat(scope(Conversations.of("Be brief.").turn(Role.ASSISTANT, "Hi").ask("Why?"))).isNotEqualTo(base);
    assertThat(scope(Conversations.of("Be brief.").ask("Why?"))).isNotEqualTo(base);
    assertThat(scope(Conversations.of("Be brief.").turn(Role.USER, "Hi").ask("Why?"))).isEqualTo(base);
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    // Without lengths in the encoding, "ab"+"c" and "a"+"bc" would hash alike.
    CacheScope split = scope(Conversations.of("ab").turn(Role.USER, "c").ask("?"));
    CacheScope shifted = scope(Conversations.of("a").turn(Role.USER, "bc").ask("?"));

    assertThat(split).isNotEqualTo(shifted);
  }

  @Test
  void tenantModelAndOutputChangingParametersAreDifferentScopes() {
    CacheScope base = scope(Conversations.question("Why is the sky blue?"));

    assertThat(scope(Conversations.of("Be brief.").tenant("globex").ask("Why is the sky blue?")))
        .isNotEqualTo(base);
    assertThat(scope(Conversations.of("Be brief.").model("gpt-4o").ask("Why is the sky blue?")))
        .isNotEqualTo(base);
    for (ChatParams params : List.of(
        ChatParams.newBuilder().setTemperature(0.9).build(),
        ChatParams.newBuilder().setMaxTokens(50).build(),
        ChatParams.newBuilder().setTopP(0.5).build(),
        ChatParams.newBuilder().setStop(List.of("\n")).build(),
        ChatParams.newBuilder().setResponseFormat("json_object").build())) {
      assertThat(scope(Conversations.of("Be brief.").params(params).ask("Why is the sky blue?")))
          .as("params %s", params).isNotEqualTo(base);
    }
  }

  @Test
  void noResponseFormatAndTextAreTheSameScope() {
    assertThat(scope(Conversations.of("Be brief.").params(ChatParams.newBuilder().setResponseFormat("text").build())
        .ask("Why is the sky blue?")))
        .isEqualTo(scope(Conversations.question("Why is the sky blue?")));
  }

  @Test
  void requestsThatMayNotUseTheCacheHaveNoScope() {
    assertThat(CacheScope.of(Conversations.of("Be brief.").bypassingCaches().ask("Why is the sky blue?"))).isEmpty();
    assertThat(CacheScope.of(Conversations.of("Be brief.").turn(Role.USER, "Hi").turn(Role.ASSISTANT, "Hello")
        .asIs())).isEmpty();
    assertThat(CacheScope.of(Conversations.question("   "))).isEmpty();
    assertThat(CacheScope.of(new Conversations().asIs())).isEmpty();
  }

  private static CacheScope scope(dev.sluice.events.ChatRequest request) {
    return CacheScope.of(request).orElseThrow().scope();
  }
}
