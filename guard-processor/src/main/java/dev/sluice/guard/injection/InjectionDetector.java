package dev.sluice.guard.injection;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Detector;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.detect.Span;
import dev.sluice.guard.normalize.NormalizedText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds prompt-injection phrasing with {@link InjectionRule}s, then lets a {@link LexicalScorer} weigh the wording as
 * a whole: the scorer alone flags, and blocks only together with a rule. Rules report at most one finding per category (its first match), so a prompt that repeats an attack a
 * thousand times yields one audit event, not a thousand. Rules run on the normalized text first, then on its
 * de-obfuscated variants for the categories not found yet; hidden characters are a finding of their own.
 *
 * <p>A rule is tried only where one of its start words begins and only when the text holds its required words: the
 * text's words are looked up once in a table of every rule word, so the cost of a rule a text cannot match is a few
 * array reads.
 */
public final class InjectionDetector implements Detector {

  public static final String NAME = "injection-patterns";
  public static final String LEXICAL_NAME = "injection-lexical";

  /**
   * A negation right before a match ("do not ignore…", "never reveal…") turns an attack into a rule. Cues keep their
   * negated forms: "never break character" is as much a jailbreak phrase as "stay in character".
   */
  private static final Pattern NEGATION_BEFORE = Pattern.compile("(?:\\bnever|\\bnot|\\bcannot|n't|\\bno)\\s+$",
      Pattern.CASE_INSENSITIVE);
  private static final int NEGATION_WINDOW = 8;
  private static final int CONTEXT_WINDOW = 80;
  /** Hidden characters alone are worth a flag, not a block: they also occur in text pasted from some editors. */
  private static final double HIDDEN_CHARACTERS_SCORE = 0.6;

  private final List<InjectionRule> rules;
  private final LexicalScorer scorer;
  private final List<String> categories;
  private final int[] categoryOfRule;
  private final WordTable words;
  private final int[][][] requiredIds;
  private final int[][] startIds;
  private final boolean[][] startsRule;

  /** A detector with rules only. */
  public InjectionDetector(List<InjectionRule> rules) {
    this(rules, null);
  }

  /**
   * @param rules the rules, tried in order
   * @param scorer weighs the whole wording after the rules ran; null for rules only
   */
  public InjectionDetector(List<InjectionRule> rules, LexicalScorer scorer) {
    this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    this.scorer = scorer;
    Set<String> categoryNames = new LinkedHashSet<>();
    Set<String> ruleWords = new LinkedHashSet<>();
    for (InjectionRule rule : this.rules) {
      categoryNames.add(rule.category());
      ruleWords.addAll(rule.startWords());
      rule.requiredWords().groups().forEach(ruleWords::addAll);
    }
    this.categories = List.copyOf(categoryNames);
    this.words = new WordTable(ruleWords);
    this.categoryOfRule = new int[this.rules.size()];
    this.requiredIds = new int[this.rules.size()][][];
    this.startIds = new int[this.rules.size()][];
    this.startsRule = new boolean[this.rules.size()][];
    for (int r = 0; r < this.rules.size(); r++) {
      InjectionRule rule = this.rules.get(r);
      categoryOfRule[r] = categories.indexOf(rule.category());
      requiredIds[r] = rule.requiredWords().groups().stream().map(words::idsOf).toArray(int[][]::new);
      startIds[r] = words.idsOf(rule.startWords());
      startsRule[r] = new boolean[words.size()];
      for (int id : startIds[r]) {
        startsRule[r][id] = true;
      }
    }
  }

  /** A detector with {@link InjectionRules#defaults()} and no lexical scorer. */
  public static InjectionDetector withDefaultRules() {
    return new InjectionDetector(InjectionRules.defaults());
  }

  /** The production detector: {@link InjectionRules#defaults()} and the shipped {@link LexicalScorer}. */
  public static InjectionDetector withDefaults() {
    return new InjectionDetector(InjectionRules.defaults(), LexicalScorer.shipped());
  }

