package dev.sluice.guard.pii;

import static dev.sluice.guard.pii.FinderAssertions.found;
import static dev.sluice.guard.pii.FinderAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanFinderTest {

  private final IbanFinder finder = new IbanFinder();

  @ParameterizedTest
  @ValueSource(strings = {"GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32", "gb82west12345698765432",
      "FR14 2004 1010 0505 0001 3M02 606", "NO9386011117947"})
  void findsCompactPrintedAndLowerCaseIbans(String iban) {
    assertThat(found(finder, "please wire it to " + iban + ". Thanks")).containsExactly(iban);
  }

  @Test
  void canonicalFormIsCompactUpperCase() {
    assertThat(values(finder, "IBAN: gb82 west 1234 5698 7654 32")).containsExactly("GB82WEST12345698765432");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GB82WEST12345698765433", "GB82WEST123456987654321", "XGB82WEST12345698765432",
      "GB82 WEST 1234 5698 7654 3", "GB82  WEST 1234 5698 7654 32", "model AB12 runs at 40 km/h", "DE89 is short"})
  void leavesNearMissesAlone(String text) {
    assertThat(found(finder, text)).isEmpty();
  }

  @Test
  void findsSeveralIbansInOneText() {
    assertThat(found(finder, "from DE89370400440532013000 to NL91ABNA0417164300"))
        .containsExactly("DE89370400440532013000", "NL91ABNA0417164300");
  }
}
