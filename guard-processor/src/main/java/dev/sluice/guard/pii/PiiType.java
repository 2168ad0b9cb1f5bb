package dev.sluice.guard.pii;

/**
 * The kinds of personal data the masker replaces, in priority order: when two kinds claim overlapping text the
 * earlier one wins (an e-mail address may hold digits, a card number looks like a long phone number).
 */
public enum PiiType {
  EMAIL("EMAIL", "pii_email", 0.99),
  CARD("CARD", "pii_card", 0.95),
  PHONE("PHONE", "pii_phone", 0.8);

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
}
