package dev.sluice.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordScanTest {

  @Test
  void findsRunsOfLettersAndDigitsWithTheirOffsets() {
    WordScan scan = WordScan.of("Don't ignore <|im_start|> v2, Ärger!");

    assertThat(scan.count()).isEqualTo(7);
    String[] words = new String[scan.count()];
    for (int w = 0; w < scan.count(); w++) {
      words[w] = scan.text().substring(scan.start(w), scan.end(w));
    }
    assertThat(words).containsExactly("Don", "t", "ignore", "im", "start", "v2", "Ärger");
  }

  @Test
  void hashesTheLowerCaseFormSoLookUpsIgnoreCase() {
    WordScan scan = WordScan.of("IGNORE Ignore ignore ärger");

    assertThat(scan.hash(0)).isEqualTo(scan.hash(1)).isEqualTo(scan.hash(2)).isEqualTo(WordScan.hash("ignore"));
    assertThat(scan.hash(3)).isEqualTo(WordScan.hash("ÄRGER")).isNotEqualTo(WordScan.hash("arger"));
  }

  @Test
  void lowerCasingKeepsEveryCharacterOneCharacter() {
    // String.toLowerCase turns the dotted capital I into two characters; offsets would shift.
    assertThat(WordScan.lowerCase('\u0130')).isEqualTo('i');
    assertThat(WordScan.lowerCase('Q')).isEqualTo('q');
    assertThat(WordScan.lowerCase('7')).isEqualTo('7');
  }

  @Test
  void refusesToHashMoreThanOneWord() {
    assertThatThrownBy(() -> WordScan.hash("you are")).isInstanceOf(IllegalArgumentException.class);
  }
}
