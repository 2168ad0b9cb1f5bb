package dev.sluice.guard.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Payment card numbers: 12 to 19 digits, either in one block or in groups of 3 to 6 digits separated by single
 * spaces or dashes, that pass the Luhn check. Twelve digits (short Maestro cards) pass Luhn too often by chance, so
 * they also need a card word before them ("card", "Maestro", "debit"…). A run of digit groups is searched for its
 * longest valid card, so a card next to other numbers ("4111 1111 1111 1111 12/27", "order 12 4111…") is still
 * found. Runs are scanned by hand: a regex would be tried at every position of every text.
 */
final class CardNumberFinder implements PiiFinder {

  private static final int MIN_DIGITS = 12;
  private static final int MIN_DIGITS_WITHOUT_CONTEXT = 13;
  private static final int CONTEXT_BEFORE = 40;
  private static final ContextWords CARD_WORDS = new ContextWords("card", "cards", "cc", "ccn", "credit", "debit",
      "visa", "mastercard", "maestro", "amex", "discover", "diners", "jcb", "unionpay");
  private static final int MAX_DIGITS = 19;
  private static final int MIN_GROUP = 3;
  private static final int MAX_GROUP = 6;

  @Override
  public PiiType type() {
    return PiiType.CARD;
  }

  @Override
  public void find(String text, DigitRuns digitRuns, List<PiiMatch> matches) {
    if (digitRuns.digits() < MIN_DIGITS) {
      return;
    }
    int resume = 0;
    for (int run = 0; run < digitRuns.count(); run++) {
      int start = digitRuns.start(run);
      if (start < resume || (start > 0 && precludesStart(text.charAt(start - 1)))) {
        continue;
      }
      int end = runEnd(text, start);
      if (end - start >= MIN_DIGITS && !DigitRuns.followedByWordCharacter(text, end)) {
        findCards(text, groups(text, start, end), CARD_WORDS.near(text, start, end, CONTEXT_BEFORE, 0), matches);
      }
      resume = end;
    }
  }

  /** A number glued to a word, a decimal point, a thousands comma or a '+' (a phone number) is no card. */
  private static boolean precludesStart(char before) {
    return DigitRuns.isWordCharacter(before) || before == '.' || before == ',' || before == '+';
  }

  /** End of the digit groups from {@code start}, joined by single spaces or dashes. */
  private static int runEnd(String text, int start) {
    int end = start;
    while (true) {
      while (end < text.length() && DigitRuns.isDigit(text.charAt(end))) {
        end++;
      }
      boolean separatorThenDigit = end + 1 < text.length()
          && (text.charAt(end) == ' ' || text.charAt(end) == '-')
          && DigitRuns.isDigit(text.charAt(end + 1));
      if (!separatorThenDigit) {
        return end;
      }
      end++;
    }
  }

  private static void findCards(String text, List<int[]> groups, boolean cardWordBefore, List<PiiMatch> matches) {
    int minDigits = cardWordBefore ? MIN_DIGITS : MIN_DIGITS_WITHOUT_CONTEXT;
    int first = 0;
    while (first < groups.size()) {
      int cardEnd = longestCardFrom(text, groups, first, minDigits);
      if (cardEnd < 0) {
        first++;
        continue;
      }
      int start = groups.get(first)[0];
      int end = groups.get(cardEnd)[1];
      matches.add(new PiiMatch(PiiType.CARD, start, end, digitsOf(text, groups, first, cardEnd)));
      first = cardEnd + 1;
    }
  }

  /** Index of the last group of the longest valid card starting at group {@code first}, or -1. */
  private static int longestCardFrom(String text, List<int[]> groups, int first, int minDigits) {
    int digits = 0;
    int candidate = -1;
    for (int last = first; last < groups.size(); last++) {
      int[] group = groups.get(last);
      int length = group[1] - group[0];
      digits += length;
      if (digits > MAX_DIGITS) {
        break;
      }
      boolean grouped = last > first;
      if (grouped && !groupSizesFitCard(groups, first, last)) {
        break;
      }
      if (digits >= minDigits && Luhn.isValid(digitsOf(text, groups, first, last))) {
        candidate = last;
      }
    }
    return candidate;
  }

  private static boolean groupSizesFitCard(List<int[]> groups, int first, int last) {
    for (int i = first; i <= last; i++) {
      int length = groups.get(i)[1] - groups.get(i)[0];
      if (length < MIN_GROUP || length > MAX_GROUP) {
        return false;
      }
    }
    return true;
  }

  private static List<int[]> groups(String text, int start, int end) {
    List<int[]> groups = new ArrayList<>();
    int groupStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || !DigitRuns.isDigit(text.charAt(i))) {
        groups.add(new int[] {groupStart, i});
        groupStart = i + 1;
      }
    }
    return groups;
  }

  private static String digitsOf(String text, List<int[]> groups, int first, int last) {
    StringBuilder digits = new StringBuilder(MAX_DIGITS);
    for (int i = first; i <= last; i++) {
      digits.append(text, groups.get(i)[0], groups.get(i)[1]);
    }
    return digits.toString();
  }
}
