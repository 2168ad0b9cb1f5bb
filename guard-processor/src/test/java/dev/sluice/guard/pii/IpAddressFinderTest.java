package dev.sluice.guard.pii;

import static dev.sluice.guard.pii.FinderAssertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressFinderTest {

  private final IpAddressFinder finder = new IpAddressFinder();

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.20", "8.8.8.8", "0.0.0.0", "255.255.255.255", "41.173.96.26"})
  void findsIpv4Addresses(String address) {
    assertThat(found(finder, "blocked from " + address + ", again")).containsExactly(address);
  }

  @Test
  void findsAnAddressFollowedByAPortOrAPrefixLength() {
    assertThat(found(finder, "http://10.0.0.15:11434/api")).containsExactly("10.0.0.15");
    assertThat(found(finder, "route 10.1.0.0/16")).containsExactly("10.1.0.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "v1.2.3.4", "01.2.3.4", "1.2.3.400", "3.14.15.9265",
      "1.2.3.4a", "release 2.10.0.1-beta"})
  void leavesDottedNumbersThatAreNoAddressAlone(String text) {
    assertThat(found(finder, text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3:0:0:8a2e:370:7334",
      "2001:db8::8a2e:370:7334", "fe80::1", "2001:db8::", "::ffff:192.0.2.128",
      "6e40:4041:c617:e898:c11:40d2:c669:2eb4", "2001:DB8::1"})
  void findsIpv6InFullCompressedAndEmbeddedForms(String address) {
    assertThat(found(finder, "peer " + address + " refused.")).containsExactly(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"at 10:30:00 sharp", "std::vector<int>", "a::b", "00:1A:2B:3C:4D:5E",
      "1:2:3:4:5:6:7:8:9", "2001:db8::1::2", "12345::1", "::1", "2001:db8:0:0:0:0:2", "Date: 12:20:39",
      "dead::beef"})
  void leavesColonSeparatedTextThatIsNoAddressAlone(String text) {
    assertThat(found(finder, text)).isEmpty();
  }

  @Test
  void anIpv4AddressEmbeddedInIpv6IsFoundOnce() {
    assertThat(found(finder, "::ffff:192.0.2.128")).containsExactly("::ffff:192.0.2.128");
  }
}
