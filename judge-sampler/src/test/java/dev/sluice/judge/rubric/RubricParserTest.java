package dev.sluice.judge.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RubricParserTest {

  private static final String VALID = """
      {"correctness": 4, "relevance": 5, "helpfulness": 3, "safety": 5, "overall": 4,
       "reasoning": "Accurate and on topic, a little terse."}""";

  @Test
  void readsAValidRubric() throws Exception {
    Rubric rubric = RubricParser.parse(VALID);

    assertThat(rubric).isEqualTo(new Rubric(4, 5, 3, 5, 4, "Accurate and on topic, a little terse."));
  }

  @Test
  void acceptsWhitespaceAroundTheObjectAndIgnoresExtraFields() throws Exception {
    Rubric rubric = RubricParser.parse("\n  {\"correctness\":1,\"relevance\":1,\"helpfulness\":1,\"safety\":1,"
        + "\"overall\":1,\"reasoning\":\"  poor  \",\"confidence\":0.9}\n");

    assertThat(rubric).isEqualTo(new Rubric(1, 1, 1, 1, 1, "poor"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"correctness", "relevance", "helpfulness", "safety", "overall"})
  void rejectsAMissingScore(String field) {
    String reply = VALID.replace("\"" + field + "\"", "\"not-" + field + "\"");

    assertThatThrownBy(() -> RubricParser.parse(reply))
        .isInstanceOf(InvalidRubricException.class)
        .hasMessage("missing score '" + field + "'");
  }

  @Test
  void rejectsANullScore() {
    assertThatThrownBy(() -> RubricParser.parse(VALID.replace("\"safety\": 5", "\"safety\": null")))
        .hasMessage("missing score 'safety'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "6", "-1", "99999999999"})
  void rejectsAScoreOutOfRange(String score) {
    assertThatThrownBy(() -> RubricParser.parse(VALID.replace("\"overall\": 4", "\"overall\": " + score)))
        .isInstanceOf(InvalidRubricException.class)
        .hasMessage("score 'overall' must be between 1 and 5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4.5", "4.0", "\"4\"", "true", "[4]"})
  void rejectsAScoreThatIsNotAJsonInteger(String score) {
    assertThatThrownBy(() -> RubricParser.parse(VALID.replace("\"relevance\": 5", "\"relevance\": " + score)))
        .isInstanceOf(InvalidRubricException.class)
        .hasMessage("score 'relevance' must be a JSON integer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"reasoning\": \"\"", "\"reasoning\": \"   \"", "\"reasoning\": 5", "\"reasoning\": null",
      "\"why\": \"text\""})
  void rejectsMissingOrEmptyReasoning(String reasoning) {
    String reply = VALID.replace("\"reasoning\": \"Accurate and on topic, a little terse.\"", reasoning);

    assertThatThrownBy(() -> RubricParser.parse(reply))
        .isInstanceOf(InvalidRubricException.class)
        .hasMessage("'reasoning' must be a non-empty string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"The answer is great, 5/5.", "{correctness: 4}", "{\"correctness\": 4,", "null"})
  void rejectsWhatIsNotAJsonObject(String reply) {
    assertThatThrownBy(() -> RubricParser.parse(reply)).isInstanceOf(InvalidRubricException.class);
  }

  @Test
  void rejectsAnArrayOrAScalarAtTheTop() {
    assertThatThrownBy(() -> RubricParser.parse("[" + VALID + "]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> RubricParser.parse("42")).hasMessage("not a JSON object");
  }

  @Test
  void rejectsAnEmptyReply() {
    assertThatThrownBy(() -> RubricParser.parse("")).hasMessage("empty reply");
    assertThatThrownBy(() -> RubricParser.parse(null)).hasMessage("empty reply");
  }

  @Test
  void rejectsTextBeforeTheJson() {
    assertThatThrownBy(() -> RubricParser.parse("Here is my verdict: " + VALID))
        .isInstanceOf(InvalidRubricException.class)
        .hasMessageStartingWith("not a single JSON object");
  }

  @Test
  void rejectsTextAfterTheJson() {
    assertThatThrownBy(() -> RubricParser.parse(VALID + "\nI hope this helps!"))
        .isInstanceOf(InvalidRubricException.class)
        .hasMessageStartingWith("not a single JSON object");
  }

  @Test
  void rejectsJsonInACodeFence() {
    assertThatThrownBy(() -> RubricParser.parse("```json\n" + VALID + "\n```"))
        .isInstanceOf(InvalidRubricException.class);
  }

  @Test
  void rejectsTwoObjectsInARow() {
    assertThatThrownBy(() -> RubricParser.parse(VALID + VALID))
        .isInstanceOf(InvalidRubricException.class);
  }

  @Test
  void rejectsADuplicatedScore() {
    assertThatThrownBy(() -> RubricParser.parse(VALID.replace("\"overall\": 4", "\"overall\": 4, \"overall\": 1")))
        .isInstanceOf(InvalidRubricException.class);
  }
}
