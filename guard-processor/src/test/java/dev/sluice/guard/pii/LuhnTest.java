package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuhnTest {

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "4012888888881881",
      "6011000990139424", "79927398713"})
  void acceptsValidNumbers(String digits) {
    assertThat(Luhn.isValid(digits)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "1234567812345678", "79927398710", "0", "41111111x1111111"})
  void rejectsInvalidNumbers(String digits) {
    assertThat(Luhn.isValid(digits)).isFalse();
  }
}
