package dev.sluice.guard.pii;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hands out placeholders within one request: the same value always gets the same placeholder, and numbering
 * starts after any placeholder already in the texts. A conversation carries earlier answers that were masked
 * before; a new address must not reuse their {@code [EMAIL_1]}.
 */
final class PlaceholderNumbering {

  private static final Pattern EXISTING = Pattern.compile("\\[(EMAIL|CARD|PHONE)_(\\d{1,9})]");

  private final Map<PiiType, Integer> lastNumber = new EnumMap<>(PiiType.class);
  private final Map<PiiType, Map<String, String>> assigned = new EnumMap<>(PiiType.class);

  PlaceholderNumbering(List<String> texts) {
    for (String text : texts) {
      if (text.indexOf('[') >= 0) {
        reserveExisting(text);
      }
    }
  }

  /** The placeholder for {@code value} of {@code type}; a new number the first time the value is seen. */
  String placeholderFor(PiiType type, String value) {
    return assigned.computeIfAbsent(type, t -> new HashMap<>())
        .computeIfAbsent(value, v -> type.placeholder(lastNumber.merge(type, 1, Integer::sum)));
  }

  /** How many distinct values of {@code type} got a placeholder. */
  int distinctValues(PiiType type) {
    return assigned.getOrDefault(type, Map.of()).size();
  }

  private void reserveExisting(String text) {
    Matcher matcher = EXISTING.matcher(text);
    while (matcher.find()) {
      PiiType type = PiiType.valueOf(matcher.group(1));
      lastNumber.merge(type, Integer.parseInt(matcher.group(2)), Math::max);
    }
  }
}
