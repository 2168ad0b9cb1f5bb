package dev.sluice.guard.injection;

import static dev.sluice.guard.injection.InjectionCategories.INSTRUCTION_OVERRIDE;
import static dev.sluice.guard.injection.InjectionCategories.JAILBREAK_PERSONA;
import static dev.sluice.guard.injection.InjectionCategories.ROLE_MANIPULATION;
import static dev.sluice.guard.injection.InjectionCategories.SYSTEM_PROMPT_EXTRACTION;
import static dev.sluice.guard.injection.RequiredWords.allOf;
import static dev.sluice.guard.injection.RequiredWords.anyOf;

import dev.sluice.events.ThreatLevel;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in rule set. Each rule is anchored on the words that make a phrase an attack (the noun "instructions",
 * the qualifier "without restrictions", the possessive "your system prompt"), so the same verbs in ordinary requests
 * ("ignore the previous commit", "system prompt design") do not match.
 *
 * <p>Each rule's required words are literal parts of its pattern, so skipping the pattern when they are absent
 * changes no result. Phrases with a space assume the single spaces of normalized text within one message.
 */
public final class InjectionRules {

  private static final String OVERRIDE_VERBS = "(?:ignore|disregard|forget|skip|override|bypass|drop)";
  private static final String NOUNS_OF_RULES = "(?:instructions?|rules?|directions?|directives?|prompts?|guidelines?"
      + "|guardrails?|commands?|orders?|constraints?|polic(?:y|ies)|programming)";
  private static final String EARLIER = "(?:previous|prior|above|preceding|earlier|foregoing|original|initial|former"
      + "|existing)";
  private static final String NO_LIMITS = "(?:without|with\\s+no|free\\s+(?:of|from)|ignoring|unbound\\s+by)\\s+"
      + "(?:any\\s+|all\\s+)?(?:(?:ethical|moral|safety|content)\\s+)?(?:restrictions?|limits?|limitations?"
      + "|filters?|filtering|rules?|censorship|guidelines?|constraints?|boundaries|polic(?:y|ies)|morals?|ethics)";
  private static final String CASE_SENSITIVE_DAN = "(?-i:DAN)";
  private static final String MODE_NAMES = "(?:god|jailbreak|jailbroken|unrestricted|unfiltered|evil)";
  private static final String PROMPT_TARGET = "(?:system\\s+(?:prompt|message|instructions)"
      + "|(?:initial|original|hidden|secret)\\s+(?:instructions|prompt)|pre-?prompt"
      + "|instructions\\s+you\\s+(?:were|have\\s+been)\\s+given)";
  private static final String DISCLOSE = "(?:reveal|print|show|display|output|repeat|recite|tell\\s+me|give\\s+me"
      + "|share|leak|dump|expose|write\\s+(?:out|down)|list|paste|copy|spell\\s+out|disclose)";
  private static final String PROMPT_ADJECTIVES = "(?:(?:full|entire|exact|complete|whole|original|hidden|secret"
      + "|initial|very\\s+first)\\s+)*";
  /** Words that put "developer mode" on a phone, browser or console rather than on the model. */
  private static final Pattern DEVICE_CONTEXT = compile("\\b(?:android|ios|iphone|ipad|phone|device|chrome"
      + "|chromebook|browser|windows|macos|xcode|usb|adb|settings|firmware|router|tv|console|extension|steam"
      + "|app\\s+store|play\\s+store)\\b");

