package dev.sluice.guard.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers. A hand-written scan finds phone-shaped candidates (an optional {@code +}, 7 to 15 digits in groups
 * joined by single spaces, dashes, dots or slashes, parenthesized area codes, an optional extension); only those
 * reach libphonenumber, which is too slow to run over every text. A candidate is a phone number when
 *
 * <ul>
 *   <li>it is international ({@code +44 20 7946 0958}, {@code 0049 30 1234567}) and libphonenumber finds a
 *       possible number there; or</li>
 *   <li>a context word stands next to it on its line ("Phone:", "call me at", "… fax"): then the shape is enough,
 *       since the world's national formats are too many to validate without knowing the country; or</li>
 *   <li>it is grouped the way phone numbers are written and little else is: three or more groups of 2 to 4 digits
 *       with one separator throughout, 8 to 12 digits ({@code 0490 75 40 81}, {@code 01.84.17.61.18}), unless the
 *       grouping is that of thousands ({@code 12 345 678}); or</li>
 *   <li>it is written in groups and libphonenumber finds a <em>valid</em> number of one of the configured
 *       {@link PhoneRegions} there ({@code (650) 253-0000} for the US, {@code (020) 7946 0958} for GB).</li>
 * </ul>
 *
 * Dates ({@code 2024-01-15}, {@code 15.01.2024}) and numbers glued to letters, decimals, times or longer numbers
 * are never candidates; IP addresses, social security and card numbers are claimed first by their own finders.
 */
final class PhoneNumberFinder implements PiiFinder {

  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;
  private static final int MAX_GROUPS = 8;
  private static final int MIN_GROUPED_DIGITS = 8;
  private static final int MAX_GROUPED_DIGITS = 12;
  private static final int MAX_PAREN_DIGITS = 5;
  private static final int CONTEXT_BEFORE = 40;
  private static final int CONTEXT_AFTER = 20;
  private static final ContextWords PHONE_WORDS = new ContextWords("phone", "phones", "telephone", "tel", "ph",
      "mobile", "mob", "cell", "cellphone", "fax", "call", "calling", "called", "text", "sms", "whatsapp", "signal",
      "contact", "reach", "dial", "ring", "office", "home", "work", "message", "messages", "hotline", "landline",
      // "number" alone is any number (licence, company, order); after a possessive it is a phone number
      "my number", "your number", "his number", "her number", "our number", "their number");
  private static final Pattern EXTENSION = Pattern.compile("[ ,]{0,2}+(?:ext\\.?|extension|x|#)[ .]?(\\d{1,6}+)",
      Pattern.CASE_INSENSITIVE);
  /** International call prefixes that parse with these regions: 00 (most of the world) and 011 (North America). */
  private static final String IDD_00_REGION = "DE";
  private static final String IDD_011_REGION = "US";

  private static final String UNKNOWN_REGION = "ZZ";
  private static final int MAX_CALLING_CODE_DIGITS = 3;

  private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
  private final List<Region> regions;

  /** A region national numbers are read in: its calling code and the trunk prefix dropped after it. */
  private record Region(String code, int callingCode, String trunkPrefix) {
  }

  PhoneNumberFinder(PhoneRegions regions) {
    this.regions = regions.codes().stream().map(code -> {
      String prefix = phoneNumbers.getNddPrefixForRegion(code, true);
      return new Region(code, phoneNumbers.getCountryCodeForRegion(code), prefix == null ? "" : prefix);
    }).toList();
  }

  @Override
  public PiiType type() {
    return PiiType.PHONE;
  }

  @Override
  public void find(String text, DigitRuns digitRuns, List<PiiMatch> matches) {
    if (digitRuns.digits() < MIN_DIGITS) {
      return;
    }
    Candidate candidate = new Candidate();
    int resume = 0;
    for (int run = 0; run < digitRuns.count(); run++) {
      int start = numberStart(text, digitRuns.start(run));
      if (start < resume || !canStart(text, start)) {
        continue;
      }
      boolean complete = candidate.scan(text, start);
      if (complete && isPhoneNumber(text, candidate)) {
        int end = extensionEnd(text, candidate.end);
        String extension = end > candidate.end ? "x" + digitsOf(text, candidate.end, end) : "";
        matches.add(new PiiMatch(PiiType.PHONE, start, end, canonical(text, candidate) + extension));
        resume = end;
      } else {
        // Past the whole run: the digits inside a rejected number are not a number of their own. Only after a
        // date may the rest ("2024-01-15 (555) 123-4567") be a number.
        resume = Math.max(start + 1, complete ? candidate.endOfLeadingDate() : candidate.end);
      }
    }
  }

