package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * End-to-end: a real headless Chromium starts sweeps from the web UI's Sweeps tab over the bundled
 * example, follows their progress, reads the summary (tornado charts, sensitivity and per-point
 * tables) and cancels one. Runs under Failsafe ({@code mvn verify}); fails, never skips, when the
 * browser is missing (as {@link WebUiIT}).
 */
class WebUiSweepsIT extends BundledExampleSession {
  /** 2 x 2 points x 3 samples over the bundled example: 12 rows, 4 plans. */
  static final String TINY = """
      scenario: chosen-above
      samples: 3
      seed: 7
      axes:
        - name: 910b-delivered
          path: orders[ascend-910b].slip.delivered_fraction
          values: [0.3, 0.7]
        - name: chatbot-demand
          path: serving[chatbot].requests_per_second
          multiply: [1, 4]
      """;

  @Test
  void tinySweep_showsProgressThenTornadoChartsAndThePerPointTable() {
    openTab();
    setSweep(TINY);
    recordMessages();
    browser.click("#sweep-start");
    browser.waitForText("#sweep-msg", "done:");

    // progress was shown while it ran: plans done of all (2 x 2 points x 3 samples = 12), a rate and the time left
    List<String> seen = messages();
    assertThat(seen).anySatisfy(m -> assertThat(m).matches("running: \\d+ / 12 plans, .* plans/s, .*"));
    assertThat(browser.find("#sweep-msg").getText()).startsWith("done: 12 plans");
    assertThat(browser.find("#sweep-start").isEnabled()).isTrue();
    assertThat(browser.find("#sweep-cancel").isEnabled()).isFalse();
    assertThat(browser.find("#sweep-result .hint").getText()).startsWith("4 points x 3 sample(s)");

    // one tornado chart and one sensitivity table per outcome, each table with a row per axis
    List<WebElement> outcomes = browser.driver.findElements(By.cssSelector("#sweep-result h4"));
    assertThat(outcomes).isNotEmpty();
    assertThat(outcomes.stream().map(WebElement::getText).toList())
        .anySatisfy(t -> assertThat(t).startsWith("next-llm.days_late"))
        .anySatisfy(t -> assertThat(t).startsWith("chatbot.max_unmet_rps"))
        .anySatisfy(t -> assertThat(t).startsWith("cost_usd"));
    List<WebElement> charts = browser.driver.findElements(By.cssSelector("#sweep-result .chart canvas"));
    assertThat(charts).hasSize(outcomes.size());
    assertThat(charts).allSatisfy(c -> assertThat(c.isDisplayed()).isTrue());
    // the chart's bars are drawn for both axes (ECharts keeps the option it drew)
    Object bars = js().executeScript("const c = echarts.getInstanceByDom(document.querySelector('#sweep-result .chart'));"
        + "return c.getOption().yAxis[0].data;");
    assertThat(((List<?>) bars).stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("910b-delivered", "chatbot-demand");
    List<WebElement> sensitivityRows = browser.driver.findElements(
        By.xpath("//div[@id='sweep-result']/table[not(@id)][1]//tr[td]"));
    assertThat(sensitivityRows).hasSize(2);
    // the chatbot's unmet demand rises with demand times 4, so demand moves it and its table says so
    WebElement unmet = browser.driver.findElement(By.xpath(
        "//div[@id='sweep-result']/h4[starts-with(., 'chatbot.max_unmet_rps')]/following-sibling::table[1]"));
    assertThat(unmet.findElements(By.cssSelector("tr td:first-child")).get(0).getText()).isEqualTo("chatbot-demand");

    // the per-point table: a row per point, axis values in grid order (the last axis changes fastest)
    List<WebElement> points = browser.driver.findElements(By.cssSelector("#sweep-points tr:has(td)"));
    assertThat(points).hasSize(4);
    assertThat(points.stream().map(r -> r.findElements(By.tagName("td")).subList(0, 3).stream().map(WebElement::getText)
        .toList()).toList()).containsExactly(List.of("0", "0.3", "x1"), List.of("1", "0.3", "x4"),
            List.of("2", "0.7", "x1"), List.of("3", "0.7", "x4"));
    // with 3 samples each cell holds the mean and P10 / P50 / P90
    assertThat(points.get(0).findElements(By.tagName("td")).get(3).getText()).matches(".+; .+ / .+ / .+");
    assertThat(browser.find("#sweep-result a.download").getAttribute("href")).endsWith("/report.html");
  }

  @Test
  void runningSweep_isCancelledFromTheCancelButton() {
    openTab();
    // 2 x 2 points x 20,000 samples: minutes of work, so it is still running when Cancel is clicked
    setSweep(TINY.replace("samples: 3", "samples: 20000"));
    browser.click("#sweep-start");
    browser.waitForText("#sweep-msg", "running:");
    assertThat(browser.find("#sweep-msg").getText()).contains("/ 80,000 plans");
    assertThat(browser.find("#sweep-start").isEnabled()).isFalse();
    browser.click("#sweep-cancel");
    browser.waitForText("#sweep-msg", "sweep cancelled");
    assertThat(browser.find("#sweep-start").isEnabled()).isTrue();
    assertThat(browser.find("#sweep-cancel").isEnabled()).isFalse();
    assertThat(browser.driver.findElements(By.cssSelector("#sweep-result *"))).isEmpty();
  }

  /** The Sweeps tab on a freshly loaded page (a hash change alone keeps what an earlier test left). */
  private void openTab() {
    browser.driver.get("about:blank");
    browser.driver.get(base + "#sweeps");
    browser.wait.until(d -> browser.find("#sweep-yaml").getAttribute("value").contains("axes:"));
  }

  private void setSweep(String yaml) {
    js().executeScript("document.getElementById('sweep-yaml').value = arguments[0]", yaml);
  }

  /** Records every text the sweep's message line shows (the progress is replaced each second). */
  private void recordMessages() {
    js().executeScript("window.sweepMessages = [];"
        + "const m = document.getElementById('sweep-msg');"
        + "new MutationObserver(() => window.sweepMessages.push(m.textContent))"
        + ".observe(m, { childList: true, characterData: true, subtree: true });");
  }

  @SuppressWarnings("unchecked")
  private List<String> messages() {
    return (List<String>) js().executeScript("return window.sweepMessages;");
  }

  private JavascriptExecutor js() {
    return (JavascriptExecutor) browser.driver;
  }
}
