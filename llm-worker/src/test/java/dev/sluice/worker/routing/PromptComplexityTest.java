package dev.sluice.worker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptComplexityTest {

  @Test
  void estimatesAboutFourCharactersPerTokenPlusFourPerMessage() {
    PromptComplexity prompt = PromptComplexity.of(List.of(
        message(Role.SYSTEM, "Be brief."),
        message(Role.USER, "What is Kafka?")));

    // "Be brief." = 9 chars -> 3 tokens, "What is Kafka?" = 14 chars -> 4 tokens, plus 4 per message
    assertThat(prompt.estimatedTokens()).isEqualTo(15);
    assertThat(prompt.signals()).isEmpty();
  }

  @Test
  void plainQuestionsCarryNoSignal() {
    assertThat(signals("Summarise the plot of Hamlet in two sentences.")).isEmpty();
    assertThat(signals("Is 2-3 days enough to visit Rome?")).isEmpty();
    assertThat(signals("What should I import from Italy; and why?")).isEmpty();
  }

  @Test
  void findsCodeFencedOrPastedAsLines() {
    assertThat(signals("Why does this fail?\n```\nx = None\n```")).containsExactly(PromptComplexity.CODE);
    assertThat(signals("Fix:\nint a = 1;\nint b = a / 0;\nreturn b;")).containsExactly(PromptComplexity.CODE);
    assertThat(signals("if (x) {\n  go();\n}")).containsExactly(PromptComplexity.CODE);
  }

  @Test
  void findsMath() {
    assertThat(signals("Prove that the square root of 2 is irrational.")).containsExactly(PromptComplexity.MATH);
    assertThat(signals("What is \\frac{a}{b} when b is 0?")).containsExactly(PromptComplexity.MATH);
    assertThat(signals("Find the minimum of x^2 + 3x.")).containsExactly(PromptComplexity.MATH);
  }

  @Test
  void findsMultiStepAsks() {
    assertThat(signals("Walk me through it step by step.")).containsExactly(PromptComplexity.MULTI_STEP);
    assertThat(signals("Do this:\n1. read\n2. sort\n3. write")).containsExactly(PromptComplexity.MULTI_STEP);
    assertThat(signals("Who? When? Why?")).containsExactly(PromptComplexity.MULTI_STEP);
  }

  @Test
  void looksOnlyAtWhatTheUserAsks() {
    PromptComplexity prompt = PromptComplexity.of(List.of(
        message(Role.SYSTEM, "You solve equations. Think step by step.\n```\nformat: json\n```"),
        message(Role.USER, "Hello")));

    assertThat(prompt.signals()).isEmpty();
  }

  @Test
  void listsEverySignalFoundInAFixedOrder() {
    assertThat(signals("Step by step: derive the gradient, then write it in ```python```."))
        .containsExactly(PromptComplexity.CODE, PromptComplexity.MATH, PromptComplexity.MULTI_STEP);
  }

  private static List<String> signals(String question) {
    return PromptComplexity.of(List.of(message(Role.USER, question))).signals();
  }

  private static ChatMessage message(Role role, String content) {
    return ChatMessage.newBuilder().setRole(role).setContent(content).build();
  }
}
