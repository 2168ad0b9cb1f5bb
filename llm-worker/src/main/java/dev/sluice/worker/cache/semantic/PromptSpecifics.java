package dev.sluice.worker.cache.semantic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The details of a prompt that sentence embeddings blur but that change the answer: names, numbers, units, quoted
 * text, negations, and words from small closed sets of opposites ("largest"/"smallest", "encrypt"/"decrypt") or of
 * mutually exclusive values (colours, seasons, compass points). {@link NearMissGuard} compares them.
 *
 * <p>Everything here is lexical and language-specific (English): no model, no lists of topics. Names are found by
 * their capitals (mid-sentence, all-caps, inner capitals, or a sentence-initial word that is not a common starter) and
 * identifiers by their shape (digits, dots, underscores, {@code +}, {@code #}).
 *
 * @param tokens every word in order, normalized (lower case, plural {@code s} dropped, numbers and units in one
 *     spelling, quoted text as one token), for checking where the anchors of either prompt occur
 * @param anchors the tokens that must occur in the other prompt too, in the same order
 * @param units every unit mentioned, in order
 * @param negations how many negations the prompt holds
 * @param opposites for each set of opposites or exclusive values the prompt touches, the values it uses
 */
public record PromptSpecifics(List<String> tokens, Set<String> anchors, List<String> units, int negations,
    Map<String, Set<String>> opposites) {

  private static final Pattern TOKEN = Pattern.compile(
      "(?<quote>\"[^\"\\n]{1,200}\"|“[^”\\n]{1,200}”|`[^`\\n]{1,200}`|‘[^’\\n]{1,200}’"
          + "|(?<![\\p{L}\\p{N}])'[^'\\n]{1,200}'(?![\\p{L}\\p{N}]))"
          + "|(?<word>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_.+#'’]*[\\p{L}\\p{N}_+#])?)"
          + "|(?<stop>[.!?;:\\n]+)"
          + "|(?<symbol>[$€£¥%°×÷*/^]|(?<=\\s)[-+](?=\\s))");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?");
  private static final Pattern NUMBER_THEN_LETTERS = Pattern.compile("(\\d+(?:\\.\\d+)?)(\\p{L}+)");
  private static final Pattern ORDINAL_DIGITS = Pattern.compile("(\\d+)(?:st|nd|rd|th)");

  private static final Map<String, String> NUMBER_WORDS = table("""
      2: two | 3: three | 4: four | 5: five | 6: six | 7: seven | 8: eight | 9: nine | 10: ten | 11: eleven
      12: twelve | 13: thirteen | 14: fourteen | 15: fifteen | 16: sixteen | 17: seventeen | 18: eighteen
      19: nineteen | 20: twenty | 30: thirty | 40: forty | 50: fifty | 60: sixty | 70: seventy | 80: eighty
      90: ninety | 100: hundred | 1000: thousand | 1000000: million | 1000000000: billion""");

  /** "second" is left out: it is an ordinal or a unit of time depending on what stands before it. */
  private static final Map<String, String> ORDINALS = table("""
      #3: third | #4: fourth | #5: fifth | #6: sixth | #7: seventh | #8: eighth | #9: ninth | #10: tenth""");

  private static final Map<String, String> UNITS = table("""
      km: km kms kilometer kilometers kilometre kilometres | meter: meter meters metre metres
      cm: cm centimeter centimeters centimetre centimetres | mm: mm millimeter millimeters millimetre millimetres
      mile: mile miles mi | foot: foot feet ft | inch: inch inches | yard: yard yards yd
      kg: kg kgs kilogram kilograms kilo kilos | gram: g gram grams gramme grammes | mg: mg milligram milligrams
      pound: pound pounds lb lbs | ounce: ounce ounces oz | ton: ton tons tonne tonnes
      liter: liter liters litre litres | ml: ml milliliter milliliters millilitre millilitres
      gallon: gallon gallons gal | quart: quart quarts qt | pint: pint pints | cup: cup cups
      tablespoon: tablespoon tablespoons tbsp | teaspoon: teaspoon teaspoons tsp
      celsius: celsius centigrade | fahrenheit: fahrenheit | kelvin: kelvin
      second: seconds sec secs | minute: minute minutes mins | hour: hour hours hr hrs | day: day days
      week: week weeks | month: month months | year: year years yr yrs | decade: decade decades
      century: century centuries | percent: percent percentage | usd: usd dollar dollars | eur: eur euro euros
      gbp: gbp sterling | jpy: jpy yen | byte: byte bytes | kb: kb kilobyte kilobytes | mb: mb megabyte megabytes
      gb: gb gigabyte gigabytes | tb: tb terabyte terabytes | mph: mph | kph: kph kmh | watt: watt watts w
      kwh: kwh | volt: volt volts | calorie: kcal""");
  private static final Map<String, String> DEGREE_SCALES = Map.of("c", "celsius", "f", "fahrenheit", "k", "kelvin");
  private static final Map<String, String> SYMBOL_UNITS = Map.of("%", "percent", "$", "usd", "€", "eur",
      "£", "gbp", "¥", "jpy");

  private static final Map<String, String> OPERATORS = table("""
      op:add: plus + added | op:subtract: minus - subtract subtracted | op:multiply: times × * multiplied multiply
      op:divide: divided ÷ / divide | op:power: squared cubed ^ power""");

  private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nothing", "nobody",
      "neither", "nor", "without", "cannot");

  /**
   * Opposites ("dimension: one side | the other side") and sets of exclusive values ("dimension: a b c", each word its
   * own value). Two prompts that use different values of one dimension ask different things.
   */
  private static final Map<String, String[]> OPPOSITES = opposites("""
      size: large larger largest big bigger biggest huge tall taller tallest high higher highest long longer longest
        wide wider widest deep deeper deepest heavy heavier heaviest
        | small smaller smallest little tiny short shorter shortest low lower lowest narrow narrower narrowest
        shallow shallower shallowest
      amount: more most max maximum increase increases increasing increased raise raises gain maximize maximise
        | less least fewer fewest min minimum decrease decreases decreasing decreased reduce reduces lose minimize
        minimise
      speed: fast faster fastest quick quicker quickest quickly rapid rapidly | slow slower slowest slowly
      temperature: hot hotter hottest warm warmer warmest | cold colder coldest cool cooler coolest
      phase: boil boiling boils melt melting | freeze freezing freezes
      time: before earlier earliest first old older oldest previous past | after later latest last new newer newest
        next recent future end
      value: good better best great excellent positive benefit benefits advantage advantages pro pros healthy safe
        safely safer safest right correct | bad worse worst poor negative drawback drawbacks disadvantage
        disadvantages con cons risk risks unhealthy unsafe dangerous harmful wrong incorrect
      difficulty: easy easier easiest simple simpler simplest simply basic | hard harder hardest difficult complex
        complicated advanced
      price: cheap cheaper cheapest affordable inexpensive | expensive pricey costly
      sort: ascending asc | descending desc
      trade: buy buying bought purchase | sell selling sold
      membership: add adding insert create install | remove removing delete deleting uninstall drop
      switch: enable enabling activate | disable disabling deactivate
      cipher: encrypt encrypting encryption encode encoding | decrypt decrypting decryption decode decoding
      packing: compress compressing zip | decompress decompressing unzip
      transfer: upload uploading push | download downloading pull
      trade-direction: import importing | export exporting
      state: open opening | close closing
      run: start starting begin beginning launch | stop stopping halt
      permission: accept allow allowed permit include including | reject deny denied block forbid exclude excluding
        prohibit
      feeling: love | hate
      truth: true | false
      agreement: agree | disagree
      likeness: same similar alike | different difference differences differ dissimilar
      gender: male men man boy boys father husband | female women woman girl girls mother wife
      brightness: bright brighter light | dark darker
      strength: strong stronger strongest | weak weaker weakest
      loudness: loud louder | quiet quieter
      moisture: wet | dry
      case: uppercase upper | lowercase
      flow: input inputs | output outputs
      scope: internal | external
      colour: red orange yellow green blue purple violet pink brown black white gray/grey
      season: summer winter autumn
      compass: north/northern south/southern east/eastern west/western
      meal: breakfast lunch dinner
      weekday: monday tuesday wednesday thursday friday saturday sunday
      month: january february march april june july august september october november december""");

  /** Words that often open a sentence with a capital without being a name. */
  private static final Set<String> STARTERS = Set.of(("a an the and but or so if then also now just please "
      + "what what's whats how how's why which who whom whose where where's when when's is are was were am be been "
      + "do does did done have has had can could would should will shall may might must i i'm i've i'd you we they "
      + "he she it it's there here this that these those my your our their his her its some any all every each "
      + "many much few several one in on at for from to with by about after before during between into over under "
      + "as like than hi hello hey ok okay yes thanks thank write explain describe tell give list show summarize "
      + "summarise convert translate calculate compute compare define find help make create generate suggest "
      + "recommend provide name rewrite fix debug implement build design plan draft proofread correct check "
      + "identify predict solve estimate analyze analyse classify rank sort pick choose outline brainstorm "
      + "paraphrase rephrase continue complete answer respond reply say teach walk guide let let's imagine pretend "
      + "act assume consider suppose using use based given according regarding tips ways steps recipe ideas "
      + "reasons causes symptoms examples example meaning definition history difference differences average set "
      + "movies books songs flight best top quick simple easy good").split(" "));

  /** Reads the specifics of one prompt. */
  public static PromptSpecifics of(String prompt) {
    return new Reader(prompt).read();
  }

  /** Reads one prompt, token by token. */
  private static final class Reader {

    private final String text;
    private final boolean capitalsMeanNames;
    private final List<String> tokens = new ArrayList<>();
    private final Set<String> anchors = new LinkedHashSet<>();
    private final List<String> units = new ArrayList<>();
    private final Map<String, Set<String>> opposites = new TreeMap<>();
    private int negations;
    private boolean sentenceStart = true;
    private boolean afterNumber;
    private boolean afterDegreeSign;
    private String currencyBeforeNumber;

    private Reader(String text) {
      this.text = text;
      this.capitalsMeanNames = !titleOrShouting(text);
    }

    private PromptSpecifics read() {
      Matcher matcher = TOKEN.matcher(text);
      while (matcher.find()) {
        if (matcher.group("quote") != null) {
          String quoted = matcher.group("quote");
          String content = quoted.substring(1, quoted.length() - 1).toLowerCase(Locale.ROOT)
              .replaceAll("\\s+", " ").replaceAll("[.!?,;:]+$", "").strip();
          flushCurrency();
          anchor("q:" + content);
          sentenceStart = false;
          afterNumber = false;
          afterDegreeSign = false;
        } else if (matcher.group("word") != null) {
          word(matcher.group("word"));
        } else if (matcher.group("stop") != null) {
          flushCurrency();
          sentenceStart = true;
          afterNumber = false;
          afterDegreeSign = false;
        } else {
          symbol(matcher.group("symbol"));
        }
      }
      flushCurrency();
      return new PromptSpecifics(List.copyOf(tokens), Set.copyOf(anchors), List.copyOf(units), negations,
          Map.copyOf(opposites));
    }

    private void word(String original) {
      String word = original.replace('’', '\'');
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.endsWith("'s")) {
        lower = lower.substring(0, lower.length() - 2);
        word = word.substring(0, word.length() - 2);
      }
      boolean atStart = sentenceStart;
      sentenceStart = false;
      boolean previousWasNumber = afterNumber;
      boolean previousWasDegreeSign = afterDegreeSign;
      afterNumber = false;
      afterDegreeSign = false;
      if (NUMBER.matcher(lower).matches()) {
        number(lower.replace(",", ""));
        return;
      }
      if (NUMBER_WORDS.containsKey(lower)) {
        number(NUMBER_WORDS.get(lower));
        return;
      }
      Matcher glued = NUMBER_THEN_LETTERS.matcher(lower);
      if (glued.matches() && UNITS.containsKey(glued.group(2))) {
        number(glued.group(1));
        unit(UNITS.get(glued.group(2)), true);
        return;
      }
      flushCurrency();
      if (NEGATIONS.contains(lower) || lower.endsWith("n't")) {
        negations++;
        return;
      }
      Matcher ordinal = ORDINAL_DIGITS.matcher(lower);
      if (ordinal.matches()) {
        anchor("#" + ordinal.group(1));
        return;
      }
      if (previousWasDegreeSign && DEGREE_SCALES.containsKey(lower)) {
        unit(DEGREE_SCALES.get(lower), previousWasNumber);
        return;
      }
      if (lower.equals("second")) {
        if (previousWasNumber) {
          unit("second", true);
        } else {
          anchor("#2");
        }
        return;
      }
      if (ORDINALS.containsKey(lower)) {
        anchor(ORDINALS.get(lower));
        return;
      }
      if (lower.equals("degree") || lower.equals("degrees")) {
        // "30 degrees Celsius" and "30°C" say the same; the degree itself tells nothing.
        afterNumber = previousWasNumber;
        return;
      }
      if (UNITS.containsKey(lower)) {
        unit(UNITS.get(lower), previousWasNumber);
        return;
      }
      if (OPERATORS.containsKey(lower)) {
        anchor(OPERATORS.get(lower));
        return;
      }
      String[] opposite = OPPOSITES.get(lower);
      if (opposite != null) {
        opposites.computeIfAbsent(opposite[0], dimension -> new TreeSet<>()).add(opposite[1]);
        tokens.add(lower);
        return;
      }
      if (identifier(word)) {
        anchor(lower);
      } else if (looksLikeName(word, atStart, lower)) {
        // Acronyms and code names keep their final s: HTTPS is not HTTP.
        anchor(ordinaryCase(word) ? stem(lower) : lower);
      } else {
        tokens.add(stem(lower));
      }
    }

    private void symbol(String symbol) {
      boolean previousWasNumber = afterNumber;
      afterNumber = false;
      afterDegreeSign = false;
      if (SYMBOL_UNITS.containsKey(symbol) && !symbol.equals("%")) {
        // "$20" names its unit first, "20 dollars" last: both become "20 usd".
        flushCurrency();
        currencyBeforeNumber = SYMBOL_UNITS.get(symbol);
        return;
      }
      flushCurrency();
      if (symbol.equals("%")) {
        unit("percent", previousWasNumber);
      } else if (symbol.equals("°")) {
        afterNumber = previousWasNumber;
        afterDegreeSign = true;
      } else if (previousWasNumber && OPERATORS.containsKey(symbol)) {
        // Only between numbers is "-" a minus or "/" a division; elsewhere they are dashes and paths.
        anchor(OPERATORS.get(symbol));
      }
    }

    private void number(String digits) {
      anchor(canonicalNumber(digits));
      afterNumber = true;
      if (currencyBeforeNumber != null) {
        unit(currencyBeforeNumber, true);
        currencyBeforeNumber = null;
        afterNumber = false;
      }
    }

    /** A currency sign that no number followed. */
    private void flushCurrency() {
      if (currencyBeforeNumber != null) {
        unit(currencyBeforeNumber, false);
        currencyBeforeNumber = null;
      }
    }

    /**
     * A unit right after a number ("5 km") is a quantity and must be in the other prompt too; a unit on its own
     * ("how many minutes") only has to agree with the other prompt's units, if that prompt names any.
     */
    private void unit(String canonical, boolean quantity) {
      units.add(canonical);
      if (quantity) {
        anchor(canonical);
      } else {
        tokens.add(canonical);
      }
    }

    private void anchor(String token) {
      tokens.add(token);
      anchors.add(token);
    }

    private boolean looksLikeName(String word, boolean atStart, String lower) {
      if (!capitalsMeanNames || word.equals("I")) {
        return false;
      }
      boolean capitalized = Character.isUpperCase(word.codePointAt(0));
      long letters = word.codePoints().filter(Character::isLetter).count();
      long upper = word.codePoints().filter(Character::isUpperCase).count();
      if (letters >= 2 && upper == letters) {
        return true;
      }
      if (upper > 0 && !capitalized) {
        return true;
      }
      if (!capitalized) {
        return false;
      }
      if (upper > 1) {
        return true;
      }
      return !atStart || !STARTERS.contains(lower);
    }
  }

  /**
   * "5", "05" and "5.0" are one number; "3.10" stays apart from "3.1", since versions are written like decimals and
   * mistaking one version for another is worse than missing that 2.50 is 2.5.
   */
  private static String canonicalNumber(String digits) {
    int point = digits.indexOf('.');
    if (point < 0 || digits.substring(point + 1).chars().allMatch(c -> c == '0')) {
      return new BigInteger(point < 0 ? digits : digits.substring(0, point)).toString();
    }
    return digits;
  }

  /** "word" or "Word", not "WORD" or "macOS". */
  private static boolean ordinaryCase(String word) {
    return word.codePoints().skip(1).noneMatch(Character::isUpperCase);
  }

  /** Code names and versions: anything with a digit, or a dot, underscore, plus or hash inside. */
  private static boolean identifier(String word) {
    boolean digit = word.codePoints().anyMatch(Character::isDigit);
    boolean letter = word.codePoints().anyMatch(Character::isLetter);
    return digit && letter || word.chars().anyMatch(c -> c == '.' || c == '_' || c == '+' || c == '#');
  }

  /**
   * Title Case and SHOUTING put capitals everywhere, so there they say nothing about names. Ordinary prose leaves most
   * words after the first in lower case, names or not ("When was the Eiffel Tower built?").
   */
  private static boolean titleOrShouting(String text) {
    String[] words = text.strip().split("[^\\p{L}']+");
    int later = 0;
    int capitalized = 0;
    for (int i = 1; i < words.length; i++) {
      if (!words[i].isEmpty()) {
        later++;
        if (Character.isUpperCase(words[i].codePointAt(0))) {
          capitalized++;
        }
      }
    }
    return later >= 3 && capitalized * 10 >= later * 8;
  }

  /** Folds plurals so "kittens" and "kitten" meet; both prompts go through the same folding. */
  private static String stem(String word) {
    if (word.length() > 4 && word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
        && !word.endsWith("is")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  /** Parses "canonical: spelling spelling | canonical: …" into spelling → canonical. */
  private static Map<String, String> table(String spec) {
    Map<String, String> table = new HashMap<>();
    for (String entry : spec.split("[|\\n]")) {
      int colon = entry.lastIndexOf(": ");
      String canonical = entry.substring(0, colon).strip();
      for (String spelling : entry.substring(colon + 2).strip().split("\\s+")) {
        table.put(spelling, canonical);
      }
    }
    return Map.copyOf(table);
  }

  /** Parses the opposites: word → {dimension, value}. */
  private static Map<String, String[]> opposites(String spec) {
    Map<String, String[]> table = new HashMap<>();
    for (String line : spec.replaceAll("\\n\\s+(?=[|\\p{L}])", " ").split("\\n")) {
      int colon = line.indexOf(": ");
      String dimension = line.substring(0, colon).strip();
      String[] sides = line.substring(colon + 2).split("\\|");
      for (int side = 0; side < sides.length; side++) {
        for (String synonyms : sides[side].strip().split("\\s+")) {
          // Two sides are opposites; a single list is a set of values that exclude each other ("a/b": one value).
          String[] spellings = synonyms.split("/");
          String value = sides.length == 1 ? spellings[0] : side == 0 ? "+" : "-";
          for (String word : spellings) {
            if (table.put(word, new String[] {dimension, value}) != null) {
              throw new IllegalStateException("'" + word + "' is in two sets of opposites");
            }
          }
        }
      }
    }
    return Map.copyOf(table);
  }
}
