package chipmix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * End-to-end: a real headless Chromium drives the UI of a started server through the main flows.
 * Runs under Failsafe ({@code mvn verify}); fails, never skips, when the browser is missing.
 */
class WebUiIT extends BundledExampleSession {
  @Test
  void compareChips_showsTableChartAndSources() {
    browser.driver.get(base + "#chips");
    browser.find("#chip-table tbody tr");
    // sort by BF16: descending after two clicks puts the fastest chip first
    browser.click("#chip-table th[data-key='bf16_tflops']");
    browser.click("#chip-table th[data-key='bf16_tflops']");
    assertThat(browser.find("#chip-table th[data-key='bf16_tflops']").getAttribute("class")).isEqualTo("desc");
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#chip-table tbody tr"));
    assertThat(bf16(rows.get(0))).isGreaterThanOrEqualTo(bf16(rows.get(1)));

    browser.click("#chip-table input[value='h20']");
    browser.click("#chip-table input[value='ascend-910b']");
    browser.click("#compare-btn");
    WebElement row = browser.find("#compare-table tr[data-metric='bf16_tflops']");
    // the table is sorted fastest first (the 910B above the H20), but the comparison keeps the order of the picks
    assertThat(browser.driver.findElements(By.cssSelector("#compare-table thead th")).stream().map(WebElement::getText).toList())
        .containsExactly("Metric", "h20", "ascend-910b");
    // and it sits above the 41-row table, where the user is looking
    assertThat(browser.find("#compare").getLocation().getY()).isLessThan(browser.find("#chip-table").getLocation().getY());
    // people read the metric's label and unit; the API key is on hover for scripting
    assertThat(row.getText()).contains("BF16 dense (TFLOP/s)").doesNotContain("bf16_tflops");
    assertThat(row.findElement(By.cssSelector("td")).getAttribute("title")).contains("API key: bf16_tflops");
    assertNoScientificNotation("#tab-chips");
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

    ((JavascriptExecutor) browser.driver)
        .executeScript("document.getElementById('f-export-date').value = '2020-01-01'");
    browser.click("#export-check");
    browser.waitForText("#export-issues", "2022-10-07");
    assertThat(browser.find("#f-export-date").getAttribute("class")).contains("invalid");
  }

  /** The nominal BF16 figure of a chip-table row, from the value's tooltip ("989.4 TFLOP/s..."). */
  private static double bf16(WebElement row) {
    String title = row.findElements(By.cssSelector("td.num .val")).get(0).getAttribute("title");
    return Double.parseDouble(title.substring(0, title.indexOf(' ')).replace(",", ""));
  }

  @Test
  void trainingSearch_showsStepTimeBreakdownChartAndLayouts() {
    browser.driver.get(base + "#train");
    browser.find("#f-train-model option[value='llama3-70b']");
    assertThat(browser.find("#f-train-chip").getAttribute("value")).isEqualTo("h100-sxm");
    browser.click("#train-search");
    browser.waitForText("#train-msg", "layouts evaluated");
    assertThat(browser.find("#train-summary").getText()).contains("llama3-70b").contains("tokens/s");
    assertThat(browser.find("#train-chart canvas").isDisplayed()).isTrue();
    assertThat(browser.driver.findElements(By.cssSelector("#train-table tbody tr"))).hasSize(5);
    assertNoScientificNotation("#train-body");

    WebElement devices = browser.find("#f-train-devices");
    devices.clear();
    devices.sendKeys("0");
    browser.click("#train-estimate");
    browser.waitForText("#train-issues", "Devices");
    assertThat(browser.find("#f-train-devices").getAttribute("class")).contains("invalid");
    // the issue names the field by the form's label; the API's key is on hover for people scripting it
    WebElement ref = browser.find("#train-issues .field-ref");
    assertThat(ref.getText()).isEqualTo("Devices");
    assertThat(ref.getAttribute("title")).isEqualTo("field devices");
  }

