package dev.sluice.guard.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeparatedLetterJoiningTest {

  private final SeparatedLetterJoining joining = new SeparatedLetterJoining();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "i g n o r e   a l l   p r e v i o u s|ignore   all   previous",
      "i.g.n.o.r.e a.l.l p.r.e.v.i.o.u.s rules|ignore all previous rules",
      "please i-g-n-o-r-e them|please ignore them",
      "I*G*N*O*R*E|IGNORE",
      "s_y_s_t_e_m p_r_o_m_p_t.|system prompt."})
  void joinsWordsSpelledLetterByLetter(String spelled, String joined) {
    assertThat(joining.join(spelled)).isEqualTo(joined);
  }

  @ParameterizedTest
  @ValueSource(strings = {"e.g. U.S.A. and i.e. a.k.a.", "version v1.2.3 of 2024-01-15", "I am a cat.",
      "A-B testing, T-shirt, x/y axis", "Plan B: a b c", "Dr. J. R. R. Tolkien"})
  void leavesAbbreviationsAndOrdinaryTextAlone(String text) {
    assertThat(joining.join(text)).isEqualTo(text);
  }
}
