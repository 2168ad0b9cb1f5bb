package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextWordsTest {

  private final ContextWords words = new ContextWords("phone", "social security");

  private boolean near(String text, String target, int before, int after) {
    int start = text.indexOf(target);
    return words.near(text, start, start + target.length(), before, after);
  }

  @Test
  void findsAWordBeforeOrAfterWithinTheWindow() {
    assertThat(near("Phone: 555 1234", "555 1234", 10, 0)).isTrue();
    assertThat(near("555 1234 (phone)", "555 1234", 0, 10)).isTrue();
    assertThat(near("my Social Security no. 123", "123", 20, 0)).isTrue();
  }

  @Test
  void ignoresWordsOutsideTheWindowOrOnAnotherLine() {
    assertThat(near("phone: and then a long way to 555 1234", "555 1234", 10, 0)).isFalse();
    assertThat(near("555 1234 is not my phone", "555 1234", 0, 10)).isFalse();
    assertThat(near("phone\n555 1234", "555 1234", 40, 0)).isFalse();
  }

  @Test
  void matchesWholeWordsOnly() {
    assertThat(near("the xylophone 555 1234", "555 1234", 20, 0)).isFalse();
    assertThat(near("phoney 555 1234", "555 1234", 20, 0)).isFalse();
  }
}