  @Override
  public List<Finding> inspect(NormalizedText text) {
    Matches matches = match(text);
    List<Finding> findings = new ArrayList<>();
    for (Finding finding : matches.firstPerCategory()) {
      if (finding != null && finding.threatLevel() != ThreatLevel.NONE) {
        findings.add(finding);
      }
    }
    if (text.hiddenCharacters()) {
      findings.add(new Finding(NAME, InjectionCategories.OBFUSCATION_INVISIBLE_TEXT, ThreatLevel.LOW,
          HIDDEN_CHARACTERS_SCORE, null));
    }
    if (scorer != null) {
      double probability = scorer.probability(matches.readings(), matches.matchedCategories());
      boolean corroborated = findings.stream().anyMatch(finding -> finding.threatLevel() != ThreatLevel.NONE
          && !finding.category().equals(InjectionCategories.OBFUSCATION_INVISIBLE_TEXT));
      ThreatLevel level = scorer.levelOf(probability, corroborated);
      if (level != ThreatLevel.NONE) {
        findings.add(new Finding(LEXICAL_NAME, InjectionCategories.LEXICAL_INJECTION, level, probability, null));
      }
    }
    return findings;
  }

  /**
   * What the rules found in a text and the readings they saw.
   *
   * @param readings the normalized text, then its distinct variants, each with its words
   * @param firstPerCategory the first match of each category (cues included), null where none; categories are
   *     numbered in the order the rules first name them
   */
  record Matches(List<WordScan> readings, Finding[] firstPerCategory) {

    /** The categories with a match, cues included. */
    List<String> matchedCategories() {
      List<String> matched = new ArrayList<>();
      for (Finding finding : firstPerCategory) {
        if (finding != null) {
          matched.add(finding.category());
        }
      }
      return matched;
    }
  }

  /** Runs the rules over the text and its variants. */
  Matches match(NormalizedText text) {
    Finding[] firstPerCategory = new Finding[categories.size()];
    List<String> variants = text.distinctVariants();
    List<WordScan> readings = new ArrayList<>(1 + variants.size());
    readings.add(match(text.text(), true, firstPerCategory));
    for (String variant : variants) {
      readings.add(match(variant, false, firstPerCategory));
    }
    return new Matches(readings, firstPerCategory);
  }

  /** Adds the first match of every category not found yet; spans only when {@code text} is what spans index. */
  private WordScan match(String text, boolean withSpans, Finding[] firstPerCategory) {
    WordScan scan = WordScan.of(text);
    int[] wordIds = new int[scan.count()];
    boolean[] present = new boolean[words.size()];
    for (int w = 0; w < scan.count(); w++) {
      int id = words.idOf(scan.hash(w));
      wordIds[w] = id;
      if (id >= 0) {
        present[id] = true;
      }
    }
    for (int r = 0; r < rules.size(); r++) {
      int category = categoryOfRule[r];
      if (firstPerCategory[category] != null || !admits(r, present)) {
        continue;
      }
      InjectionRule rule = rules.get(r);
      if (!containsAny(text, rule.requiredSymbols())) {
        continue;
      }
      Span span = firstAttack(r, rule, scan, wordIds);
      if (span != null) {
        firstPerCategory[category] = new Finding(NAME, rule.category(),
            rule.threatLevel(), rule.score(), withSpans ? span : null);
      }
    }
    return scan;
  }

  private boolean admits(int rule, boolean[] present) {
    if (!anyPresent(startIds[rule], present)) {
      return false;
    }
    for (int[] group : requiredIds[rule]) {
      if (!anyPresent(group, present)) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsAny(String text, String symbols) {
    if (symbols.isEmpty()) {
      return true;
    }
    for (int i = 0; i < symbols.length(); i++) {
      if (text.indexOf(symbols.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyPresent(int[] ids, boolean[] present) {
    for (int id : ids) {
      if (present[id]) {
        return true;
      }
    }
    return false;
  }

  private Span firstAttack(int r, InjectionRule rule, WordScan scan, int[] wordIds) {
    String text = scan.text();
    Matcher matcher = null;
    for (int w = 0; w < scan.count(); w++) {
      int id = wordIds[w];
      if (id < 0 || !startsRule[r][id]) {
        continue;
      }
      if (matcher == null) {
        matcher = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      matcher.region(scan.start(w), text.length());
      if (matcher.lookingAt() && !(rule.reported() && isNegated(text, matcher.start()))
          && !inBenignContext(rule, text, matcher.start(), matcher.end())) {
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
