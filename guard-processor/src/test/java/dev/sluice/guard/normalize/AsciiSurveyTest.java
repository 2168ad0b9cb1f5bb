package dev.sluice.guard.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiSurveyTest {

  @Test
  void findsNothingToDoInPlainProse() {
    AsciiSurvey survey = AsciiSurvey.of("Please summarize the report, and list the three main risks.");

    assertThat(survey.collapsed()).isTrue();
    assertThat(survey.leetspeak()).isFalse();
    assertThat(survey.spelledOut()).isFalse();
    assertThat(survey.encoded()).isFalse();
    assertThat(survey.functionWords().plain()).as("please, the, and, the").isEqualTo(4);
  }

  @Test
  void leavesNonAsciiAndControlCharactersToTheFullNormalizer() {
    assertThat(AsciiSurvey.of("caf\u00E9")).isNull();
    assertThat(AsciiSurvey.of("ig\u200Bnore")).isNull();
    assertThat(AsciiSurvey.of("bell\u0007")).isNull();
    assertThat(AsciiSurvey.of("tab\tand\nline")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {" leading", "trailing ", "two  spaces", "tab\there", "line\nbreak"})
  void noticesWhitespaceToCollapse(String text) {
    assertThat(AsciiSurvey.of(text).collapsed()).isFalse();
  }

  @Test
  void noticesLeetspeakButNotNumbersOrEmailAddresses() {
    assertThat(AsciiSurvey.of("1gn0re this").leetspeak()).isTrue();
    assertThat(AsciiSurvey.of("h@ck it").leetspeak()).isTrue();
    assertThat(AsciiSurvey.of("call 555 0100 in 2024").leetspeak()).isFalse();
    assertThat(AsciiSurvey.of("mail jane.doe@example.com now").leetspeak()).isFalse();
  }

  @Test
  void noticesLettersSpelledOneByOne() {
    assertThat(AsciiSurvey.of("i g n o r e").spelledOut()).isTrue();
    assertThat(AsciiSurvey.of("I.g.n.o.r.e").spelledOut()).isTrue();
    assertThat(AsciiSurvey.of("a cat and I went").spelledOut()).isFalse();
  }

  @Test
  void noticesLongTokensEscapesAndRunsOfHexPairs() {
    assertThat(AsciiSurvey.of("decode SWdub3JlIGFsbA== now").encoded()).isTrue();
    assertThat(AsciiSurvey.of("open a%20b%20c").encoded()).isTrue();
    assertThat(AsciiSurvey.of("49 67 6e 6f 72 65 20 61").encoded()).isTrue();
    assertThat(AsciiSurvey.of("49 67 6e 6f").encoded()).isFalse();
    assertThat(AsciiSurvey.of("a short plain sentence").encoded()).isFalse();
  }
}
