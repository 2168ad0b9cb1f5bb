package dev.sluice.guard.pii;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.detect.Ranged;
import dev.sluice.guard.detect.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces personal data and credentials with typed placeholders ({@code [EMAIL_1]}, {@code [PHONE_2]},
 * {@code [IBAN_1]}, {@code [SECRET_1]}…) numbered across all texts of one request: one value, one placeholder.
 * Stateless and thread-safe; the numbering lives only for one {@link #mask} call, and its placeholder → original
 * map is handed back with the masked texts.
 */
public final class PiiMasker {

  public static final String NAME = "pii-masker";
  /** Region for phone numbers written without a country code, unless told otherwise. */
  public static final String DEFAULT_PHONE_REGION = PhoneRegions.DEFAULT_REGION;

  private final List<PiiFinder> finders;

  public PiiMasker() {
    this(DEFAULT_PHONE_REGION);
  }

  /** A masker that reads national phone numbers without context words as numbers of {@code phoneRegion}. */
  public PiiMasker(String phoneRegion) {
    this(PhoneRegions.of(List.of(phoneRegion)));
  }

  /** A masker that reads national phone numbers without context words as numbers of {@code phoneRegions}. */
  public PiiMasker(PhoneRegions phoneRegions) {
    List<PiiFinder> all = new ArrayList<>(List.of(new SecretFinder(), new EmailFinder(), new IbanFinder(),
        new CardNumberFinder(), new SsnFinder(), new IpAddressFinder(), new PhoneNumberFinder(phoneRegions)));
    // Finders run in the priority order of PiiType; a later kind cannot claim text an earlier kind already holds.
    all.sort(Comparator.comparing(PiiFinder::type));
    this.finders = List.copyOf(all);
  }

  /** Masks the kinds in {@code types} in every text; texts without personal data come back unchanged. */
  public MaskedTexts mask(List<String> texts, Set<PiiType> types) {
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(types, "types");
    PlaceholderNumbering numbering = new PlaceholderNumbering(texts);
    List<String> masked = new ArrayList<>(texts.size());
    List<Finding> findings = new ArrayList<>();
    int maskedCount = 0;
    for (String text : texts) {
      List<PiiMatch> matches = matches(text, types);
      maskedCount += matches.size();
      masked.add(matches.isEmpty() ? text : replace(text, matches, numbering, findings));
    }
    return new MaskedTexts(masked, findings, maskedCount, numbering.placeholders());
  }

  /**
   * What {@link #mask} would replace in {@code text}, without replacing it: spans index {@code text} itself, sorted
   * by start and never overlapping.
   */
  public List<PiiSpan> find(String text, Set<PiiType> types) {
    Objects.requireNonNull(types, "types");
    return matches(text, types).stream()
        .map(match -> new PiiSpan(match.type(), new Span(match.start(), match.end())))
        .toList();
  }

  private List<PiiMatch> matches(String text, Set<PiiType> types) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    DigitRuns digitRuns = DigitRuns.of(text);
    List<PiiMatch> accepted = new ArrayList<>(0);
    List<PiiMatch> candidates = new ArrayList<>(0);
    for (PiiFinder finder : finders) {
      if (!types.contains(finder.type())) {
        continue;
      }
      candidates.clear();
      finder.find(text, digitRuns, candidates);
      for (PiiMatch candidate : candidates) {
        Ranged.insertUnlessOverlapping(accepted, candidate);
      }
    }
    return accepted;
  }

  private static String replace(String text, List<PiiMatch> matches, PlaceholderNumbering numbering,
      List<Finding> findings) {
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (PiiMatch match : matches) {
      int before = numbering.distinctValues(match.type());
      String placeholder = numbering.placeholderFor(match.type(), match.value(),
          text.substring(match.start(), match.end()));
      if (numbering.distinctValues(match.type()) > before) {
        findings.add(new Finding(NAME, match.type().category(), ThreatLevel.NONE, match.type().score(), null));
      }
      out.append(text, copied, match.start()).append(placeholder);
      copied = match.end();
    }
    return out.append(text, copied, text.length()).toString();
  }
}