  @Test
  void trainCompare_chineseBuyer_ranksChipsAndWarnsWhenTheFirstMayNotBeObtained() {
    reload("train");
    browser.find("#f-tc-model option[value='llama3-70b']");
    captureDownloads();
    browser.find("#f-tc-buyer_hq").sendKeys("CN");
    ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('f-tc-date').value = '2025-06-01';");
    browser.click("#tc-run");
    browser.find("#tc-table tbody tr");
    assertThat(browser.driver.findElements(By.cssSelector("#tc-table tbody tr"))).hasSize(3);
    // the H100 ranks first on 1,024 devices and a licence to China is reviewed under a presumption of denial
    assertThat(browser.find("#tc-warning").getText()).contains("may not get");
    assertThat(browser.find("#tc-table").getText()).contains("MAY NOT GET");
    assertThat(browser.find("#tc-compliance").getText()).contains("presumption of denial");
    assertNoScientificNotation("#tc-result");
    assertDownloads("#train-compare-downloads", "chip,chip_name,rank,", "h100-sxm");
  }

  @Test
  void servingSize_ranksPlansWithAChart() {
    browser.driver.get(base + "#infer");
    browser.find("#f-infer-model option[value='llama3-70b']");
    browser.click("#infer-size");
    assertThat(browser.find("#infer-summary").getText()).startsWith("Best:");
    assertThat(browser.driver.findElements(By.cssSelector("#infer-table tbody tr"))).isNotEmpty();
    assertThat(browser.find("#infer-chart canvas").isDisplayed()).isTrue();

    browser.click("#infer-estimate");
    browser.find("#infer-estimate-table tbody tr");
    // the three default chips: each either has a replica row or is listed with the reason it has none
    assertThat(browser.driver.findElements(By.cssSelector("#infer-estimate-table tbody tr")).size()
        + browser.driver.findElements(By.cssSelector("#infer-no-replica li")).size()).isEqualTo(3);
    assertThat(browser.find("#infer-estimate-chart canvas").isDisplayed()).isTrue();
    assertNoScientificNotation("#infer-body");
    assertThat(browser.find("#infer-result").getText()).doesNotContain("--disaggregated", "--scale-out-gbps", "scale_out_gbps");

    // an unreachable TPOT target: each chip's advice names the form's field, not a CLI option or a JSON key
    WebElement tpot = browser.find("#f-infer-tpot_ms");
    tpot.clear();
    tpot.sendKeys("5");
    browser.click("#infer-estimate");
    browser.waitForText("#infer-no-replica", "use “TPOT target (ms)”");
    assertThat(browser.find("#infer-no-replica").getText()).doesNotContain("--tpot-ms", "tpot_ms");
  }

