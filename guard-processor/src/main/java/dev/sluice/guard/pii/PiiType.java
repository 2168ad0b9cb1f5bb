package dev.sluice.guard.pii;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds of personal data and credentials the masker replaces, in priority order: when two kinds claim
 * overlapping text the earlier one wins, always, whatever the order of the matches in the text.
 *
 * <ol>
 *   <li>{@link #SECRET}: a credential may hold anything (a JWT has digit runs, a password value may look like an
 *       address); the whole credential goes.</li>
 *   <li>{@link #EMAIL}: a local part may hold digits that look like a phone number.</li>
 *   <li>{@link #IBAN}: its country code, length and mod-97 check are stricter than the Luhn check of a card, and
 *       its digit runs could pass Luhn.</li>
 *   <li>{@link #CARD}: thirteen or more digits would otherwise read as a long phone number.</li>
 *   <li>{@link #US_SSN}: the 3-2-4 shape with its validity rules is more specific than a phone number.</li>
 *   <li>{@link #IP_ADDRESS}: a dotted quad could read as a dotted phone number.</li>
 *   <li>{@link #PHONE}: the loosest shape, last.</li>
 * </ol>
 */
public enum PiiType {
  SECRET("SECRET", "pii_secret", 0.95),
  EMAIL("EMAIL", "pii_email", 0.99),
  IBAN("IBAN", "pii_iban", 0.99),
  CARD("CARD", "pii_card", 0.95),
  US_SSN("SSN", "pii_ssn", 0.85),
  IP_ADDRESS("IP", "pii_ip", 0.9),
  PHONE("PHONE", "pii_phone", 0.8);

  private static final Map<String, PiiType> BY_LABEL = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(PiiType::label, Function.identity()));

  private final String label;
  private final String category;
  private final double score;

  PiiType(String label, String category, double score) {
    this.label = label;
    this.category = category;
    this.score = score;
  }

  /** The label inside placeholders, e.g. {@code EMAIL} in {@code [EMAIL_1]}. */
  public String label() {
    return label;
  }

  /** The finding category reported for a masked value of this kind. */
  public String category() {
    return category;
  }

  /** Confidence that a match of this kind really is personal data of this kind. */
  public double score() {
    return score;
  }

  /** The placeholder for the {@code number}-th distinct value of this kind in one request, e.g. {@code [CARD_2]}. */
  public String placeholder(int number) {
    return "[" + label + "_" + number + "]";
  }

  /** The kind whose placeholders carry {@code label}. */
  static Optional<PiiType> ofLabel(String label) {
    return Optional.ofNullable(BY_LABEL.get(label));
  }
}