  /** Where a number whose first digit run starts at {@code firstDigit} starts: at a {@code +} or {@code (} before. */
  private static int numberStart(String text, int firstDigit) {
    if (firstDigit == 0) {
      return 0;
    }
    char before = text.charAt(firstDigit - 1);
    return before == '+' || before == '(' ? firstDigit - 1 : firstDigit;
  }

  private static boolean canStart(String text, int i) {
    char c = text.charAt(i);
    boolean opens = DigitRuns.isDigit(c)
        || ((c == '+' || c == '(') && i + 1 < text.length() && DigitRuns.isDigit(text.charAt(i + 1)));
    if (!opens || i == 0) {
      return opens;
    }
    char before = text.charAt(i - 1);
    if (DigitRuns.isWordCharacter(before) || before == '+' || before == '(' || before == '@') {
      return false;
    }
    // "1,234 567" or "3.14 159": the candidate would start inside a longer number.
    boolean numberBefore = (before == '.' || before == ',' || before == '-' || before == '/')
        && i >= 2 && DigitRuns.isDigit(text.charAt(i - 2));
    return !numberBefore;
  }

  private boolean isPhoneNumber(String text, Candidate candidate) {
    if (candidate.digits < MIN_DIGITS || candidate.digits > MAX_DIGITS || candidate.looksLikeDate()
        || IpAddressFinder.ipv4End(text, candidate.start) == candidate.end) {
      return false;
    }
    if (candidate.international) {
      return possibleInternationalNumber(candidate.dialledDigits(text));
    }
    String number = text.substring(candidate.start, candidate.end);
    boolean dialledFromAbroad = (number.startsWith("011") && libraryFinds(number, IDD_011_REGION, Leniency.VALID))
        || (number.startsWith("00") && libraryFinds(number, IDD_00_REGION, Leniency.VALID));
    if (dialledFromAbroad
        || PHONE_WORDS.near(text, candidate.start, candidate.end, CONTEXT_BEFORE, CONTEXT_AFTER)
        || candidate.hasPhoneGrouping(text)) {
      return true;
    }
    if (!candidate.grouped()) {
      return false;
    }
    candidate.validIn = validRegion(number);
    return candidate.validIn != null;
  }

  /** The first region in which libphonenumber finds a valid number spanning all of {@code number}, or null. */
  private Region validRegion(String number) {
    for (Region region : regions) {
      if (libraryFinds(number, region.code(), Leniency.VALID)) {
        return region;
      }
    }
    return null;
  }

  /** True when libphonenumber, searching {@code number} alone, finds a number spanning all of it. */
  private boolean libraryFinds(String number, String region, Leniency leniency) {
    for (PhoneNumberMatch match : phoneNumbers.findNumbers(number, region, leniency, Long.MAX_VALUE)) {
      if (match.start() == 0 && match.end() == number.length()) {
        return true;
      }
    }
    return false;
  }

  /**
   * What {@link Leniency#POSSIBLE} checks, without parsing the text: a country calling code libphonenumber knows
   * followed by a national number of a length possible there. Calling codes are prefix-free, so the first one
   * found is the one. ({@code findNumbers} costs tens of microseconds a call; this costs well under one.)
   */
  private boolean possibleInternationalNumber(String digits) {
    for (int codeLength = 1; codeLength <= MAX_CALLING_CODE_DIGITS && codeLength < digits.length(); codeLength++) {
      int callingCode = Integer.parseInt(digits, 0, codeLength, 10);
      if (!phoneNumbers.getRegionCodeForCountryCode(callingCode).equals(UNKNOWN_REGION)) {
        return phoneNumbers.isPossibleNumber(phoneNumber(callingCode, digits.substring(codeLength)));
      }
    }
    return false;
  }

