package dev.sluice.guard.pii;

import static dev.sluice.guard.pii.FinderAssertions.found;
import static dev.sluice.guard.pii.FinderAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumberFinderTest {

  private final CardNumberFinder finder = new CardNumberFinder();

  @ParameterizedTest
  @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "3782 822463 10005",
      "6011 0009 9013 9424", "4222222222222", "6759649826438453", "4111111111111111110"})
  void findsLuhnValidNumbersOfThirteenToNineteenDigits(String card) {
    assertThat(found(finder, "paid with " + card + ".")).containsExactly(card);
  }

  @Test
  void findsTwelveDigitMaestroNumbersOnlyAfterACardWord() {
    assertThat(found(finder, "my maestro card number is 675900001230 thanks")).containsExactly("675900001230");
    assertThat(found(finder, "Debit 501800000017")).containsExactly("501800000017");
    assertThat(found(finder, "tracking 675900001230 shipped")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"card 4111 1111 1111 1112", "card 675900001235", "card 41111111111111111111111",
      "card 4111.1111.1111.1111", "pi 3.4111111111111111", "id A4111111111111111"})
  void leavesNumbersThatFailLuhnLengthOrShapeAlone(String text) {
    assertThat(found(finder, text)).isEmpty();
  }

  @Test
  void findsACardNextToOtherNumbers() {
    assertThat(found(finder, "pay 4111 1111 1111 1111 12/27 cvv 123")).containsExactly("4111 1111 1111 1111");
    assertThat(found(finder, "order 12 4111 1111 1111 1111")).containsExactly("4111 1111 1111 1111");
  }

  @Test
  void canonicalFormIsTheBareDigits() {
    assertThat(values(finder, "4111-1111-1111-1111")).containsExactly("4111111111111111");
  }
}
