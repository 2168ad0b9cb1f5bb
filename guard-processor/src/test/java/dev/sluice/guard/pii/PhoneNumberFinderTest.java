package dev.sluice.guard.pii;

import static dev.sluice.guard.pii.FinderAssertions.found;
import static dev.sluice.guard.pii.FinderAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberFinderTest {

  private final PhoneNumberFinder finder = finder("US");

  @ParameterizedTest
  @ValueSource(strings = {"+44 20 7946 0958", "+1-415-555-0132", "+4915112345678", "+46 (0)8 928 571 38",
      "+33 1 84 17 61 18", "+1 (650) 253-0000", "0044 20 7946 0958", "011 44 20 7946 0958"})
  void findsInternationalNumbersWithoutContext(String phone) {
    assertThat(found(finder, "the number " + phone + " is new")).containsExactly(phone);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Phone: 451 5986", "call me on 9472 7916?", "Tel. (99) 645-791", "Mobile: 72 128 827",
      "you can text me at 0378 3549890", "my number is 450 0840", "699 956 915 (office)", "655 437 108 fax"})
  void findsNationalNumbersOfAnyCountryNextToAPhoneWord(String text) {
    assertThat(found(finder, text)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0490 75 40 81", "01.84.17.61.18", "28-64-66-98", "079 0442 1744", "930.167.3943",
      "650-253-0000"})
  void findsNumbersGroupedTheWayPhoneNumbersAreWritten(String phone) {
    assertThat(found(finder, "the number " + phone + " is new")).containsExactly(phone);
  }

  @Test
  void findsOtherGroupedNumbersOnlyWhenValidInTheDefaultRegion() {
    assertThat(found(finder, "see (650) 253-0000 now")).containsExactly("(650) 253-0000");
    assertThat(found(finder, "see (123) 456-7890 now")).isEmpty();
    assertThat(found(finder("GB"), "see (020) 7946 0958 now")).containsExactly("(020) 7946 0958");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ext. 123", "x123", "extension 42", "#7"})
  void includesAnExtension(String extension) {
    String phone = "+1 650-253-0000 " + extension;

    assertThat(found(finder, "reach " + phone + ", thanks")).containsExactly(phone);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "call on 2024-01-15 at 10:30",
      "phone 15.01.2024 and 01/15/2024",
      "call 2023-04-03 01 </td>",
      "Date: 1978-04-13 12:20:39",
      "costs 1,299.00 USD, call",
      "pi is 3.14159265358979",
      "order 1234567 shipped",
      "a population of 12 345 678 people",
      "in 1999 2000 2001",
      "id 550e8400-e29b-41d4-a716-446655440000",
      "phone v1234567",
      "call 192.168.100.200",
      "call 12 34",
      "call +1 2"})
  void leavesDatesDecimalsIdsAndShortNumbersAlone(String text) {
    assertThat(found(finder, text)).isEmpty();
  }

  @Test
  void findsSeveralNumbersOnSeveralLines() {
    String block = "781 1704 office\n(579)888-3058 fax\n001-518-640-0854 mobile";

    assertThat(found(finder, block)).containsExactly("781 1704", "(579)888-3058", "001-518-640-0854");
  }

  @Test
  void findsANumberRightAfterADate() {
    assertThat(found(finder, "2024-01-15 (650) 253-0000")).containsExactly("(650) 253-0000");
    assertThat(found(finder, "2024-01-15 01 </td>")).isEmpty();
  }

  @Test
  void aPhoneWordOnAnotherLineIsNoContext() {
    assertThat(found(finder, "Phone:\n451 5986")).isEmpty();
  }

  @Test
  void canonicalFormIsE164InTheDefaultRegion() {
    assertThat(values(finder, "+1 (650) 253-0000 or 650.253.0000"))
        .containsExactly("+16502530000", "+16502530000");
  }

  @Test
  void readsNationalNumbersOfEveryConfiguredRegion() {
    PhoneNumberFinder usThenGb = finder("US", "GB");

    assertThat(found(usThenGb, "see (020) 7946 0958 or (650) 253-0000 now"))
        .containsExactly("(020) 7946 0958", "(650) 253-0000");
    assertThat(found(finder("GB"), "see (650) 253-0000 now")).isEmpty();
  }

  @Test
  void aNationalNumberTakesTheCallingCodeOfTheFirstRegionItIsValidIn() {
    assertThat(values(finder("US", "GB"), "see (020) 7946 0958 or (650) 253-0000"))
        .containsExactly("+442079460958", "+16502530000");
    assertThat(values(finder("GB", "US"), "see (020) 7946 0958 or (650) 253-0000"))
        .containsExactly("+442079460958", "+16502530000");
    // Found by its phone word, valid in GB only: GB's code, trunk zero dropped, though US comes first.
    assertThat(values(finder("US", "GB"), "Phone: 020 7946 0958")).containsExactly("+442079460958");
    // Valid in neither: read in the first region.
    assertThat(values(finder("GB", "US"), "Phone: 451 5986")).containsExactly("+444515986");
  }

  @Test
  void oneNumberWrittenNationallyAndInternationallyHasOneCanonicalForm() {
    assertThat(values(finder("US", "GB"), "(020) 7946 0958 or +44 20 7946 0958"))
        .containsExactly("+442079460958", "+442079460958");
  }

  private static PhoneNumberFinder finder(String... regions) {
    return new PhoneNumberFinder(PhoneRegions.of(List.of(regions)));
  }
}