  private static PhoneNumber phoneNumber(int callingCode, String nationalDigits) {
    int leadingZeros = 0;
    while (leadingZeros < nationalDigits.length() - 1 && nationalDigits.charAt(leadingZeros) == '0') {
      leadingZeros++;
    }
    PhoneNumber number = new PhoneNumber().setCountryCode(callingCode)
        .setNationalNumber(Long.parseLong(nationalDigits));
    return leadingZeros == 0 ? number : number.setItalianLeadingZero(true).setNumberOfLeadingZeros(leadingZeros);
  }

  /**
   * The number as {@code +} calling code and national digits, a national number read in the first region it is
   * valid in, else in the first region (its trunk prefix dropped): {@code +16502530000} for both
   * {@code +1 (650) 253-0000} and {@code 650.253.0000}, so one number written two ways gets one placeholder. Built
   * from the digits, not parsed: it is a key, not a check. With one region nothing needs validating.
   */
  private String canonical(String text, Candidate candidate) {
    String digits = candidate.dialledDigits(text);
    if (candidate.international) {
      return "+" + digits;
    }
    Region region = candidate.validIn;
    if (region == null && regions.size() > 1) {
      region = validRegion(text.substring(candidate.start, candidate.end));
    }
    if (region == null) {
      region = regions.get(0);
    }
    String trunkPrefix = region.trunkPrefix();
    boolean trunk = !trunkPrefix.isEmpty() && digits.startsWith(trunkPrefix);
    return "+" + region.callingCode() + (trunk ? digits.substring(trunkPrefix.length()) : digits);
  }

  private static int extensionEnd(String text, int end) {
    if (end >= text.length() || " ,eExX#".indexOf(text.charAt(end)) < 0) {
      return end;
    }
    Matcher extension = EXTENSION.matcher(text).region(end, text.length());
    return extension.lookingAt() && !DigitRuns.followedByWordCharacter(text, extension.end()) ? extension.end() : end;
  }