  @Test
  void scenario_validateSaveRunSeeChartsAndFindAgain() {
    browser.driver.get(base + "#scenarios");
    browser.wait.until(d -> browser.find("#scenario-yaml").getAttribute("value").contains("name: bytedance-2025"));
    JavascriptExecutor js = (JavascriptExecutor) browser.driver;
    String example = browser.find("#scenario-yaml").getAttribute("value");

    js.executeScript("document.getElementById('scenario-yaml').value = arguments[0]",
        example.replace("chip: h20\n", "chip: h2o\n"));
    browser.click("#scenario-validate");
    browser.waitForText("#scenario-issues", "h2o");
    assertThat(browser.find("#scenario-yaml").getAttribute("class")).contains("invalid");
    // the problem names its line, and the link selects that line in the editor
    int line = example.substring(0, example.indexOf("chip: h20\n")).split("\n", -1).length;
    assertThat(browser.find("#scenario-issues").getText()).contains("line " + line);
    browser.click("#scenario-issues .line-link");
    Object selected = js.executeScript(
        "const a = document.getElementById('scenario-yaml'); return a.value.substring(a.selectionStart, a.selectionEnd);");
    assertThat((String) selected).contains("chip: h2o");

    js.executeScript("document.getElementById('scenario-yaml').value = arguments[0]", example);
    WebElement name = browser.find("#scenario-name");
    name.clear();
    name.sendKeys("ui fleet");
    browser.click("#scenario-run");
    browser.waitForText("#scenario-msg", "run succeeded");
    // the message comes first; the run list and the report's charts follow once the list is fetched
    browser.wait.until(d -> d.findElements(By.cssSelector("#run-result .report-chart canvas")).size() >= 4);
    assertThat(browser.driver.findElements(By.cssSelector("#run-result .report-chart canvas"))).hasSizeGreaterThanOrEqualTo(4);
    assertThat(browser.find("#run-result .plan-totals").getText()).contains("Cost over the horizon");
    assertNoScientificNotation("#run-result");
    assertThat(browser.driver.findElements(By.cssSelector("#run-table tbody tr"))).hasSize(1);
    // the variants are compared in one table; the example's all-h20 variant cancels the 910B order,
    // so the devices at risk differ from the base's and that row is highlighted
    assertThat(browser.driver.findElements(By.cssSelector("#run-result table.compare tr.differs")).stream()
        .map(WebElement::getText).toList()).anySatisfy(t -> assertThat(t).startsWith("devices at risk"));
    assertThat(browser.find("#run-result a.download").getText()).isEqualTo("JSON");
    // the HTML report of the stored run, rendered by the server as chipmix plan --html renders it
    WebElement html = browser.find("#run-html-report");
    @SuppressWarnings("unchecked")
    List<Object> report = (List<Object>) js.executeAsyncScript("const cb = arguments[arguments.length - 1];"
        + "fetch(arguments[0]).then(r => r.text().then(t => cb([r.status, r.headers.get('content-type'), t.slice(0, 400)])));",
        html.getAttribute("href"));
    assertThat(report.get(0)).isEqualTo(200L);
    assertThat((String) report.get(1)).startsWith("text/html");
    assertThat((String) report.get(2)).startsWith("<!DOCTYPE html>").contains("chipmix plan: ");

    // a second run with a larger H20 fleet: comparing the two runs shows one table, not two reports
    String bigger = example.replace("count: 166000", "count: 200000");
    assertThat(bigger).isNotEqualTo(example);
    js.executeScript("document.getElementById('scenario-yaml').value = arguments[0]", bigger);
    browser.click("#scenario-run");
    browser.wait.until(d -> d.findElements(By.cssSelector("#run-table tbody tr")).size() == 2);
    browser.driver.findElements(By.cssSelector("#run-table tbody input[type=checkbox]")).forEach(WebElement::click);
    browser.click("#run-compare");
    // wait for the comparison itself: the run's own variant table is on the page until it replaces it
    browser.waitForText("#run-result h3", "Run comparison");
    browser.find("#run-result table.compare");
    assertThat(browser.driver.findElements(By.cssSelector("#run-result table.compare thead th")).stream()
        .map(WebElement::getText).toList()).contains("v1 base", "v2 base");
    assertThat(browser.driver.findElements(By.cssSelector("#run-result table.compare tr.differs")).stream()
        .map(WebElement::getText).toList()).anySatisfy(t -> assertThat(t).startsWith("cost over the horizon"));
    assertThat(browser.driver.findElements(By.cssSelector("#run-result .columns"))).isEmpty();
    assertNoScientificNotation("#run-result");
    js.executeScript("document.getElementById('scenario-yaml').value = arguments[0]", example);

    browser.driver.navigate().refresh();
    browser.waitForText("#scenario-table", "ui fleet");
    browser.driver.findElement(By.linkText("ui fleet")).click();
    browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#editor-title"), "ui fleet"));
    browser.find("#run-table tbody tr");
  }