  private static final List<String> WORDS_OF_OVERRIDE_VERBS =
      anyOf("ignore", "disregard", "forget", "skip", "override", "bypass", "drop");
  private static final List<String> WORDS_OF_RULES = anyOf("instruction", "rule", "direction", "directive", "prompt",
      "guideline", "guardrail", "command", "order", "constraint", "polic", "programming");
  private static final List<String> WORDS_OF_EARLIER = anyOf("previous", "prior", "above", "preceding", "earlier",
      "foregoing", "original", "initial", "former", "existing");
  private static final List<String> WORDS_OF_NO_LIMITS =
      anyOf("without", "no", "free", "ignoring", "unbound");
  private static final List<String> WORDS_OF_LIMITS = anyOf("restriction", "limit", "filter", "rule", "censorship",
      "guideline", "constraint", "boundaries", "polic", "moral", "ethic");
  private static final List<String> WORDS_OF_MODE_NAMES =
      anyOf("god", "jailbr", "unrestricted", "unfiltered", "evil");
  private static final List<String> WORDS_OF_PROMPT_TARGET = anyOf("prompt", "instructions", "system message");
  private static final List<String> WORDS_OF_DISCLOSE = anyOf("reveal", "print", "show", "display", "output",
      "repeat", "recite", "tell", "give", "share", "leak", "dump", "expose", "write", "list", "paste", "copy",
      "spell", "disclose");

  private InjectionRules() {
  }

