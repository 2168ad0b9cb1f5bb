package dev.sluice.guard.normalize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Text in the form detectors match against, with its de-obfuscated variants.
 *
 * @param text the normalized text (NFKC, invisible characters removed, whitespace collapsed); finding spans index it
 * @param variants other readings of the same text, always {@link #VARIANTS} of them in this order: look-alike
 *     letters, letter-by-letter spelling and leetspeak folded with the digit 1 read as "i", then the same with 1 read
 *     as "l"; Base64, hex and URL-encoded segments decoded; ROT13 undone; the text spelled backwards. A variant is
 *     equal to {@code text} when its obfuscation was not found
 * @param hiddenCharacters whether invisible characters split a word or bidi controls reordered the text
 */
public record NormalizedText(String text, List<String> variants, boolean hiddenCharacters) {

  /** How many variants every normalized text carries, so texts can be joined variant by variant. */
  public static final int VARIANTS = 5;

  public NormalizedText {
    Objects.requireNonNull(text, "text");
    variants = List.copyOf(variants);
    if (variants.size() != VARIANTS) {
      throw new IllegalArgumentException("expected " + VARIANTS + " variants, got " + variants.size());
    }
  }

  /** Text that needs no normalization: every variant is the text itself. */
  public static NormalizedText plain(String text) {
    return new NormalizedText(text, Collections.nCopies(VARIANTS, text), false);
  }

  /** The variants that differ from {@link #text()} and from each other, in order. */
  public List<String> distinctVariants() {
    List<String> distinct = new ArrayList<>(VARIANTS);
    for (String variant : variants) {
      if (!variant.equals(text) && !distinct.contains(variant)) {
        distinct.add(variant);
      }
    }
    return distinct;
  }

  /** Joins {@code parts} with line breaks, text with text and each variant with the same variant. */
  public static NormalizedText join(List<NormalizedText> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    StringBuilder text = new StringBuilder();
    List<StringBuilder> variants = new ArrayList<>(VARIANTS);
    for (int v = 0; v < VARIANTS; v++) {
      variants.add(new StringBuilder());
    }
    boolean hidden = false;
    for (NormalizedText part : parts) {
      if (!text.isEmpty()) {
        text.append('\n');
        variants.forEach(variant -> variant.append('\n'));
      }
      text.append(part.text());
      for (int v = 0; v < VARIANTS; v++) {
        variants.get(v).append(part.variants().get(v));
      }
      hidden |= part.hiddenCharacters();
    }
    return new NormalizedText(text.toString(), variants.stream().map(StringBuilder::toString).toList(), hidden);
  }
}
