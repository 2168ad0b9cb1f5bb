package dev.sluice.guard.pii;

import dev.sluice.guard.detect.Ranged;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original behind each placeholder one masking handed out, e.g. {@code [EMAIL_1]} → {@code Jane@Example.com}
 * (as first written in the request). Immutable. It holds the very values masking removed: keep it in memory or
 * encrypted, never log it; {@link #toString} names the placeholders only.
 */
public final class PlaceholderMap {

  private static final PlaceholderMap EMPTY = new PlaceholderMap(Map.of());
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]{2,6}_\\d{1,9}]");

  private final Map<String, String> originals;

  private PlaceholderMap(Map<String, String> originals) {
    this.originals = originals;
  }

  /** A map of {@code originals} (placeholder → original), kept in the given iteration order. */
  public static PlaceholderMap of(Map<String, String> originals) {
    Objects.requireNonNull(originals, "originals");
    return originals.isEmpty()
        ? EMPTY
        : new PlaceholderMap(Collections.unmodifiableMap(new LinkedHashMap<>(originals)));
  }

  public static PlaceholderMap empty() {
    return EMPTY;
  }

  /** Whether {@code text} holds something shaped like a placeholder ({@code [EMAIL_1]}), of any map. */
  public static boolean mayHoldPlaceholders(String text) {
    return text.indexOf('[') >= 0 && PLACEHOLDER.matcher(text).find();
  }

  /** Placeholder → original, in the order the placeholders were handed out; unmodifiable. */
  public Map<String, String> originals() {
    return originals;
  }

  public boolean isEmpty() {
    return originals.isEmpty();
  }

  /**
   * Where the placeholders of this map occur in {@code text}, in text order; placeholders of other maps and other
   * bracketed text are not listed.
   */
  public List<Occurrence> occurrencesIn(String text) {
    if (originals.isEmpty() || text.indexOf('[') < 0) {
      return List.of();
    }
    List<Occurrence> occurrences = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (originals.containsKey(matcher.group())) {
        occurrences.add(new Occurrence(matcher.group(), matcher.start(), matcher.end()));
      }
    }
    return occurrences;
  }

  /**
   * One placeholder of a map at the half-open range {@code [start, end)} of a text.
   *
   * @param placeholder the placeholder, e.g. {@code [EMAIL_1]}
   */
  public record Occurrence(String placeholder, int start, int end) implements Ranged {
  }

  /** {@code text} with every placeholder of this map replaced by its original; other bracketed text stays. */
  public String restore(String text) {
    if (originals.isEmpty() || text.indexOf('[') < 0) {
      return text;
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      String original = originals.get(matcher.group());
      matcher.appendReplacement(out, Matcher.quoteReplacement(original == null ? matcher.group() : original));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlaceholderMap map && originals.equals(map.originals);
  }

  @Override
  public int hashCode() {
    return originals.hashCode();
  }

  /** The placeholders only: the originals are the personal data masking removed. */
  @Override
  public String toString() {
    return "PlaceholderMap" + originals.keySet();
  }
}
