package dev.sluice.guard.pii;

import static dev.sluice.guard.pii.FinderAssertions.found;
import static dev.sluice.guard.pii.FinderAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailFinderTest {

  private final EmailFinder finder = new EmailFinder();

  @ParameterizedTest
  @ValueSource(strings = {"jane.doe@example.com", "J.Doe+tag@mail.example.co.uk", "x_y-z%1@sub-domain.io"})
  void findsAddresses(String address) {
    assertThat(found(finder, "write to " + address + ", thanks")).containsExactly(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ping @maria on slack", "a @ b", "user@localhost", "x@y.", "@@@"})
  void leavesAtSignsThatAreNoAddressAlone(String text) {
    assertThat(found(finder, text)).isEmpty();
  }

  @Test
  void canonicalFormIsLowerCase() {
    assertThat(values(finder, "Jane@Example.COM")).containsExactly("jane@example.com");
  }
}
