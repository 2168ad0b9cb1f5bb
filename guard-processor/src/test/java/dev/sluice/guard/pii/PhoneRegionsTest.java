package dev.sluice.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneRegionsTest {

  @Test
  void keepsTheOrderUpperCasedWithoutRepeats() {
    assertThat(PhoneRegions.of(List.of("gb", " US ", "GB", "de")).codes()).containsExactly("GB", "US", "DE");
  }

  @Test
  void rejectsARegionLibphonenumberDoesNotKnowNamingIt() {
    assertThatThrownBy(() -> PhoneRegions.of(List.of("US", "XX")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown phone region 'XX'");
    assertThatThrownBy(() -> PhoneRegions.of(List.of("USA"))).hasMessageStartingWith("unknown phone region 'USA'");
    assertThatThrownBy(() -> PhoneRegions.of(Arrays.asList("US", null))).hasMessageStartingWith(
        "unknown phone region 'null'");
  }

  @Test
  void needsAtLeastOneRegion() {
    assertThatThrownBy(() -> PhoneRegions.of(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one phone region");
  }

  @Test
  void theDefaultIsTheUnitedStates() {
    assertThat(PhoneRegions.DEFAULT_REGION).isEqualTo("US");
    assertThat(PiiMasker.DEFAULT_PHONE_REGION).isEqualTo(PhoneRegions.DEFAULT_REGION);
  }
}
