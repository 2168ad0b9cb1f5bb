package dev.sluice.guard.pii;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.detect.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces e-mail addresses, payment card numbers and phone numbers with typed placeholders ({@code [EMAIL_1]},
 * {@code [CARD_1]}, {@code [PHONE_1]}) numbered across all texts of one request. Stateless and thread-safe; the
 * numbering lives only for one {@link #mask} call.
 */
public final class PiiMasker {

  public static final String NAME = "pii-masker";

  private final List<PiiFinder> finders = List.of(new EmailFinder(), new CardNumberFinder(),
      new PhoneNumberFinder());

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
    return new MaskedTexts(masked, findings, maskedCount);
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
    List<PiiMatch> accepted = new ArrayList<>();
    List<PiiMatch> candidates = new ArrayList<>();
    // Finders run in priority order; a later kind cannot claim text an earlier kind already holds.
    for (PiiFinder finder : finders) {
      if (!types.contains(finder.type())) {
        continue;
      }
      candidates.clear();
      finder.find(text, candidates);
      for (PiiMatch candidate : candidates) {
        if (accepted.stream().noneMatch(candidate::overlaps)) {
          accepted.add(candidate);
        }
      }
    }
    accepted.sort(Comparator.comparingInt(PiiMatch::start));
    return accepted;
  }

  private static String replace(String text, List<PiiMatch> matches, PlaceholderNumbering numbering,
      List<Finding> findings) {
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (PiiMatch match : matches) {
      int before = numbering.distinctValues(match.type());
      String placeholder = numbering.placeholderFor(match.type(), match.value());
      if (numbering.distinctValues(match.type()) > before) {
        findings.add(new Finding(NAME, match.type().category(), ThreatLevel.NONE, match.type().score(), null));
      }
      out.append(text, copied, match.start()).append(placeholder);
      copied = match.end();
    }
    return out.append(text, copied, text.length()).toString();
  }
}
