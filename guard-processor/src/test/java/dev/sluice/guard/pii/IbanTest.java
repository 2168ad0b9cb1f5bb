package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanTest {

  @ParameterizedTest
  @ValueSource(strings = {"GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606",
      "NL91ABNA0417164300", "BE68539007547034", "NO9386011117947", "CH9300762011623852957"})
  void acceptsIbansOfTheRegisteredLengthThatPassMod97(String iban) {
    assertThat(Iban.isValid(iban)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GB82WEST12345698765433",   // check digits do not match
      "GB82WEST1234569876543",    // one character short for GB
      "DE89370400440532013000X",  // one character long
      "XX89370400440532013000",   // no such country in the registry
      "GBXXWEST12345698765432",   // check digits are no digits
      "gb82west12345698765432",   // lower case is the finder's job to fold
      "GB82"})
  void rejectsEverythingElse(String iban) {
    assertThat(Iban.isValid(iban)).isFalse();
  }

  @Test
  void knowsTheRegisteredLengths() {
    assertThat(Iban.length("NO")).isEqualTo(15);
    assertThat(Iban.length("LC")).isEqualTo(32);
    assertThat(Iban.length("US")).isZero();
  }
}