  @Test
  void everyResult_offersJsonAndCsvDownloads() {
    reload("chips");
    browser.find("#chip-table tbody tr");
    captureDownloads();
    browser.click("#chip-table input[value='h20']");
    browser.click("#chip-table input[value='h100-sxm']");
    browser.click("#compare-btn");
    browser.find("#compare-table tr[data-metric='bf16_tflops']");
    assertDownloads("#chips-compare-downloads", "metric,label,h20,h100-sxm", "\nbf16_tflops,");

    reload("export");
    browser.find("#f-export-chip option[value='h20']");
    captureDownloads();
    browser.click("#export-check");
    assertDownloads("#export-check-downloads", "headline,", "h20");
    browser.click("#export-timeline");
    assertDownloads("#export-timeline-downloads", "chip,destination,date,", "\nh20,CN,2022-10-07,");
    browser.click("#export-matrix");
    assertDownloads("#export-matrix-downloads", "chip,destination,classification,outcome,", "\nh20,CN,");

    reload("train");
    browser.find("#f-train-model option[value='llama3-70b']");
    captureDownloads();
    browser.click("#train-search");
    browser.waitForText("#train-msg", "layouts evaluated");
    assertDownloads("#train-search-downloads", "model,", "llama3-70b");

    reload("infer");
    browser.find("#f-infer-model option[value='llama3-70b']");
    captureDownloads();
    browser.click("#infer-size");
    browser.find("#infer-summary");
    assertDownloads("#infer-size-downloads", "rank,label,mode,devices,", "\n1,");
  }

  /** Opens {@code tab} on a freshly loaded page (a hash change alone keeps the forms as an earlier test left them). */
  private void reload(String tab) {
    browser.driver.get("about:blank");
    browser.driver.get(base + "#" + tab);
  }

  @Test
  void scenarioEditor_drawsEachOrdersDeliveriesAndTheirDeclaredSlip() {
    reload("scenarios");
    browser.wait.until(d -> browser.find("#scenario-yaml").getAttribute("value").contains("name: bytedance-2025"));
    JavascriptExecutor js = (JavascriptExecutor) browser.driver;
    String example = browser.find("#scenario-yaml").getAttribute("value");
    browser.click("#scenario-validate");
    browser.waitForText("#scenario-deliveries-caption", "no slip declared");
    // the example orders 910B and H20 devices (examples/bytedance-2025.yaml)
    assertThat(browser.find("#scenario-deliveries").getAttribute("data-orders")).isEqualTo("2");
    assertThat(browser.find("#scenario-deliveries canvas").isDisplayed()).isTrue();

    // a slip on the 910B order: the timeline gains its expected deliveries, later and fewer
    String slipped = example.replaceFirst("\n  - id: ascend-910b\n", "\n  - id: ascend-910b\n    slip: {delay_days: 30, delivered_fraction: 0.8}\n");
    assertThat(slipped).isNotEqualTo(example);
    js.executeScript("document.getElementById('scenario-yaml').value = arguments[0]", slipped);
    browser.click("#scenario-validate");
    browser.waitForText("#scenario-deliveries-caption", "ascend-910b (30 days late, 80 % delivered)");
    assertThat(browser.find("#scenario-deliveries").getAttribute("data-slipped")).isEqualTo("ascend-910b");
    @SuppressWarnings("unchecked")
    List<Object> expected = (List<Object>) js.executeScript(
        "return echarts.getInstanceByDom(document.getElementById('scenario-deliveries')).getOption().series.map(s => s.data.length)");
    // one expected point per promised delivery of the slipped order, none for the other order
    assertThat(((Number) expected.get(1)).intValue()).isPositive().isLessThan(((Number) expected.get(0)).intValue());
    js.executeScript("document.getElementById('scenario-yaml').value = arguments[0]", example);
  }

  @Test
  void slipForm_addsAVariantThatValidatesAndRuns() {
    reload("scenarios");
    browser.wait.until(d -> browser.find("#scenario-yaml").getAttribute("value").contains("name: bytedance-2025"));
    String example = browser.find("#scenario-yaml").getAttribute("value");
    browser.click("#scenario-validate");
    browser.find("#slip-order option[value='h20-2025']");
    new org.openqa.selenium.support.ui.Select(browser.find("#slip-order")).selectByValue("h20-2025");
    for (String[] f : new String[][] {{"#slip-delay", "45"}, {"#slip-fraction", "0.75"}, {"#slip-variant", "h20-late"}}) {
      WebElement input = browser.find(f[0]);
      input.clear();
      input.sendKeys(f[1]);
    }
    ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('scenario-msg').textContent = ''");
    browser.click("#slip-add");
    browser.waitForText("#scenario-msg", "valid");
    String yaml = browser.find("#scenario-yaml").getAttribute("value");
    assertThat(yaml).startsWith(example.stripTrailing())
        .contains("  - name: \"h20-late\"\n    orders:\n      - id: \"h20-2025\"\n"
            + "        slip: {delay_days: 45, delivered_fraction: 0.75}\n");
    assertThat(browser.find("#scenario-msg").getText()).isEqualTo("valid");
    // end to end: the run plans the new variant beside the others
    browser.click("#scenario-run");
    browser.waitForText("#scenario-msg", "run succeeded");
    browser.waitForText("#run-result", "h20-late");
  }

