package dev.sluice.guard.output;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the character references a browser (and a CommonMark renderer, in link destinations) decodes before it
 * looks at a URL, so {@code jav&#x61;script&colon;} is seen as {@code javascript:}.
 */
final class HtmlEntities {

  private static final Pattern REFERENCE =
      Pattern.compile("&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z]{2,8}));?");
  // The named references that can spell a scheme, a separator or a host; others stay as written.
  private static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("colon", ":"), Map.entry("sol", "/"), Map.entry("bsol", "\\"), Map.entry("period", "."),
      Map.entry("quest", "?"), Map.entry("num", "#"), Map.entry("equals", "="), Map.entry("commat", "@"),
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("lpar", "("), Map.entry("rpar", ")"), Map.entry("tab", "\t"),
      Map.entry("newline", "\n"));

  private HtmlEntities() {
  }

  static String decode(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(decoded(matcher)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String decoded(Matcher reference) {
    if (reference.group(3) != null) {
      return NAMED.getOrDefault(reference.group(3).toLowerCase(Locale.ROOT), reference.group());
    }
    int codePoint = reference.group(1) != null
        ? Integer.parseInt(reference.group(1), 16)
        : Integer.parseInt(reference.group(2));
    return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : "\uFFFD";
  }
}
