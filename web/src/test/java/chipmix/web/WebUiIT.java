package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * End-to-end: a real headless Chromium drives the UI of a started server through the main flows.
 * Runs under Failsafe ({@code mvn verify}); fails, never skips, when the browser is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiIT {
  @TempDir static Path dir;
  WebApp app;
  Browser browser;
  String base;

  @BeforeAll
  void start() {
    app = WebApp.start(new WebApp.Settings("127.0.0.1", 0, dir.resolve("ui.db"), TestCatalog.catalog(),
        new FakeScenarioEngine()));
    base = "http://127.0.0.1:" + app.port() + "/";
    browser = new Browser();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @AfterEach
  void printConsole() {
    String console = browser.console();
    if (!console.isEmpty()) {
      System.out.println("browser console:\n" + console);
    }
    // 4xx answers to deliberately bad input are logged as "Failed to load resource"; script errors are not.
    assertThat(console.lines().filter(l -> l.startsWith("SEVERE") && !l.contains("Failed to load resource")))
        .as("browser console errors").isEmpty();
  }

  @Test
  void compareChips_showsTableChartAndSources() {
    browser.driver.get(base + "#chips");
    browser.find("#chip-table tbody tr");
    // sort by BF16: descending after two clicks puts the fastest chip first
    browser.click("#chip-table th[data-key='bf16_tflops']");
    browser.click("#chip-table th[data-key='bf16_tflops']");
    assertThat(browser.find("#chip-table tbody tr").getAttribute("data-id")).isEqualTo("h100-sxm");

    browser.click("#chip-table input[value='h20']");
    browser.click("#chip-table input[value='ascend-910b']");
    browser.click("#compare-btn");
    WebElement row = browser.find("#compare-table tr[data-metric='bf16_tflops']");
    assertThat(row.getText()).contains("TFLOP/s");
    WebElement value = row.findElement(By.cssSelector(".val"));
    assertThat(value.getAttribute("title")).contains("sources").contains("S0");
    assertThat(browser.find("#compare-chart canvas").isDisplayed()).isTrue();

    value.click();
    assertThat(browser.find("#source-panel").getText()).contains("Confidence");
  }

  @Test
  void exportCheck_showsOutcomeReasonsAndInlineErrors() {
    browser.driver.get(base + "#export");
    browser.find("#f-export-chip option[value='h20']");
    assertThat(browser.find("#f-export-chip").getAttribute("value")).isEqualTo("h20");
    assertThat(browser.find("#f-export-to").getAttribute("value")).isEqualTo("CN");
    browser.click("#export-check");
    assertThat(browser.find("#export-verdict").getText()).isNotBlank();
    assertThat(browser.driver.findElements(By.cssSelector("#export-reasons li"))).isNotEmpty();
    assertThat(browser.find("#export-result").getText()).containsIgnoringCase("not legal advice");

    browser.click("#export-timeline");
    browser.find("#export-timeline-table tbody tr");

    ((org.openqa.selenium.JavascriptExecutor) browser.driver)
        .executeScript("document.getElementById('f-export-date').value = '2020-01-01'");
    browser.click("#export-check");
    browser.waitForText("#export-issues", "2022-10-07");
    assertThat(browser.find("#f-export-date").getAttribute("class")).contains("invalid");
  }

  @Test
  void scenario_validateSaveRunAndFindAgain() {
    browser.driver.get(base + "#scenarios");
    browser.wait.until(d -> !browser.find("#scenario-yaml").getAttribute("value").isEmpty());

    WebElement yaml = browser.find("#scenario-yaml");
    yaml.clear();
    yaml.sendKeys("chips: 0\n");
    browser.click("#scenario-validate");
    browser.waitForText("#scenario-issues", "chips");
    assertThat(browser.find("#scenario-yaml").getAttribute("class")).contains("invalid");

    yaml.clear();
    yaml.sendKeys(FakeScenarioEngine.EXAMPLE);
    WebElement name = browser.find("#scenario-name");
    name.clear();
    name.sendKeys("ui fleet");
    browser.click("#scenario-run");
    browser.waitForText("#scenario-msg", "run succeeded");
    browser.find("#run-result pre");
    List<WebElement> runs = browser.driver.findElements(By.cssSelector("#run-table tbody tr"));
    assertThat(runs).hasSize(1);

    browser.driver.navigate().refresh();
    browser.waitForText("#scenario-table", "ui fleet");
    browser.driver.findElement(By.linkText("ui fleet")).click();
    browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#editor-title"), "ui fleet"));
    browser.find("#run-table tbody tr");
  }
}
