package dev.sluice.guard.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Neutralizes HTML tags that would run script, load active content or send data when an answer is rendered as
 * HTML (or as markdown with raw HTML allowed): the tag's {@code <} becomes {@code &lt;}, so the renderer shows the
 * tag as text instead of building an element, and the answer keeps its words.
 *
 * <p>A tag is unsafe when its element is script-like ({@code script}, {@code iframe}, {@code object}, …), when it
 * has an event-handler attribute ({@code on…=}), a style with {@code url(} or {@code expression(}, or a URL
 * attribute that {@link LinkJudge} finds unsafe. Code blocks are not spared: a renderer that disagrees with us
 * about where code starts would otherwise render what we skipped.
 */
final class HtmlNeutralizer {

  private static final Set<String> SCRIPT_LIKE_ELEMENTS = Set.of("script", "iframe", "frame", "frameset",
      "object", "embed", "applet", "base", "meta", "link", "style", "form");
  private static final Pattern EVENT_HANDLER = Pattern.compile("(?i)(?:^|[\\s/\"'])on[a-z]+\\s*=");
  private static final Pattern ACTIVE_STYLE = Pattern.compile("(?i)url\\s*\\(|expression\\s*\\(");
  static final Pattern URL_ATTRIBUTE = Pattern.compile(
      "(?i)(?:^|[\\s/\"'])(href|src|srcset|action|formaction|xlink:href|data|poster|background|lowsrc|dynsrc"
      + "|ping|cite|codebase)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
  /**
   * Every {@code <} is judged as a tag start, since neutralizing one tag makes the {@code <} inside it a tag start
   * for the browser; scanning each tag to its end could then cost a tag's length per {@code <}. Past this many
   * characters scanned per character of text, the rest of the text has every tag opening neutralized unjudged:
   * safe, only ugly, and reached only by text built to exhaust the scan.
   */
  private static final int SCAN_BUDGET_PER_CHARACTER = 4;

  private HtmlNeutralizer() {
  }

  /** {@code text} with every unsafe tag neutralized; what was found is added to {@code found}. */
  static String neutralize(String text, LinkAllowList allowList, Set<ContentRisk> found) {
    int open = text.indexOf('<');
    if (open < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    long budget = (long) SCAN_BUDGET_PER_CHARACTER * text.length();
    int copied = 0;
    for (; open >= 0; open = text.indexOf('<', open + 1)) {
      int nameEnd = tagNameEnd(text, open);
      if (nameEnd < 0) {
        continue;
      }
      Optional<ContentRisk> risk;
      if (budget < 0) {
        risk = Optional.of(ContentRisk.UNSAFE_MARKUP);
      } else {
        Tag tag = tag(text, open, nameEnd);
        budget -= tag.end() - open;
        risk = tag.risk(allowList);
      }
      if (risk.isPresent()) {
        out.append(text, copied, open).append("&lt;");
        copied = open + 1;
        found.add(risk.get());
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** A tag: its lower-case element name and its attribute text, up to its {@code >} or the end of the text. */
  private record Tag(String name, String attributes, int end) {

    Optional<ContentRisk> risk(LinkAllowList allowList) {
      if (SCRIPT_LIKE_ELEMENTS.contains(name)) {
        return Optional.of(ContentRisk.UNSAFE_MARKUP);
      }
      if (EVENT_HANDLER.matcher(attributes).find() || hasActiveStyle(attributes)) {
        return Optional.of(ContentRisk.UNSAFE_MARKUP);
      }
      return urlRisk(attributes, allowList);
    }
  }

  /**
   * The end of the element name of the tag opened at {@code open}, or -1 when the {@code <} opens no tag (a
   * comparison, a comment, a doctype): a browser only starts a tag at {@code <} or {@code </} and a letter.
   */
  private static int tagNameEnd(String text, int open) {
    int nameStart = open + 1;
    if (nameStart < text.length() && text.charAt(nameStart) == '/') {
      nameStart++;
    }
    int nameEnd = nameStart;
    while (nameEnd < text.length() && isNameCharacter(text.charAt(nameEnd), nameEnd == nameStart)) {
      nameEnd++;
    }
    return nameEnd == nameStart ? -1 : nameEnd;
  }

  private static Tag tag(String text, int open, int nameEnd) {
    int nameStart = text.charAt(open + 1) == '/' ? open + 2 : open + 1;
    int end = tagEnd(text, nameEnd);
    return new Tag(text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT), text.substring(nameEnd, end), end);
  }

  private static boolean isNameCharacter(char c, boolean first) {
    boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return first ? letter : letter || (c >= '0' && c <= '9') || c == '-' || c == ':';
  }

  /** Where a browser's HTML tokenizer is inside a tag; the states of the HTML standard that decide its end. */
  private enum TagState {
    NAME, BEFORE_ATTRIBUTE, ATTRIBUTE_NAME, BEFORE_VALUE, DOUBLE_QUOTED, SINGLE_QUOTED, UNQUOTED
  }

  /**
   * The index of the {@code >} that ends the tag, found as a browser's tokenizer finds it: a quote opens a value
   * only right after {@code =}, so a stray quote elsewhere cannot hide a {@code >} or an attribute from this scan.
   * An unterminated tag runs to the end of the text: whatever the answer is embedded in may supply its {@code >}.
   */
  private static int tagEnd(String text, int from) {
    TagState state = TagState.NAME;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
      switch (state) {
        case DOUBLE_QUOTED -> state = c == '"' ? TagState.BEFORE_ATTRIBUTE : state;
        case SINGLE_QUOTED -> state = c == '\'' ? TagState.BEFORE_ATTRIBUTE : state;
        case BEFORE_VALUE -> {
          if (c == '>') {
            return i;
          }
          state = c == '"' ? TagState.DOUBLE_QUOTED : c == '\'' ? TagState.SINGLE_QUOTED
              : space ? state : TagState.UNQUOTED;
        }
        case UNQUOTED -> {
          if (c == '>') {
            return i;
          }
          state = space ? TagState.BEFORE_ATTRIBUTE : state;
        }
        default -> {
          if (c == '>') {
            return i;
          }
          // NAME, BEFORE_ATTRIBUTE and ATTRIBUTE_NAME; "after attribute name" behaves as ATTRIBUTE_NAME here, and
          // "self-closing" as BEFORE_ATTRIBUTE, which is where the standard sends it on anything but '>'.
          if (c == '/') {
            state = TagState.BEFORE_ATTRIBUTE;
          } else if (space) {
            state = state == TagState.NAME ? TagState.BEFORE_ATTRIBUTE : state;
          } else if (c == '=' && state == TagState.ATTRIBUTE_NAME) {
            state = TagState.BEFORE_VALUE;
          } else if (state == TagState.BEFORE_ATTRIBUTE) {
            state = TagState.ATTRIBUTE_NAME;
          }
        }
      }
    }
    return text.length();
  }

  private static boolean hasActiveStyle(String attributes) {
    int style = attributes.toLowerCase(Locale.ROOT).indexOf("style");
    return style >= 0 && ACTIVE_STYLE.matcher(HtmlEntities.decode(attributes.substring(style))).find();
  }

  /** The URLs an attribute value holds: one, or for srcset each "url width" candidate's URL. */
  private static List<String> urls(String attribute, String value) {
    if (!attribute.equalsIgnoreCase("srcset")) {
      return List.of(value);
    }
    List<String> urls = new ArrayList<>();
    for (String candidate : value.split(",")) {
      urls.add(candidate.strip().split("\\s+", 2)[0]);
    }
    return urls;
  }

  private static Optional<ContentRisk> urlRisk(String attributes, LinkAllowList allowList) {
    Optional<ContentRisk> worst = Optional.empty();
    Matcher attribute = URL_ATTRIBUTE.matcher(attributes);
    while (attribute.find()) {
      String value = attribute.group(2) != null ? attribute.group(2)
          : attribute.group(3) != null ? attribute.group(3) : attribute.group(4);
      for (String url : urls(attribute.group(1), value)) {
        Optional<ContentRisk> risk = LinkJudge.judge(url, allowList);
        // Declaration order ranks the risks: script beats exfiltration.
        if (risk.isPresent() && (worst.isEmpty() || risk.get().compareTo(worst.get()) < 0)) {
          worst = risk;
        }
      }
    }
    return worst;
  }
}
