package dev.sluice.guard.pii;

import java.util.List;
import java.util.Locale;

/**
 * IP addresses, parsed by hand (no {@link java.net.InetAddress}, which may resolve names): IPv4 dotted quads with
 * every octet at most 255 and no leading zero, and IPv6 in full ({@code 2001:db8:0:0:0:0:2:1}), compressed
 * ({@code 2001:db8::2:1}, {@code fe80::1}) and IPv4-embedded ({@code ::ffff:192.0.2.1}) forms. A quad inside a
 * longer dotted number ({@code 1.2.3.4.5}) is no address.
 */
final class IpAddressFinder implements PiiFinder {

  private static final int IPV6_GROUPS = 8;
  private static final int MAX_IPV6_CHARS = 45;

  @Override
  public PiiType type() {
    return PiiType.IP_ADDRESS;
  }

  @Override
  public void find(String text, DigitRuns digitRuns, List<PiiMatch> matches) {
    int colon = text.indexOf(':');
    if (colon >= 0) {
      findIpv6(text, colon, matches);
    }
    if (digitRuns.count() >= 4 && text.indexOf('.') >= 0) {
      findIpv4(text, digitRuns, matches);
    }
  }

  private static void findIpv4(String text, DigitRuns digitRuns, List<PiiMatch> matches) {
    int resume = 0;
    for (int run = 0; run < digitRuns.count(); run++) {
      int start = digitRuns.start(run);
      if (start < resume || (start > 0 && precludesIpv4Start(text, start))) {
        continue;
      }
      int end = ipv4End(text, start);
      if (end > 0 && !continuesIpv4(text, end) && !overlapsAny(matches, start, end)) {
        matches.add(new PiiMatch(PiiType.IP_ADDRESS, start, end, text.substring(start, end)));
        resume = end;
        continue;
      }
      // the rest of a dotted number (1.2.3.4.5) is no address of its own
      resume = start;
      while (resume < text.length() && (DigitRuns.isDigit(text.charAt(resume)) || text.charAt(resume) == '.')) {
        resume++;
      }
    }
  }

  private static boolean precludesIpv4Start(String text, int i) {
    char before = text.charAt(i - 1);
    return DigitRuns.isWordCharacter(before) || before == '.' || before == '-' || before == ':';
  }

  /** End of four valid octets joined by dots from {@code start}, or -1. */
  static int ipv4End(String text, int start) {
    int at = start;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (at >= text.length() || text.charAt(at) != '.') {
          return -1;
        }
        at++;
      }
      int digitsStart = at;
      int value = 0;
      while (at < text.length() && at - digitsStart < 4 && DigitRuns.isDigit(text.charAt(at))) {
        value = value * 10 + (text.charAt(at) - '0');
        at++;
      }
      int digits = at - digitsStart;
      if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(digitsStart) == '0')) {
        return -1;
      }
    }
    return at;
  }

  private static boolean continuesIpv4(String text, int end) {
    if (end >= text.length()) {
      return false;
    }
    char after = text.charAt(end);
    boolean joinedToMore = (after == '.' || after == '-') && end + 1 < text.length()
        && DigitRuns.isWordCharacter(text.charAt(end + 1));
    return DigitRuns.isWordCharacter(after) || joinedToMore;
  }

  /** Reads each run of hex digits, colons and dots that holds a colon once, as one candidate. */
  private static void findIpv6(String text, int firstColon, List<PiiMatch> matches) {
    int colon = firstColon;
    int runEnd = 0;
    while (colon >= 0) {
      int start = colon;
      while (start > runEnd && isIpv6Character(text.charAt(start - 1))) {
        start--;
      }
      runEnd = colon;
      while (runEnd < text.length() && isIpv6Character(text.charAt(runEnd))) {
        runEnd++;
      }
      // A dot ends a sentence more often than it starts an embedded IPv4 address.
      int end = runEnd;
      while (end > start && text.charAt(end - 1) == '.') {
        end--;
      }
      boolean bounded = (start == 0 || !DigitRuns.isWordCharacter(text.charAt(start - 1)))
          && (end == text.length() || !DigitRuns.isWordCharacter(text.charAt(end)));
      if (bounded && end - start <= MAX_IPV6_CHARS && isIpv6(text.substring(start, end))) {
        matches.add(new PiiMatch(PiiType.IP_ADDRESS, start, end, text.substring(start, end).toLowerCase(Locale.ROOT)));
      }
      colon = text.indexOf(':', runEnd);
    }
  }

  private static boolean isIpv6Character(char c) {
    return isHexDigit(c) || c == ':' || c == '.';
  }

  /**
   * True for eight groups of one to four hex digits, or fewer around one {@code ::}, the last two groups possibly
   * written as an IPv4 address. A compressed form needs two groups and a digit, so C++ scopes ({@code a::b}) and
   * times ({@code 10:30:00}) are not addresses.
   */
  private static boolean isIpv6(String candidate) {
    int compression = candidate.indexOf("::");
    if (compression >= 0 && candidate.indexOf("::", compression + 1) >= 0) {
      return false;
    }
    int groups = 0;
    int at = 0;
    boolean anyDigit = false;
    while (at < candidate.length()) {
      if (candidate.charAt(at) == ':') {
        if (at == compression) {
          at += 2;
          continue;
        }
        if (at == 0 || at == candidate.length() - 1) {
          return false;
        }
        at++;
        continue;
      }
      int groupEnd = at;
      while (groupEnd < candidate.length() && candidate.charAt(groupEnd) != ':') {
        groupEnd++;
      }
      String group = candidate.substring(at, groupEnd);
      if (group.indexOf('.') >= 0) {
        if (groupEnd != candidate.length() || ipv4End(group, 0) != group.length()) {
          return false;
        }
        groups += 2;
        anyDigit = true;
      } else {
        if (group.isEmpty() || group.length() > 4 || !allHex(group)) {
          return false;
        }
        groups++;
        anyDigit |= group.chars().anyMatch(c -> c >= '0' && c <= '9');
      }
      at = groupEnd;
    }
    if (compression < 0) {
      return groups == IPV6_GROUPS && anyDigit;
    }
    return groups >= 2 && groups < IPV6_GROUPS && anyDigit;
  }

  private static boolean allHex(String group) {
    for (int i = 0; i < group.length(); i++) {
      if (!isHexDigit(group.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHexDigit(char c) {
    return DigitRuns.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean overlapsAny(List<PiiMatch> matches, int start, int end) {
    for (PiiMatch match : matches) {
      if (match.start() < end && start < match.end()) {
        return true;
      }
    }
    return false;
  }
}