  @Test
  void scenarioForm_addsAnOrderToTheYamlAndTheTimelineAndFollowsYamlEdits() {
    reload("scenarios");
    browser.wait.until(d -> browser.find("#scenario-yaml").getAttribute("value").contains("name: bytedance-2025"));
    JavascriptExecutor js = (JavascriptExecutor) browser.driver;
    String example = browser.find("#scenario-yaml").getAttribute("value");
    // YAML to form: the example's items fill the form's tables (examples/bytedance-2025.yaml; runs and demands folded)
    browser.waitForText("#sf-orders-table", "ascend-910b");
    assertThat(browser.driver.findElements(By.cssSelector("#sf-orders-table tr[data-id]"))).hasSize(2);
    assertThat(browser.find("#sf-pools-table").getText()).contains("h20-fleet").contains("166,000");
    assertThat(browser.driver.findElement(By.cssSelector("#sf-training-table tr[data-id='next-llm']")).getAttribute("textContent")).contains("14.8 trillion");
    assertThat(browser.driver.findElement(By.cssSelector("#sf-serving-table tr[data-id='chatbot']")).getAttribute("textContent")).contains("8,000");
    assertThat(browser.find("#scenario-deliveries").getAttribute("data-orders")).isEqualTo("2");

    // form to YAML: a new order with two deliveries
    fill("#f-sf-orders-id", "h20-2026");
    new org.openqa.selenium.support.ui.Select(browser.find("#f-sf-orders-chip")).selectByValue("h20");
    fill("#f-sf-orders-quantity", "1000");
    fill("#f-sf-orders-deliveries", "2026-03-31 600, 2026-06-30 400");
    js.executeScript("document.getElementById('scenario-msg').textContent = ''");
    browser.click("#sf-orders-add");
    browser.waitForText("#scenario-msg", "valid");
    String yaml = browser.find("#scenario-yaml").getAttribute("value");
    String order = "  - id: \"h20-2026\"\n    chip: \"h20\"\n    quantity: 1000\n    deliveries:\n"
        + "      - {date: 2026-03-31, count: 600}\n      - {date: 2026-06-30, count: 400}\n";
    // added at the end of the orders list, before the training runs; nothing else changed
    assertThat(yaml).contains(order + "\ntraining:");
    assertThat(yaml.replace(order, "")).isEqualTo(example);
    assertThat(browser.find("#scenario-msg").getText()).isEqualTo("valid");
    // the timeline draws it: three orders, 1,000 more devices promised
    browser.wait.until(d -> "3".equals(browser.find("#scenario-deliveries").getAttribute("data-orders")));
    assertThat(browser.find("#scenario-deliveries-caption").getText()).startsWith("3 order(s), 8 deliveries");
    @SuppressWarnings("unchecked")
    List<Object> labels = (List<Object>) js.executeScript(
        "return echarts.getInstanceByDom(document.getElementById('scenario-deliveries')).getOption().yAxis[0].data");
    assertThat(labels).contains("h20-2026 (h20)");
    assertThat(browser.find("#sf-orders-table tr[data-id='h20-2026']").getText()).contains("2026-03-31: 600");

    // YAML to form: an edit typed in the YAML shows in the form once validated as you type
    WebElement area = browser.find("#scenario-yaml");
    js.executeScript("arguments[0].value = arguments[0].value.replace('count: 166000', 'count: 170000');"
        + "arguments[0].dispatchEvent(new Event('input'))", area);
    browser.waitForText("#sf-pools-table", "170,000");

    // form to YAML in place: the pool's count changes on its own line, its comments kept
    browser.find("#sf-pools-table tr[data-id='h20-fleet'] button:first-child").click();
    assertThat(browser.find("#f-sf-pools-count").getAttribute("value")).isEqualTo("170000");
    fill("#f-sf-pools-count", "150000");
    browser.click("#sf-pools-update");
    browser.waitForText("#sf-pools-table", "150,000");
    assertThat(browser.find("#scenario-yaml").getAttribute("value")).contains("    count: 150000\n")
        .contains("    system: hgx-h20-8          # 8 x H20 per HGX board");

    // a demand's requests per second in one month: a month added to its block, the others kept
    browser.find("#sf-serving summary").click();
    browser.find("#sf-serving-table tr[data-id='chatbot'] button:first-child").click();
    js.executeScript("document.getElementById('f-sf-serving-month').value = '2026-10'");
    fill("#f-sf-serving-requests_per_second", "9000");
    browser.click("#sf-serving-update");
    browser.waitForText("#sf-serving-table", "9,000");
    assertThat(browser.find("#scenario-yaml").getAttribute("value")).contains("      2026-07: 8000\n      2026-10: 9000\n");

    // a list written across lines (the new order's deliveries) changes as a whole
    browser.find("#sf-orders-table tr[data-id='h20-2026'] button:first-child").click();
    assertThat(browser.find("#f-sf-orders-deliveries").getAttribute("value")).isEqualTo("2026-03-31 600, 2026-06-30 400");
    fill("#f-sf-orders-deliveries", "2026-03-31 500, 2026-07-31 500");
    browser.click("#sf-orders-update");
    browser.waitForText("#sf-orders-table", "2026-07-31: 500");
    assertThat(browser.find("#scenario-yaml").getAttribute("value")).contains("  - id: \"h20-2026\"\n    chip: \"h20\"\n"
        + "    quantity: 1000\n    deliveries: [{date: 2026-03-31, count: 500}, {date: 2026-07-31, count: 500}]\n\ntraining:");

    // removing the new order takes it out of the YAML and the timeline
    browser.find("#sf-orders-table tr[data-id='h20-2026'] button:last-child").click();
    browser.wait.until(d -> "2".equals(browser.find("#scenario-deliveries").getAttribute("data-orders")));
    assertThat(browser.find("#scenario-yaml").getAttribute("value")).doesNotContain("h20-2026");
    assertNoScientificNotation("#scenario-form");
    js.executeScript("document.getElementById('scenario-yaml').value = arguments[0]", example);
  }

