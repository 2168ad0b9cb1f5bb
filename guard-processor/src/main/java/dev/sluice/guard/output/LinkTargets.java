package dev.sluice.guard.output;

import dev.sluice.guard.detect.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an answer names a place a renderer or a click sends data to: markdown link and image destinations,
 * reference definitions, autolinks, HTML URL attributes, and bare URLs ({@code scheme:…}, {@code //…},
 * {@code www.…}) up to the next space or quote. Text placed there leaves with the request for the image or link,
 * whatever the host; {@link UnsafeContentSanitizer} judges what is there now, this finds where it is, so data put
 * there later (a restored original) can be kept out.
 *
 * <p>Errs towards finding too much: {@code Email:[EMAIL_1]} reads as a URL with scheme {@code email}.
 */
public final class LinkTargets {

  private static final Pattern BARE_URL = Pattern.compile(
      "(?i)(?:(?<![a-z0-9+.\\-])[a-z][a-z0-9+.\\-]{1,31}:|//|\\bwww\\.)[^\\s<>\"'`]*");

  private LinkTargets() {
  }

  /** The link targets in {@code text}, in no particular order; they may overlap. */
  public static List<Span> in(String text) {
    List<Span> spans = new ArrayList<>();
    if (text.indexOf(']') >= 0) {
      inlineDestinations(text, 0, text.length(), spans);
      addGroup(MarkdownLinkFilter.REFERENCE_DEFINITION.matcher(text), 1, spans);
    }
    if (text.indexOf('<') >= 0) {
      addGroup(MarkdownLinkFilter.AUTOLINK.matcher(text), 1, spans);
    }
    if (text.indexOf('=') >= 0) {
      Matcher attribute = HtmlNeutralizer.URL_ATTRIBUTE.matcher(text);
      while (attribute.find()) {
        for (int group = 2; group <= 4; group++) {
          if (attribute.group(group) != null) {
            spans.add(new Span(attribute.start(group), attribute.end(group)));
          }
        }
      }
    }
    addGroup(BARE_URL.matcher(text), 0, spans);
    return spans;
  }

  /** Whether {@code start..end} of the text overlaps one of {@code targets}. */
  public static boolean within(List<Span> targets, int start, int end) {
    for (Span target : targets) {
      if (start < target.end() && target.start() < end) {
        return true;
      }
    }
    return false;
  }

  /** Destinations of inline links and images in {@code [from, to)}, and of those nested in their link texts. */
  private static void inlineDestinations(String text, int from, int to, List<Span> spans) {
    Matcher link = MarkdownLinkFilter.INLINE.matcher(text).region(from, to);
    while (link.find()) {
      spans.add(new Span(link.start(3), link.end(3)));
      inlineDestinations(text, link.start(2), link.end(2), spans);
    }
  }

  private static void addGroup(Matcher matcher, int group, List<Span> spans) {
    while (matcher.find()) {
      spans.add(new Span(matcher.start(group), matcher.end(group)));
    }
  }
}
