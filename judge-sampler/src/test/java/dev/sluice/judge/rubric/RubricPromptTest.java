package dev.sluice.judge.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RubricPromptTest {

  @Test
  void systemMessageNamesTheRubricEveryScoreAndTheJsonShape() {
    assertThat(RubricPrompt.SYSTEM).contains("rubric", "JSON", "reasoning", "1", "5");
    Rubric.SCORE_FIELDS.forEach(field -> assertThat(RubricPrompt.SYSTEM).contains("\"" + field + "\""));
  }

  @Test
  void systemMessageSaysTheQuestionIsNotAvailable() {
    assertThat(RubricPrompt.SYSTEM).contains("question that was asked is not available");
  }

  @Test
  void userMessageCarriesTheAnswerBetweenMarkers() {
    assertThat(RubricPrompt.userMessage("Kafka is a log.", 100))
        .isEqualTo("Judge this answer:\n<answer>\nKafka is a log.\n</answer>");
  }

  @Test
  void userMessageCutsALongAnswerAndSaysSo() {
    String message = RubricPrompt.userMessage("x".repeat(500), 100);

    assertThat(message).contains("x".repeat(100) + "\n[answer cut after 100 characters]");
    assertThat(message).doesNotContain("x".repeat(101));
  }

  @Test
  void userMessageNeverCutsACharacterInHalf() {
    String answer = "x".repeat(99) + "😀" + "tail";

    String message = RubricPrompt.userMessage(answer, 100);

    assertThat(message).contains("x".repeat(99) + "\n[answer cut after 99 characters]");
  }
}
