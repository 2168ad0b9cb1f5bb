package dev.sluice.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ShannonEntropyTest {

  @Test
  void repeatedCharactersCarryNoInformation() {
    assertThat(ShannonEntropy.bitsPerCharacter("aaaaaaaa")).isZero();
    assertThat(ShannonEntropy.bitsPerCharacter("")).isZero();
  }

  @Test
  void distinctCharactersReachLogTwoOfTheLength() {
    assertThat(ShannonEntropy.bitsPerCharacter("abcdefgh")).isCloseTo(3.0, within(1e-9));
    assertThat(ShannonEntropy.bitsPerCharacter("ab")).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aSkewedDistributionScoresBetween() {
    // p(a) = 3/4, p(b) = 1/4: -(0.75 log2 0.75 + 0.25 log2 0.25) = 0.811
    assertThat(ShannonEntropy.bitsPerCharacter("aaab")).isCloseTo(0.811, within(0.001));
    assertThat(ShannonEntropy.bitsPerCharacter("password")).isCloseTo(2.75, within(1e-9));
  }

  @Test
  void charactersOutsideAsciiShareOneBucket() {
    assertThat(ShannonEntropy.bitsPerCharacter("äöüß")).isZero();
  }
}