  @Test
  void scenarioForm_marksAMalformedDeliveryAtItsField() {
    reload("scenarios");
    browser.waitForText("#sf-orders-table", "ascend-910b");
    String before = browser.find("#scenario-yaml").getAttribute("value");
    fill("#f-sf-orders-id", "bad");
    fill("#f-sf-orders-quantity", "10");
    fill("#f-sf-orders-deliveries", "next spring 10");
    browser.click("#sf-orders-add");
    browser.waitForText("#scenario-issues", "write each delivery as 'YYYY-MM-DD count'");
    assertThat(browser.find("#f-sf-orders-deliveries").getAttribute("class")).contains("invalid");
    assertThat(browser.find("#scenario-yaml").getAttribute("value")).isEqualTo(before);
  }

  private void fill(String css, String text) {
    WebElement input = browser.find(css);
    input.clear();
    input.sendKeys(text);
  }

  @Test
  void mainViews_showNoNumberInScientificNotation_inTextOrHoverTexts() {
    // each main view with a result on it: the chips table, an export check, timeline and matrix,
    // a training search, a serving sizing and the scenario editor's form and timeline
    reload("chips");
    browser.find("#chip-table tbody tr");
    assertNoScientificNotationOnThePage("chips");
    reload("export");
    browser.find("#f-export-chip option[value='h20']");
    browser.click("#export-check");
    browser.find("#export-verdict");
    browser.click("#export-timeline");
    browser.find("#export-timeline-table tbody tr");
    assertNoScientificNotationOnThePage("export check and timeline");
    browser.click("#export-matrix");
    browser.find("#export-result table.matrix");
    assertNoScientificNotationOnThePage("export matrix");
    reload("train");
    browser.find("#f-train-model option[value='llama3-70b']");
    browser.click("#train-search");
    browser.waitForText("#train-msg", "layouts evaluated");
    assertNoScientificNotationOnThePage("training search");
    reload("infer");
    browser.find("#f-infer-model option[value='llama3-70b']");
    browser.click("#infer-size");
    browser.find("#infer-summary");
    assertNoScientificNotationOnThePage("serving sizing");
    reload("scenarios");
    browser.waitForText("#sf-orders-table", "ascend-910b");
    // the example's 14.8e12 tokens, as the form shows them
    assertThat(browser.driver.findElement(By.cssSelector("#sf-training-table")).getAttribute("textContent")).contains("14.8 trillion");
    assertNoScientificNotationOnThePage("scenario editor");
  }

