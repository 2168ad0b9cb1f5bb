package dev.sluice.guard.injection;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Detector;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.detect.Span;
import dev.sluice.guard.normalize.NormalizedText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds prompt-injection phrasing with {@link InjectionRule}s: at most one finding per category (its first match),
 * so a prompt that repeats an attack a thousand times yields one audit event, not a thousand. Rules run on the
 * normalized text first, then on its de-obfuscated variants for the categories not found yet; hidden characters
 * are a finding of their own.
 */
public final class InjectionDetector implements Detector {

  public static final String NAME = "injection-patterns";

  /** A negation right before a match ("do not ignore…", "never reveal…") turns an attack into a rule. */
  private static final Pattern NEGATION_BEFORE = Pattern.compile("(?:\\bnever|\\bnot|\\bcannot|n't|\\bno)\\s+$",
      Pattern.CASE_INSENSITIVE);
  private static final int NEGATION_WINDOW = 8;
  private static final int CONTEXT_WINDOW = 80;
  /** Hidden characters alone are worth a flag, not a block: they also occur in text pasted from some editors. */
  private static final double HIDDEN_CHARACTERS_SCORE = 0.6;

  private final List<InjectionRule> rules;

  public InjectionDetector(List<InjectionRule> rules) {
    this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
  }

  /** A detector with {@link InjectionRules#defaults()}. */
  public static InjectionDetector withDefaultRules() {
    return new InjectionDetector(InjectionRules.defaults());
  }

  @Override
  public List<Finding> inspect(NormalizedText text) {
    Map<String, Finding> firstPerCategory = new LinkedHashMap<>();
    inspect(text.text(), true, firstPerCategory);
    for (String variant : text.distinctVariants()) {
      inspect(variant, false, firstPerCategory);
    }
    if (text.hiddenCharacters()) {
      firstPerCategory.put(InjectionCategories.OBFUSCATION_INVISIBLE_TEXT, new Finding(NAME,
          InjectionCategories.OBFUSCATION_INVISIBLE_TEXT, ThreatLevel.LOW, HIDDEN_CHARACTERS_SCORE, null));
    }
    return new ArrayList<>(firstPerCategory.values());
  }

  /** Adds the first attack of every category not found yet; spans only when {@code text} is what spans index. */
  private void inspect(String text, boolean withSpans, Map<String, Finding> firstPerCategory) {
    String lowerText = RequiredWords.lowerCase(text);
    for (InjectionRule rule : rules) {
      if (firstPerCategory.containsKey(rule.category()) || !rule.requiredWords().admits(text, lowerText)) {
        continue;
      }
      Span span = firstAttack(rule, text);
      if (span != null) {
        firstPerCategory.put(rule.category(),
            new Finding(NAME, rule.category(), rule.threatLevel(), rule.score(), withSpans ? span : null));
      }
    }
  }

  private static Span firstAttack(InjectionRule rule, String text) {
    Matcher matcher = rule.pattern().matcher(text);
    while (matcher.find()) {
      if (!isNegated(text, matcher.start()) && !inBenignContext(rule, text, matcher.start(), matcher.end())) {
        return new Span(matcher.start(), matcher.end());
      }
    }
    return null;
  }

  private static boolean isNegated(String text, int start) {
    String before = text.substring(Math.max(0, start - NEGATION_WINDOW), start);
    return NEGATION_BEFORE.matcher(before).find();
  }

  private static boolean inBenignContext(InjectionRule rule, String text, int start, int end) {
    if (rule.benignContext() == null) {
      return false;
    }
    // Context stays within one message: messages are joined by a line break in the scanned text.
    int from = Math.max(text.lastIndexOf('\n', start) + 1, start - CONTEXT_WINDOW);
    int lineEnd = text.indexOf('\n', end);
    int to = Math.min(lineEnd < 0 ? text.length() : lineEnd, end + CONTEXT_WINDOW);
    return rule.benignContext().matcher(text).region(from, to).find();
  }
}