  private static String digitsOf(String text, int start, int end) {
    StringBuilder digits = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      if (DigitRuns.isDigit(text.charAt(i))) {
        digits.append(text.charAt(i));
      }
    }
    return digits.toString();
  }

  /** One phone-shaped run of the text, reused across the scan of one text. */
  private static final class Candidate {
    int start;
    int end;
    int digits;
    boolean international;
    final int[] groupStarts = new int[MAX_GROUPS];
    final int[] groupLengths = new int[MAX_GROUPS];
    /** The separator before each group, 0 when none (the first group, or "(0)8"). */
    final char[] separatorsBefore = new char[MAX_GROUPS];
    int groups;
    boolean parenthesized;
    /** The region libphonenumber found it valid in, when that was what made it a phone number. */
    Region validIn;

    /**
     * Reads the run starting at {@code from}; false when it is no candidate (too many groups, or glued to more
     * text). {@link #end} is where the run ends either way.
     */
    boolean scan(String text, int from) {
      start = from;
      digits = 0;
      groups = 0;
      parenthesized = false;
      validIn = null;
      int at = from;
      char separator = 0;
      international = text.charAt(at) == '+';
      if (international) {
        at++;
      }
      while (true) {
        boolean paren = text.charAt(at) == '(';
        int groupEnd = paren ? parenGroupEnd(text, at) : digitsEnd(text, at);
        if (groupEnd < 0) {
          end = at + 1;
          return false;
        }
        int length = paren ? groupEnd - at - 2 : groupEnd - at;
        // "+46 (0)8 …": the trunk zero in brackets is not dialled from abroad
        boolean trunkZero = paren && international && length == 1 && text.charAt(at + 1) == '0';
        digits += trunkZero ? 0 : length;
        parenthesized |= paren;
        if (groups < MAX_GROUPS) {
          groupStarts[groups] = at;
          groupLengths[groups] = length;
          separatorsBefore[groups] = separator;
        }
        groups++;
        at = groupEnd;
        int next = nextGroupStart(text, at, paren);
        if (next < 0) {
          break;
        }
        separator = next > at ? text.charAt(at) : 0;
        at = next;
      }
      end = at;
      return groups <= MAX_GROUPS && !continuesAsNumber(text, at);
    }

    /**
     * Where the next group of the run starts after a group ending at {@code at}: right there for "(0)8" or "(555)123",
     * after one separator for "555 123" or "555-(123)", or -1 when the run ends.
     */
    private static int nextGroupStart(String text, int at, boolean afterParen) {
      if (at >= text.length()) {
        return -1;
      }
      char next = text.charAt(at);
      if ((next == '(' && parenGroupEnd(text, at) > 0) || (afterParen && DigitRuns.isDigit(next))) {
        return at;
      }
      if (" -./".indexOf(next) < 0 || at + 1 >= text.length()) {
        return -1;
      }
      char after = text.charAt(at + 1);
      boolean opensGroup = DigitRuns.isDigit(after) || (after == '(' && parenGroupEnd(text, at + 1) > 0);
      return opensGroup ? at + 1 : -1;
    }

    /** A letter, digit, decimal part or time ("12:30") right after means the run is part of something else. */
    private static boolean continuesAsNumber(String text, int end) {
      if (end >= text.length()) {
        return false;
      }
      char after = text.charAt(end);
      if (DigitRuns.isWordCharacter(after)) {
        return true;
      }
      return ".,-/:".indexOf(after) >= 0 && end + 1 < text.length() && DigitRuns.isWordCharacter(text.charAt(end + 1));
    }

    private static int digitsEnd(String text, int at) {
      int end = at;
      while (end < text.length() && DigitRuns.isDigit(text.charAt(end))) {
        end++;
      }
      return end;
    }

    /** End of "(123)" at {@code at}, or -1. */
    private static int parenGroupEnd(String text, int at) {
      int digitsEnd = digitsEnd(text, at + 1);
      int length = digitsEnd - at - 1;
      boolean closed = digitsEnd < text.length() && text.charAt(digitsEnd) == ')';
      return length >= 1 && length <= MAX_PAREN_DIGITS && closed ? digitsEnd + 1 : -1;
    }

    boolean grouped() {
      return groups > 1 || parenthesized;
    }

    /** The digits one dials: without separators, the {@code +}, or the bracketed trunk zero of "+46 (0)8". */
    String dialledDigits(String text) {
      StringBuilder out = new StringBuilder(digits);
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        boolean trunkZero = international && c == '0' && i + 1 < end && text.charAt(i - 1) == '('
            && text.charAt(i + 1) == ')';
        if (DigitRuns.isDigit(c) && !trunkZero) {
          out.append(c);
        }
      }
      return out.toString();
    }

    /**
     * Three or more groups of 2-4 digits (the first up to 5), one separator throughout, 8-12 digits, and not a list
     * of years ({@code 1999 2000 2001}).
     */
    boolean hasPhoneGrouping(String text) {
      if (groups < 3 || groups > MAX_GROUPS || digits < MIN_GROUPED_DIGITS || digits > MAX_GROUPED_DIGITS
          || parenthesized || international) {
        return false;
      }
      char separator = separatorsBefore[1];
      boolean thousands = separator != '-' && groupLengths[0] <= 3;
      for (int g = 1; g < groups; g++) {
        if (separatorsBefore[g] != separator || groupLengths[g] < 2 || groupLengths[g] > 4) {
          return false;
        }
        thousands &= groupLengths[g] == 3;
      }
      return groupLengths[0] >= 2 && groupLengths[0] <= 5 && !thousands && !yearsOnly(text);
    }

    private boolean yearsOnly(String text) {
      int at = start;
      for (int g = 0; g < groups; g++) {
        if (groupLengths[g] != 4 || !(text.startsWith("19", at) || text.startsWith("20", at))) {
          return false;
        }
        at += 5;
      }
      return true;
    }

    /** Where the group after a leading date starts, or the end of the run when it does not start with a date. */
    int endOfLeadingDate() {
      return looksLikeDate() && groups > 3 && groups <= MAX_GROUPS ? groupStarts[3] : end;
    }

    /** 2024-01-15, 15.01.2024, 01/15/2024, 2024/1/15 (and whatever follows): a date, not a number to call. */
    boolean looksLikeDate() {
      if (groups < 3 || "-./".indexOf(separatorsBefore[1]) < 0 || separatorsBefore[1] != separatorsBefore[2]) {
        return false;
      }
      boolean yearFirst = groupLengths[0] == 4 && groupLengths[1] <= 2 && groupLengths[2] <= 2;
      boolean yearLast = groupLengths[0] <= 2 && groupLengths[1] <= 2 && groupLengths[2] == 4;
      return yearFirst || yearLast;
    }
  }
}
