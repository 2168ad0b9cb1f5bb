package dev.sluice.guard.pii;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Hands out placeholders within one request: the same value always gets the same placeholder, and numbering
 * starts after any placeholder already in the texts. A conversation carries earlier answers that were masked
 * before; a new address must not reuse their {@code [EMAIL_1]}. Remembers the original behind each placeholder
 * it hands out.
 */
final class PlaceholderNumbering {

  private static final Pattern EXISTING = Pattern.compile("\\[("
      + Arrays.stream(PiiType.values()).map(PiiType::label).collect(Collectors.joining("|")) + ")_(\\d{1,9})]");

  private final Map<PiiType, Integer> lastNumber = new EnumMap<>(PiiType.class);
  private final Map<PiiType, Map<String, String>> assigned = new EnumMap<>(PiiType.class);
  private final Map<String, String> originals = new LinkedHashMap<>();

  PlaceholderNumbering(List<String> texts) {
    for (String text : texts) {
      if (text.indexOf('[') >= 0) {
        reserveExisting(text);
      }
    }
  }

  /**
   * The placeholder for {@code value} (the canonical form) of {@code type}; a new number the first time the value
   * is seen, remembered with {@code original}, the value as written there.
   */
  String placeholderFor(PiiType type, String value, String original) {
    return assigned.computeIfAbsent(type, t -> new HashMap<>()).computeIfAbsent(value, v -> {
      String placeholder = type.placeholder(lastNumber.merge(type, 1, Integer::sum));
      originals.put(placeholder, original);
      return placeholder;
    });
  }

  /** How many distinct values of {@code type} got a placeholder. */
  int distinctValues(PiiType type) {
    return assigned.getOrDefault(type, Map.of()).size();
  }

  /** Every placeholder handed out so far with its original. */
  PlaceholderMap placeholders() {
    return PlaceholderMap.of(originals);
  }

  private void reserveExisting(String text) {
    Matcher matcher = EXISTING.matcher(text);
    while (matcher.find()) {
      PiiType type = PiiType.ofLabel(matcher.group(1)).orElseThrow();
      lastNumber.merge(type, Integer.parseInt(matcher.group(2)), Math::max);
    }
  }
}
