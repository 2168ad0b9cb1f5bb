package dev.sluice.guard.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The regions (ISO 3166 two-letter codes libphonenumber knows, e.g. {@code US}, {@code GB}) whose national phone
 * formats the masker reads, in order: a number written without a country code that is valid in none of them is
 * still masked when a phone word stands next to it or it is grouped like a phone number, but is only recognized
 * from its digits alone when valid in one of them; the first region it is valid in gives it its country code.
 */
public final class PhoneRegions {

  /** What a masker reads when told nothing: North American numbers. */
  public static final String DEFAULT_REGION = "US";

  private final List<String> codes;

  private PhoneRegions(List<String> codes) {
    this.codes = codes;
  }

  /**
   * The regions {@code codes} name, in order, upper-cased and without repeats.
   *
   * @throws IllegalArgumentException when the list is empty or names a region libphonenumber does not know
   */
  public static PhoneRegions of(List<String> codes) {
    Objects.requireNonNull(codes, "codes");
    Set<String> supported = PhoneNumberUtil.getInstance().getSupportedRegions();
    Set<String> regions = new LinkedHashSet<>();
    for (String code : codes) {
      String region = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
      if (!supported.contains(region)) {
        throw new IllegalArgumentException("unknown phone region '" + code + "': expected an ISO 3166 two-letter "
            + "code libphonenumber supports, such as US, GB or DE");
      }
      regions.add(region);
    }
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("at least one phone region is needed, e.g. " + DEFAULT_REGION);
    }
    return new PhoneRegions(List.copyOf(regions));
  }

  /** The regions in order of preference. */
  public List<String> codes() {
    return codes;
  }

  /** The region a national number is read in when it is valid in none of them. */
  String first() {
    return codes.get(0);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PhoneRegions regions && codes.equals(regions.codes);
  }

  @Override
  public int hashCode() {
    return codes.hashCode();
  }

  @Override
  public String toString() {
    return "PhoneRegions" + codes;
  }
}
