package dev.sluice.guard.output;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges one URL found in an answer: a script URL is unsafe wherever it is; a URL to a host outside the allow-list
 * that carries data (a query string, or an opaque path segment or fragment) is an exfiltration channel, since
 * rendering an image or following a link sends that data to the host. Relative URLs stay on the site that renders
 * the answer and pass.
 *
 * <p>"Carries data" is a heuristic: any query string; a path segment or fragment of 80 characters or more; one of
 * 16 or more that is not made of word-like parts (letters, short numbers, short lower-case tokens separated by
 * {@code - _ . ~ ( ) + ,}), which is what base64, hex, percent-encoding and embedded addresses look like.
 * A value shorter than 16 characters in a path passes.
 */
final class LinkJudge {

  private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+.\\-]*):");
  private static final Set<String> SCRIPT_SCHEMES = Set.of("javascript", "vbscript", "livescript");
  private static final Pattern SAFE_DATA_IMAGE = Pattern.compile("data:image/(?:png|gif|jpe?g|webp|avif)[;,]");
  private static final Pattern PART_SEPARATORS = Pattern.compile("[-_.~()+,]");
  private static final Pattern WORD_LIKE = Pattern.compile("[A-Za-z]{1,24}|[0-9]{1,8}|[a-z0-9]{1,12}");
  private static final Pattern ESCAPED_PUNCTUATION = Pattern.compile("\\\\(\\p{Punct})");
  private static final int SHORT_VALUE = 16;
  private static final int LONG_VALUE = 80;

  private LinkJudge() {
  }

  /** The risk of {@code url} as written in markdown or an HTML attribute; empty when it is safe. */
  static Optional<ContentRisk> judge(String url, LinkAllowList allowList) {
    String decoded = withoutIgnoredCharacters(
        HtmlEntities.decode(ESCAPED_PUNCTUATION.matcher(url).replaceAll("$1")));
    Matcher scheme = SCHEME.matcher(decoded.toLowerCase(Locale.ROOT));
    if (scheme.lookingAt()) {
      String name = scheme.group(1);
      String rest = decoded.substring(scheme.end());
      if (SCRIPT_SCHEMES.contains(name)) {
        return Optional.of(ContentRisk.UNSAFE_MARKUP);
      }
      if (name.equals("data")) {
        return SAFE_DATA_IMAGE.matcher(decoded.toLowerCase(Locale.ROOT)).lookingAt()
            ? Optional.empty() : Optional.of(ContentRisk.UNSAFE_MARKUP);
      }
      if (name.equals("http") || name.equals("https")) {
        return judgeNetworkUrl(stripLeadingSlashes(rest), allowList);
      }
      // mailto:, ftp:, tel: …: no allow-list applies; data in them leaves with the click.
      return carriesData(rest) ? Optional.of(ContentRisk.EXFILTRATION_LINK) : Optional.empty();
    }
    if (decoded.startsWith("//") || decoded.startsWith("\\\\") || decoded.startsWith("/\\")
        || decoded.startsWith("\\/")) {
      return judgeNetworkUrl(stripLeadingSlashes(decoded), allowList);
    }
    return Optional.empty();
  }

  /** {@code authorityAndRest} is what follows {@code scheme://}: host, then path, query and fragment. */
  private static Optional<ContentRisk> judgeNetworkUrl(String authorityAndRest, LinkAllowList allowList) {
    int authorityEnd = indexOfAny(authorityAndRest, "/\\?#");
    String authority = authorityAndRest.substring(0, authorityEnd);
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      host = close < 0 ? host : host.substring(0, close + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (!host.isEmpty() && allowList.allows(host)) {
      return Optional.empty();
    }
    return carriesData(authorityAndRest.substring(authorityEnd))
        ? Optional.of(ContentRisk.EXFILTRATION_LINK) : Optional.empty();
  }

  private static boolean carriesData(String pathQueryFragment) {
    String rest = pathQueryFragment;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      if (dataLike(rest.substring(hash + 1))) {
        return true;
      }
      rest = rest.substring(0, hash);
    }
    int query = rest.indexOf('?');
    if (query >= 0) {
      if (query < rest.length() - 1) {
        return true;
      }
      rest = rest.substring(0, query);
    }
    for (String segment : rest.split("[/\\\\]")) {
      if (dataLike(segment)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dataLike(String value) {
    if (value.length() < SHORT_VALUE) {
      return false;
    }
    if (value.length() >= LONG_VALUE) {
      return true;
    }
    for (String part : PART_SEPARATORS.split(value)) {
      if (!part.isEmpty() && !WORD_LIKE.matcher(part).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Browsers drop ASCII whitespace and control characters inside URLs, so {@code java\tscript:} is a script. */
  private static String withoutIgnoredCharacters(String url) {
    StringBuilder out = new StringBuilder(url.length());
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c > ' ' && c != 0x7f) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String stripLeadingSlashes(String text) {
    int start = 0;
    while (start < text.length() && (text.charAt(start) == '/' || text.charAt(start) == '\\')) {
      start++;
    }
    return text.substring(start);
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }
}
