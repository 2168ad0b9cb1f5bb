package dev.sluice.guard.pii;

import static dev.sluice.guard.pii.FinderAssertions.found;
import static dev.sluice.guard.pii.FinderAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SsnFinderTest {

  private final SsnFinder finder = new SsnFinder();

  @Test
  void findsADashedNumberWithoutContext() {
    assertThat(found(finder, "the number 123-45-6789 was on the form")).containsExactly("123-45-6789");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SSN: 123 45 6789", "my social security number is 123456789",
      "Social Security No. 123 45 6789", "ssn#123456789"})
  void findsSpacedOrBareNumbersAfterAnSsnWord(String text) {
    assertThat(found(finder, text)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"order 123456789 shipped", "call 123 45 6789 later", "SSN: 123 45-6789"})
  void leavesSpacedOrBareNumbersWithoutAnSsnWordOrMixedSeparatorsAlone(String text) {
    assertThat(found(finder, text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567",
      "123-45-0000"})
  void leavesNumbersTheSsaNeverIssuesAlone(String ssn) {
    assertThat(found(finder, "SSN " + ssn)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1123-45-6789", "123-45-67890", "123-45-6789-1", "x123-45-6789", "123-45-6789.5",
      "+123-45-6789"})
  void leavesLongerNumbersAlone(String text) {
    assertThat(found(finder, text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"001010001,true", "665999999,true", "899999999,true", "000111111,false", "666111111,false",
      "900111111,false", "123001111,false", "123450000,false"})
  void issuableFollowsTheSsaRules(String digits, boolean issuable) {
    assertThat(SsnFinder.isIssuable(digits)).isEqualTo(issuable);
  }

  @Test
  void canonicalFormIsTheBareDigits() {
    assertThat(values(finder, "123-45-6789")).containsExactly("123456789");
  }
}
