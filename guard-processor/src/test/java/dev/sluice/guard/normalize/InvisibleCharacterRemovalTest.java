package dev.sluice.guard.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvisibleCharacterRemovalTest {

  private final InvisibleCharacterRemoval removal = new InvisibleCharacterRemoval();

  @ParameterizedTest
  @ValueSource(strings = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u180E", "\u2063",
      "\uFE0F", "\uDB40\uDC69"})
  void removesInvisibleCharactersSplittingAWordAndFlagsThem(String invisible) {
    InvisibleCharacterRemoval.Result result = removal.remove("ig" + invisible + "nore");

    assertThat(result.text()).isEqualTo("ignore");
    assertThat(result.suspicious()).isTrue();
  }

  @Test
  void flagsBidiOverridesEvenBetweenWords() {
    InvisibleCharacterRemoval.Result result = removal.remove("file \u202Etxt.exe\u202C done");

    assertThat(result.text()).isEqualTo("file txt.exe done");
    assertThat(result.suspicious()).isTrue();
  }

  @Test
  void removesButDoesNotFlagEmojiJoinersAndVariationSelectors() {
    InvisibleCharacterRemoval.Result result =
        removal.remove("family \uD83D\uDC68\u200D\uD83D\uDC69 \u2764\uFE0F ok");

    assertThat(result.text()).isEqualTo("family \uD83D\uDC68\uD83D\uDC69 \u2764 ok");
    assertThat(result.suspicious()).isFalse();
  }

  @Test
  void returnsTextWithoutInvisibleCharactersAsIs() {
    String text = "Plain text, caf\u00E9.";

    assertThat(removal.remove(text).text()).isSameAs(text);
    assertThat(removal.remove(text).suspicious()).isFalse();
  }
}