  /**
   * Scans the whole page as rendered: the text of every element (hidden tabs included) and every
   * hover text ({@code title}), leaving out only the YAML editor, which holds what the user typed.
   */
  private void assertNoScientificNotationOnThePage(String view) {
    String text = (String) ((JavascriptExecutor) browser.driver).executeScript(
        "const main = document.querySelector('main').cloneNode(true);"
        + "main.querySelectorAll('textarea').forEach(t => t.remove());"
        + "const titles = Array.from(main.querySelectorAll('[title]')).map(e => e.getAttribute('title'));"
        + "return main.textContent + '\\n' + titles.join('\\n');");
    assertThat(text).as(view).isNotBlank();
    assertThat(java.util.regex.Pattern.compile("\\b\\d+(\\.\\d+)?[eE][+-]?\\d+\\b").matcher(text).results()
        .map(java.util.regex.MatchResult::group).toList()).as("numbers in scientific notation on the page after the " + view)
        .isEmpty();
  }

  /** Keeps each Blob the page turns into a download, to read its type and text. */
  private void captureDownloads() {
    ((JavascriptExecutor) browser.driver).executeScript("window.__blobs = []; const make = URL.createObjectURL;"
        + "URL.createObjectURL = b => { window.__blobs.push(b); return make.call(URL, b); };");
  }

  /** The JSON and CSV links of {@code css} save application/json and text/csv files with the expected text. */
  private void assertDownloads(String css, String csvHeaderStart, String csvContains) {
    WebElement links = browser.find(css);
    List<WebElement> a = links.findElements(By.cssSelector("a.download"));
    assertThat(a.stream().map(WebElement::getText).toList()).containsExactly("JSON", "CSV");
    a.get(0).click();
    List<Object> json = lastDownload();
    assertThat(json.get(0)).isEqualTo("application/json");
    assertThat((String) json.get(1)).startsWith("{");
    a.get(1).click();
    List<Object> csv = lastDownload();
    assertThat(csv.get(0)).isEqualTo("text/csv");
    assertThat((String) csv.get(1)).startsWith(csvHeaderStart).contains(csvContains);
    assertThat(java.util.regex.Pattern.compile("(?<![\\w.-])\\d+(\\.\\d+)?[eE][+-]?\\d+\\b").matcher((String) csv.get(1)).find())
        .as("scientific notation in the CSV").isFalse();
  }

  @SuppressWarnings("unchecked")
  private List<Object> lastDownload() {
    return (List<Object>) ((JavascriptExecutor) browser.driver).executeAsyncScript("const cb = arguments[arguments.length - 1];"
        + "const b = window.__blobs[window.__blobs.length - 1]; b.text().then(t => cb([b.type, t]));");
  }

  /**
   * People read "15.8 million device-hours" and "$1.86B", never "1.577e+7" or "$1.860e+9" (issue 15).
   * Scans what the app rendered in {@code css} (the YAML editor may hold the user's own "14.8e12").
   */
  private void assertNoScientificNotation(String css) {
    String text = browser.find(css).getText();
    assertThat(java.util.regex.Pattern.compile("\\b\\d+(\\.\\d+)?[eE][+-]?\\d+\\b").matcher(text).results()
        .map(java.util.regex.MatchResult::group).toList()).as("numbers in scientific notation on the page").isEmpty();
  }
}
