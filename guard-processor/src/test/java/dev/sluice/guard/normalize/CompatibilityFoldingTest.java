package dev.sluice.guard.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompatibilityFoldingTest {

  private final CompatibilityFolding folding = new CompatibilityFolding();

  @Test
  void foldsFullwidthMathematicalAndLigatureFormsToPlainLetters() {
    assertThat(folding.fold("\uFF49\uFF47\uFF4E\uFF4F\uFF52\uFF45")).isEqualTo("ignore");
    assertThat(folding.fold("\uD835\uDC22\uD835\uDC20\uD835\uDC27\uD835\uDC28\uD835\uDC2B\uD835\uDC1E"))
        .isEqualTo("ignore");
    assertThat(folding.fold("\uFB01nal \u2460")).isEqualTo("final 1");
  }

  @Test
  void returnsTextThatIsAlreadyNfkcAsIs() {
    String text = "Ordinary text, caf\u00E9 and na\u00EFve.";

    assertThat(folding.fold(text)).isSameAs(text);
  }
}
