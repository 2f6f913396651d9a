package chipmix.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue #16 finding 7: javascript: source URLs were clickable in the HTML report. */
class HtmlLinkTest {

  @Test
  void javascriptAndOtherSchemes_areTextNotLinks() {
    assertThat(HtmlReport.link("javascript:alert(document.domain)", "S01 title"))
        .doesNotContain("<a ").doesNotContain("href")
        .isEqualTo("S01 title <span class=\"cite\">(javascript:alert(document.domain))</span>");
    assertThat(HtmlReport.link(" JavaScript:alert(1)", "t")).doesNotContain("href");
    assertThat(HtmlReport.link("data:text/html,<script>x</script>", "t")).doesNotContain("href").doesNotContain("<script>");
    assertThat(HtmlReport.link("file:///etc/passwd", "t")).doesNotContain("href");
    assertThat(HtmlReport.link("//evil.example/x", "t")).doesNotContain("href");
  }

  @Test
  void httpAndHttps_areLinks_escaped() {
    assertThat(HtmlReport.link("https://example.org/a?b=1&c=\"2\"", "T<1>"))
        .isEqualTo("<a href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\" rel=\"noopener noreferrer\">T&lt;1&gt;</a>");
    assertThat(HtmlReport.link("http://example.org", "t")).startsWith("<a href=\"http://example.org\"");
  }
}
