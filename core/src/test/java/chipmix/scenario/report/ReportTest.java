package chipmix.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.scenario.Engines;
import chipmix.scenario.Plan;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportTest {
  static Scenario scenario;
  static List<Plan> plans;
  static Catalog catalog;

  static Chip chip(String id, String vendor) {
    return new Chip(id, vendor, vendor + " " + id, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), "US", Market.DATACENTER,
        Map.of(Metric.TDP, Spec.exact(500, "T1", Confidence.HIGH)), List.of("T1"), "");
  }

  @BeforeAll
  static void plan() {
    catalog = new Catalog(List.of(chip("gpu-a", "VendorA"), chip("gpu-b", "VendorB")), List.of(), Map.of());
    Engines engines = new Engines(
        (c, from, dest, hq, parties, date) -> c.id().equals("gpu-b")
            ? new Engines.Finding(Engines.Verdict.AT_RISK, "license-required",
                List.of(new Engines.Reason("needs a licence </script>", List.of("R10"))),
                List.of(new Engines.Reason("import discouraged", List.of("R13"))))
            : new Engines.Finding(Engines.Verdict.CLEAR, "not-controlled", List.of(), List.of()),
        (model, seq, batch, c, sys, so, n) -> Optional.of(new Engines.TrainingRate(n * 1000.0, n, "DP " + n)),
        (model, p, o, ttft, tpot, w, kv, c, sys, so) -> Optional.of(new Engines.Replica(4, 2, "TP 4")),
        Map.of("catalog", "test-1", "rules", "test-2"));
    scenario = new ScenarioLoader(catalog, List.of()).loadText("""
        name: report-test
        organisation: {name: Org, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2025-06, pue: 1.2, electricity_usd_per_kwh: 0.1}
        pools: [{id: a, chip: gpu-a, count: 100, online: 2024-12-01, unit_price_usd: 1000}]
        orders: [{id: b, chip: gpu-b, quantity: 50, unit_price_usd: 2000, deliveries: [{date: 2025-02-01, count: 50}]}]
        training:
          - {id: run, model: m, tokens: 1e10, sequence_length: 4096, global_batch: 64, earliest_start: 2025-01-01,
             deadline: 2025-03-01, pools: [a]}
        serving:
          - {id: chat, model: m, prompt_tokens: 100, output_tokens: 100, ttft_ms: 1000, tpot_ms: 50, pools: [b],
             requests_per_second: {2025-01: 10, 2025-03: 30}}
        variants:
          - {name: no-b, remove: [b, chat]}
        """, "r.yaml");
    plans = new Planner(catalog, engines, m -> {}).planAll(scenario);
  }

  @Test
  void json_hasTheDocumentedTopLevelAndPlanKeys() throws Exception {
    JsonNode root = new ObjectMapper().readTree(JsonReport.render(scenario, plans));
    assertThat(iterable(root.fieldNames())).containsExactly("scenario", "description", "disclaimer", "as_of",
        "organisation", "settings", "plans", "sources");
    // R10 and R13 are cited by the fake findings; the test catalog knows neither, so none is listed.
    assertThat(root.get("sources")).isEmpty();
    assertThat(root.get("as_of").get("catalog").asText()).isEqualTo("test-1");
    JsonNode base = root.get("plans").get(0);
    assertThat(iterable(base.fieldNames())).containsExactly("variant", "description", "totals", "months", "pools", "orders",
        "training", "serving", "costs", "notes", "without_at_risk", "uncertainty");
    assertThat(base.get("orders").get(0).get("deliveries").get(0).get("verdict").asText()).isEqualTo("at-risk");
    assertThat(base.get("orders").get(0).get("deliveries").get(0).get("import_side").get(0).get("citations").get(0).asText())
        .isEqualTo("R13");
    assertThat(base.get("training").get(0).get("placement").get("peak_devices").asInt()).isEqualTo(100);
    assertThat(base.get("without_at_risk").get("orders").get(0).get("received").asInt()).isZero();
    assertThat(root.get("plans").get(1).get("variant").asText()).isEqualTo("no-b");
    assertThat(root.get("plans").get(1).get("without_at_risk").isNull()).isTrue();
  }

  @Test
  void text_putsTheSummaryFirstThenTheSections() {
    String text = TextReport.render(scenario, plans);
    assertThat(text).contains("not legal advice");
    assertThat(text.indexOf("Summary")).isLessThan(text.indexOf("Training runs"));
    assertThat(text.indexOf("Training runs")).isLessThan(text.indexOf("Orders and compliance"));
    assertThat(text).contains("Comparison").contains("b: 50 VendorB gpu-b: 50 received, 50 AT RISK")
        .contains("if the at-risk deliveries do not arrive").contains("[R13]");
  }

  @Test
  void html_isSelfContainedWithTheLibraryAndTheChartsData() {
    String html = HtmlReport.render(scenario, plans);
    assertThat(html).doesNotContain("<script src").doesNotContain("<link ");
    // The inlined library registers the global 'echarts' object.
    assertThat(html).contains("echarts.init(").contains("Apache ECharts");
    assertThat(html.length()).isGreaterThan(900_000);
    assertThat(html).contains("id=\"capacity-0\"").contains("id=\"gantt-0\"").contains("id=\"serving-0\"")
        .contains("id=\"cost-0\"").contains("id=\"capacity-1\"");
    assertThat(html).contains("\"online\" : [ 100, 100, 100, 100, 100, 100 ]");
    // Text from findings is escaped, and cannot close the data script early.
    assertThat(html).contains("needs a licence &lt;/script&gt;").contains("needs a licence <\\/script>");
    assertThat(html).contains("[R10]");
  }

  @Test
  void html_drawsTheServingCapacityCurveOfEachServingPoolsChip_escapedAndFromTheJson() throws Exception {
    List<Engines.CurvePoint> curve = List.of(new Engines.CurvePoint(1, 20, 50), new Engines.CurvePoint(8, 40, 200));
    Engines engines = new Engines(
        (c, from, dest, hq, parties, date) -> new Engines.Finding(Engines.Verdict.CLEAR, "not-controlled", List.of(), List.of()),
        (model, seq, batch, c, sys, so, n) -> Optional.of(new Engines.TrainingRate(n * 1000.0, n, "DP " + n)),
        (model, p, o, ttft, tpot, w, kv, c, sys, so) -> Optional.of(new Engines.Replica(4, 2, "TP 4 <b>&", curve)),
        Map.of("catalog", "test-1", "rules", "test-2"));
    List<Plan> withCurves = new Planner(catalog, engines, m -> {}).planAll(scenario);
    String html = HtmlReport.render(scenario, withCurves);
    // the base plan serves chat on pool b (VendorB gpu-b): one chart; the no-b variant removes chat: none
    assertThat(html).contains("id=\"serving-curve-0-0-0\" data-plan=\"0\" data-kind=\"servingCurve\" data-serving=\"0\""
        + " data-curve=\"0\"").doesNotContain("id=\"serving-curve-1-");
    assertThat(html).contains("Serving capacity: m on VendorB gpu-b for chat (pool b; one replica of TP 4 &lt;b&gt;&amp;)");
    // the raw text is only in the embedded JSON data, never in the page's markup
    assertThat(html.lines().filter(l -> l.startsWith("<h3>"))).noneMatch(l -> l.contains("<b>"));
    assertThat(html).contains("servingCurve: servingCurve");
    JsonNode c = new ObjectMapper().readTree(JsonReport.render(scenario, withCurves)).get("plans").get(0).get("serving").get(0)
        .get("capacity_curves").get(0);
    assertThat(c.get("pools").get(0).asText()).isEqualTo("b");
    assertThat(c.get("points")).hasSize(curve.size());
    assertThat(c.get("points").get(1).get("batch").asInt()).isEqualTo(8);
    assertThat(c.get("points").get(1).get("tpot_ms").asDouble()).isEqualTo(40);
    assertThat(c.get("points").get(1).get("output_tokens_per_s_per_device").asDouble()).isEqualTo(200);
    // the fake engine of the other tests gives no curve: no chart
    assertThat(HtmlReport.render(scenario, plans)).doesNotContain("data-kind=\"servingCurve\"");
  }

  @Test
  void html_comparesVariantsInATable_highlightingTheMeasuresThatDiffer() {
    String html = HtmlReport.render(scenario, plans);
    assertThat(html).contains("<table class=\"compare\">").doesNotContain("<pre>Comparison");
    Compare.View view = Compare.view(plans, plans.stream().map(Plan::label).toList());
    // the no-b variant drops gpu-b's at-risk order: that row differs, and only differing rows are highlighted
    Compare.Row atRisk = view.rows().stream().filter(r -> r.measure().equals("devices at risk")).findFirst().orElseThrow();
    assertThat(atRisk.differs()).isTrue();
    assertThat(html).contains("<tr class=\"differs\"><th>devices at risk</th>");
    long highlighted = html.lines().filter(l -> l.startsWith("<tr class=\"differs\">")).count();
    assertThat(highlighted).isEqualTo(view.rows().stream().filter(Compare.Row::differs).count());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
