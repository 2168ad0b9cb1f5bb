package dev.sluice.guard.output;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes markdown images and links whose URL {@link LinkJudge} finds unsafe: inline ones
 * ({@code ![alt](url)}, {@code [text](url "title")}), reference definitions ({@code [id]: url}) and autolinks
 * ({@code <https://…>}). An image becomes {@value #IMAGE_REMOVED}; a link keeps its text followed by
 * {@value #LINK_REMOVED}. Markers hold no square brackets, so a removal never forms a new link with the text
 * around it. A link's text is filtered too: an image inside a link is judged on its own.
 */
final class MarkdownLinkFilter {

  static final String IMAGE_REMOVED = "(image removed)";
  static final String LINK_REMOVED = "(link removed)";

  // Possessive quantifiers over disjoint alternatives: no backtracking, linear in the text per start position.
  private static final String TEXT = "(?:[^\\[\\]\\\\]|\\\\.|\\[(?:[^\\[\\]\\\\]|\\\\.)*+\\])*+";
  private static final String DESTINATION = "(?:[^\\s()\\\\]|\\\\.|\\((?:[^\\s()\\\\]|\\\\.)*+\\))*+";
  static final Pattern INLINE = Pattern.compile(
      "(!?)\\[(" + TEXT + ")\\]\\(\\s*(<[^<>\\n]*>|" + DESTINATION + ")"
      + "(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^()]*\\)))?\\s*\\)", Pattern.DOTALL);
  static final Pattern REFERENCE_DEFINITION = Pattern.compile(
      "(?m)^ {0,3}\\[(?:[^\\[\\]\\\\\\n]|\\\\.){1,999}\\]:[ \\t]*\\n?[ \\t]*(<[^<>\\n]*>|\\S+)[^\\n]*");
  static final Pattern AUTOLINK = Pattern.compile("<([A-Za-z][A-Za-z0-9+.\\-]{1,31}:[^\\s<>]*)>");

  private MarkdownLinkFilter() {
  }

  /** {@code text} without unsafe images and links; what was removed is added to {@code found}. */
  static String filter(String text, LinkAllowList allowList, Set<ContentRisk> found) {
    String filtered = text.indexOf(']') < 0 ? text : inlineLinks(text, allowList, found);
    filtered = filtered.indexOf("]:") < 0 ? filtered : referenceDefinitions(filtered, allowList, found);
    return filtered.indexOf('<') < 0 ? filtered : autolinks(filtered, allowList, found);
  }

  private static String inlineLinks(String text, LinkAllowList allowList, Set<ContentRisk> found) {
    Matcher link = INLINE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (link.find()) {
      boolean image = !link.group(1).isEmpty();
      String linkText = inlineLinks(link.group(2), allowList, found);
      Optional<ContentRisk> risk = LinkJudge.judge(unbracketed(link.group(3)), allowList);
      out.append(text, copied, link.start());
      if (risk.isPresent()) {
        found.add(risk.get());
        out.append(image ? IMAGE_REMOVED : linkText + " " + LINK_REMOVED);
      } else {
        out.append(link.group(1)).append('[').append(linkText).append(text, link.end(2), link.end());
      }
      copied = link.end();
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  private static String referenceDefinitions(String text, LinkAllowList allowList, Set<ContentRisk> found) {
    return replaceUnsafe(REFERENCE_DEFINITION.matcher(text), allowList, found, LINK_REMOVED);
  }

  private static String autolinks(String text, LinkAllowList allowList, Set<ContentRisk> found) {
    return replaceUnsafe(AUTOLINK.matcher(text), allowList, found, LINK_REMOVED);
  }

  /** Replaces each match whose group 1 is an unsafe URL by {@code marker}. */
  private static String replaceUnsafe(Matcher matcher, LinkAllowList allowList, Set<ContentRisk> found,
      String marker) {
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Optional<ContentRisk> risk = LinkJudge.judge(unbracketed(matcher.group(1)), allowList);
      risk.ifPresent(found::add);
      matcher.appendReplacement(out, Matcher.quoteReplacement(risk.isPresent() ? marker : matcher.group()));
    }
    return matcher.appendTail(out).toString();
  }

  private static String unbracketed(String destination) {
    return destination.startsWith("<") && destination.endsWith(">")
        ? destination.substring(1, destination.length() - 1) : destination;
  }
}
