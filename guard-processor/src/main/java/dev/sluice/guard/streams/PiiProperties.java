package dev.sluice.guard.streams;

import dev.sluice.guard.pii.PhoneRegions;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the PII masker ({@code sluice.guard.pii.*}), the same for every tenant.
 *
 * @param phoneRegions the regions whose national phone numbers (written without a country code) the masker
 *     recognizes from their digits alone, in order of preference; see {@link PhoneRegions}
 */
public record PiiProperties(@DefaultValue(PhoneRegions.DEFAULT_REGION) List<String> phoneRegions) {

  public PiiProperties {
    phoneRegions = List.copyOf(phoneRegions == null ? List.of() : phoneRegions);
    try {
      PhoneRegions.of(phoneRegions);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sluice.guard.pii.phone-regions: " + e.getMessage());
    }
  }

  /** What binding no setting gives. */
  static PiiProperties defaults() {
    return new PiiProperties(List.of(PhoneRegions.DEFAULT_REGION));
  }

  /** The validated regions. */
  public PhoneRegions regions() {
    return PhoneRegions.of(phoneRegions);
  }
}
