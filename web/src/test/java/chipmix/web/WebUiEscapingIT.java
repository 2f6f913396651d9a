package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Metric;
import chipmix.catalog.Source;
import chipmix.catalog.Spec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Catalog text reaches the page as text: a source id written as HTML in the chip-compare chart's
 * tooltip runs no script, and a {@code javascript:} source URL is not made a link in the source
 * panel. A real headless Chromium, as {@link WebUiIT}.
 */
class WebUiEscapingIT extends BrowserSession {
  static final String HOSTILE_ID = "<img src=x onerror=\"window.__xss=1\">";
  @TempDir static Path dir;

  /** The test catalog with the H20's BF16 figure citing a source whose id is HTML and whose URL is javascript:. */
  static Catalog hostile() {
    Catalog c = TestCatalog.catalog();
    List<Chip> chips = c.chips().stream().map(chip -> {
      if (!chip.id().equals("h20")) {
        return chip;
      }
      Map<Metric, Spec> specs = new HashMap<>(chip.specs());
      specs.put(Metric.BF16, Spec.exact(TestCatalog.H20_BF16, HOSTILE_ID, Confidence.HIGH));
      return new Chip(chip.id(), chip.vendor(), chip.name(), chip.aliases(), chip.formFactor(), chip.released(),
          chip.process(), chip.memoryType(), chip.scaleUpLink(), chip.designOrigin(), chip.market(), specs, chip.sources(),
          chip.notes());
    }).toList();
    Map<String, Source> sources = new HashMap<>(c.sources());
    sources.put(HOSTILE_ID, new Source(HOSTILE_ID, "hostile", "nobody", "javascript:window.__xss2=1", "2025", ""));
    return new Catalog(chips, c.systems(), sources);
  }

  @BeforeAll
  void start() {
    open(new WebApp.Settings("127.0.0.1", 0, dir.resolve("x.db"), hostile(), new FakeScenarioEngine()));
  }

  @Test
  void hostileSourceIdAndUrl_areShownAsTextOnly() throws InterruptedException {
    browser.driver.get(base + "#chips");
    browser.find("#chip-table tbody tr");
    browser.click("#chip-table input[value='h20']");
    browser.click("#chip-table input[value='ascend-910b']");
    browser.click("#compare-btn");
    browser.find("#compare-chart canvas");
    JavascriptExecutor js = (JavascriptExecutor) browser.driver;
    StringBuilder tooltip = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      js.executeScript("const c = echarts.getInstanceByDom(document.getElementById('compare-chart'));"
          + "c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: " + i + "});");
      Thread.sleep(500);
      tooltip.append((String) js.executeScript("return Array.from(document.querySelectorAll('#compare-chart div'))"
          + ".map(d => d.innerText || '').join(' ');"));
    }
    assertThat(tooltip).contains("<img");
    assertThat(js.executeScript("return window.__xss === undefined")).isEqualTo(true);

    browser.driver.findElements(By.cssSelector("#compare-table tr[data-metric='bf16_tflops'] .val")).stream()
        .filter(v -> v.getAttribute("data-sources").contains("<img")).findFirst().orElseThrow().click();
    String panel = browser.find("#source-panel").getText();
    assertThat(panel).contains("javascript:window.__xss2=1");
    assertThat(browser.driver.findElements(By.cssSelector("#source-panel a[href^='javascript']"))).isEmpty();
  }
}