  /** The default rules: instruction override, role manipulation, jailbreak personas, system prompt extraction. */
  public static List<InjectionRule> defaults() {
    return List.of(
        rule(INSTRUCTION_OVERRIDE, ThreatLevel.HIGH, 0.95,
            "\\b" + OVERRIDE_VERBS + "\\s+(?:(?:all|any|every|each)\\s+)?(?:(?:of|about)\\s+)?"
                + "(?:(?:the|your|my|these|those|its|their)\\s+)?" + EARLIER + "\\s+"
                + "(?:and\\s+\\w+\\s+)?(?:(?:system|safety|developer)\\s+)?" + NOUNS_OF_RULES + "\\b",
            allOf(WORDS_OF_OVERRIDE_VERBS, WORDS_OF_EARLIER, WORDS_OF_RULES)),
        rule(INSTRUCTION_OVERRIDE, ThreatLevel.HIGH, 0.9,
            "\\b(?:ignore|disregard|forget)\\s+(?:(?:all|any)\\s+)?(?:(?:the|your)\\s+)?" + NOUNS_OF_RULES
                + "\\s+(?:above|before\\s+this|given\\s+(?:above|before|earlier)"
                + "|you\\s+(?:were|have\\s+been)\\s+given)\\b",
            allOf(anyOf("ignore", "disregard", "forget"), WORDS_OF_RULES, anyOf("above", "before", "given"))),

        rule(ROLE_MANIPULATION, ThreatLevel.MEDIUM, 0.7,
            "\\byou\\s+are\\s+now\\s+(?:a|an|the|my|called|named|known\\s+as|no\\s+longer|free|unrestricted"
                + "|unfiltered|uncensored|unbound|jailbroken|(?:in|entering)\\s+\\w+\\s+mode)\\b",
            allOf(anyOf("you are now"))),
        rule(ROLE_MANIPULATION, ThreatLevel.MEDIUM, 0.75,
            "\\b(?:act|behave|respond|answer|reply|roleplay|role-play|operate)\\s+(?:as|like)\\b[^\\n]{0,80}?\\b"
                + NO_LIMITS + "\\b",
            allOf(anyOf("act", "behave", "respond", "answer", "reply", "roleplay", "role-play", "operate"),
                WORDS_OF_NO_LIMITS, WORDS_OF_LIMITS)),
        rule(ROLE_MANIPULATION, ThreatLevel.MEDIUM, 0.75,
            "\\bpretend\\s+(?:that\\s+)?(?:you\\s+)?(?:have|had|are\\s+bound\\s+by|follow)\\s+no\\s+"
                + "(?:rules|restrictions|limits|limitations|filters|guidelines|constraints|boundaries"
                + "|content\\s+polic(?:y|ies)|ethics|morals)\\b",
            allOf(anyOf("pretend"), WORDS_OF_LIMITS)),
        rule(ROLE_MANIPULATION, ThreatLevel.MEDIUM, 0.75,
            "\\bpretend\\s+(?:to\\s+be|you\\s+are|you're)\\b[^\\n]{0,80}?\\b" + NO_LIMITS + "\\b",
            allOf(anyOf("pretend"), WORDS_OF_NO_LIMITS, WORDS_OF_LIMITS)),

        rule(JAILBREAK_PERSONA, ThreatLevel.HIGH, 0.9,
            "\\b(?:you\\s+are|you're|act\\s+as|acting\\s+as|become|called|named|enable|activate"
                + "|pretend\\s+to\\s+be|stay|stay\\s+in\\s+character\\s+as)\\s+" + CASE_SENSITIVE_DAN + "\\b",
            allOf(anyOf("DAN"))),
        rule(JAILBREAK_PERSONA, ThreatLevel.HIGH, 0.9,
            "\\b" + CASE_SENSITIVE_DAN + "\\s+(?:mode|prompt|jailbreak|persona)\\b",
            allOf(anyOf("DAN"))),
        rule(JAILBREAK_PERSONA, ThreatLevel.HIGH, 0.85, "\\bdo\\s+anything\\s+now\\b",
            allOf(anyOf("anything now"))),
        new InjectionRule(JAILBREAK_PERSONA, ThreatLevel.HIGH, 0.85,
            compile("\\b(?:developer|dev|" + MODE_NAMES + ")\\s+mode\\s+"
                + "(?:is\\s+)?(?:now\\s+)?(?:enabled|activated|engaged|unlocked|on)\\b"),
            allOf(anyOf("mode"), anyOf("dev", "god", "jailbr", "unrestricted", "unfiltered", "evil")),
            DEVICE_CONTEXT),
        rule(JAILBREAK_PERSONA, ThreatLevel.HIGH, 0.85,
            "\\b(?:enable|activate|enter|engage|unlock|switch\\s+to|turn\\s+on)\\s+(?:the\\s+)?" + MODE_NAMES
                + "\\s+mode\\b",
            allOf(anyOf("mode"), WORDS_OF_MODE_NAMES)),

        rule(SYSTEM_PROMPT_EXTRACTION, ThreatLevel.HIGH, 0.9,
            "\\b" + DISCLOSE + "\\s+(?:to\\s+me\\s+|me\\s+|us\\s+)?(?:all\\s+|exactly\\s+|verbatim\\s+)?"
                + "(?:of\\s+)?your\\s+" + PROMPT_ADJECTIVES + PROMPT_TARGET + "\\b",
            allOf(anyOf("your"), WORDS_OF_PROMPT_TARGET, WORDS_OF_DISCLOSE)),
        rule(SYSTEM_PROMPT_EXTRACTION, ThreatLevel.HIGH, 0.85,
            "\\b" + DISCLOSE + "\\s+(?:me\\s+)?(?:the|this)\\s+" + PROMPT_ADJECTIVES + PROMPT_TARGET
                + "\\s+(?:above|verbatim|word\\s+for\\s+word|you\\s+(?:were|have\\s+been)\\s+given"
                + "|you\\s+received)\\b",
            allOf(WORDS_OF_PROMPT_TARGET, anyOf("above", "verbatim", "word for word", "given", "received"),
                WORDS_OF_DISCLOSE)),
        rule(SYSTEM_PROMPT_EXTRACTION, ThreatLevel.HIGH, 0.85,
            "\\bwhat\\s+(?:is|are|was|were)\\s+your\\s+" + PROMPT_ADJECTIVES + PROMPT_TARGET + "\\b",
            allOf(anyOf("what"), anyOf("your"), WORDS_OF_PROMPT_TARGET)));
  }

  private static InjectionRule rule(String category, ThreatLevel level, double score, String regex,
      RequiredWords requiredWords) {
    return new InjectionRule(category, level, score, compile(regex), requiredWords, null);
  }

  private static Pattern compile(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }
}
