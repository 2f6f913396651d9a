package chipmix.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.CliRun;
import chipmix.cli.ExitCode;
import chipmix.cli.Golden;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  static final String EXAMPLE = Path.of("..", "examples", "bytedance-2025.yaml").toString();

  @Test
  void plan_example_textReportMatchesTheGoldenFile() {
    CliRun r = CliRun.of("plan", EXAMPLE, "--quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Golden.assertMatches("plan-bytedance-2025.txt", r.out());
  }

  @Test
  void plan_example_answersTheQuestionsInTheSummary() {
    String out = CliRun.of("plan", EXAMPLE, "-q").out();
    String summary = out.substring(out.indexOf("Plan: base"), out.indexOf("Training runs"));
    // Training finish on one vendor, orders at risk with the H20 licence requirement, serving devices, cost.
    assertThat(summary).contains("next-llm: deepseek-v3, 14.8T tokens: on ").contains("deadline 2025-08-31")
        .contains("h20-2025: 60,000 H20 (HGX): 60,000 received, 40,000 AT RISK")
        .contains("chatbot: deepseek-v3, peak 8,000 requests/s (2026-07)").contains("Cost over the horizon: $");
    assertThat(out).contains("A run never spans vendors in one collective group").contains("NVDA-8K-2025-04, R10]").contains("[R13]");
  }

  @Test
  void plan_variantBase_plansOnlyTheScenarioWithoutVariants() throws Exception {
    CliRun r = CliRun.of("plan", EXAMPLE, "--variant", "base", "--format", "json", "-q");
    assertThat(r.exitCode()).isZero();
    var plans = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("plans");
    assertThat(plans).hasSize(1);
    assertThat(plans.get(0).get("variant").asText()).isEqualTo("base");
  }

  @Test
  void compare_fileHashBase_comparesTheBaseScenario() {
    CliRun r = CliRun.of("compare", EXAMPLE + "#base", EXAMPLE + "#all-h20", "-q");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void plan_csvTraining_hasOneRowPerVariantAndRun_withTheJsonKeysAsColumns(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("runs.csv");
    CliRun r = CliRun.of("plan", EXAMPLE, "--format", "csv", "--table", "training", "--output", csv.toString(), "-q");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).startsWith("variant,id,model,tokens,deadline,placed,");
    // the example has one training run and five variants besides the base
    long variants = Files.readString(Path.of(EXAMPLE)).lines().filter(l -> l.startsWith("  - name: ")).count();
    assertThat(lines).hasSize(1 + 1 + (int) variants);
    assertThat(lines.get(1)).startsWith("base,next-llm,deepseek-v3," + (long) 14.8e12 + ",");
  }

  @Test
  void compare_csv_isTheComparisonTable_oneColumnPerPlan() {
    CliRun r = CliRun.of("compare", EXAMPLE + "#base", EXAMPLE + "#all-h20", "--format", "csv", "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("measure,bytedance-2025,bytedance-2025#all-h20");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("cost over the horizon,$"));
  }

  @Test
  void plan_unknownCsvTable_isListedWithTheTables() {
    CliRun r = CliRun.of("plan", EXAMPLE, "--format", "csv", "--table", "nope", "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--table: 'nope' is not a plan table; use one of totals, training, serving, orders, costs");
  }

  @Test
  void plan_showsProgressOnStderrUnlessQuiet() {
    CliRun r = CliRun.of("plan", EXAMPLE, "--variant", "all-h20");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("chipmix: planning variant all-h20 of bytedance-2025");
    assertThat(r.out()).doesNotContain("chipmix: planning");
  }

  @Test
  void plan_json_hasTheDocumentedKeysAndTheInputsAsOfData() throws Exception {
    CliRun r = CliRun.of("plan", EXAMPLE, "--format", "json", "-q");
    assertThat(r.exitCode()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(names(root.get("as_of"))).containsExactly("calibration", "catalog", "chipmix", "rules");
    assertThat(root.get("as_of").get("catalog").asText()).startsWith("sha256:");
    assertThat(root.get("as_of").get("rules").asText()).startsWith("as of 20");
    assertThat(root.get("plans")).hasSize(1 + 4);
    JsonNode base = root.get("plans").get(0);
    JsonNode run = base.get("training").get(0);
    assertThat(names(run)).containsExactly("id", "model", "tokens", "deadline", "placed", "days_late", "placement", "notes");
    assertThat(names(run.get("placement"))).contains("chip", "vendor", "start", "finish", "device_hours", "energy_kwh",
        "electricity_usd", "amortised_devices_usd", "segments");
    JsonNode delivery = base.get("orders").get(1).get("deliveries").get(1);
    assertThat(delivery.get("verdict").asText()).isEqualTo("at-risk");
    assertThat(names(base.get("serving").get(0).get("months").get(0))).contains("month", "demand_requests_per_second",
        "capacity_requests_per_second", "unmet_requests_per_second", "devices");
  }

  @Test
  void plan_html_writesOneSelfContainedFileWithTheCharts(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("out/report.html");
    CliRun r = CliRun.of("plan", EXAMPLE, "--html", html.toString(), "--variant", "all-910b", "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("<script src").contains("echarts.init(")
        .contains("id=\"gantt-0\"").contains("\"variant\" : \"all-910b\"");
  }

  @Test
  void plan_badScenario_listsEveryProblemWithItsPathAndExits2(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    String text = """
        organisation: {name: X, headquarters: CN, data_centres: [CN]}
        settings: {start: 2025-01, end: 2025-12, pue: 1.2, electricity_usd_per_kwh: 0.1}
        pools: [{id: fleet, chip: h2O, count: 10, online: 2025-01-01}]
        orders:
          - id: o
            chip: h20
            quantity: 10
            deliveries: [{date: 2025-02-01, count: 8}, {date: 2025-13-01, count: 5}]
        training:
          - {id: t, model: deepseek-v4, tokens: 1e12, sequence_length: 4096, global_batch: 512,
             earliest_start: 2025-06-01, deadline: 2025-05-01, pools: [flet]}
        """;
    Files.writeString(bad, text);
    CliRun r = CliRun.of("plan", bad.toString(), "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("problems:")
        .contains("pools[0].chip " + at(text, 3, "chip") + ": unknown chip 'h2O'; did you mean 'h20'")
        .contains("orders[0].deliveries[1].date " + at(text, 8, "date: 2025-13") + ": 2025-13-01 is not a date (expected YYYY-MM-DD)")
        .contains("training[0].model " + at(text, 10, "model") + ": unknown model 'deepseek-v4'; did you mean 'deepseek-v3'")
        .contains("training[0].deadline " + at(text, 11, "deadline") + ": 2025-05-01 is before earliest_start 2025-06-01")
        .contains("training[0].pools[0] " + at(text, 11, "flet") + ": unknown pool 'flet'");
  }

  /** "(line L, column C)" of the first {@code word} on 1-based {@code line} of {@code text}. */
  private static String at(String text, int line, String word) {
    return "(line " + line + ", column " + (text.lines().toList().get(line - 1).indexOf(word) + 1) + ")";
  }

  @Test
  void docs_badInputExample_printsExactlyWhatTheDocsShow(@TempDir Path dir) throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "scenarios.md"));
    int yamlStart = docs.indexOf("```yaml\n", docs.indexOf("Bad input is listed all at once")) + "```yaml\n".length();
    String yaml = docs.substring(yamlStart, docs.indexOf("```", yamlStart));
    String prompt = "$ ./chipmix plan bad.yaml\n";
    int outStart = docs.indexOf(prompt) + prompt.length();
    String expected = docs.substring(outStart, docs.indexOf("```", outStart));
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, yaml);
    CliRun r = CliRun.of("plan", bad.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).isEqualTo(expected.replace("bad.yaml", bad.toString()));
  }

  @Test
  void plan_unknownVariant_isInvalidInputWithASuggestion() {
    CliRun r = CliRun.of("plan", EXAMPLE, "--variant", "all-h2o", "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--variant: unknown variant 'all-h2o'; did you mean 'all-h20'");
  }

  @Test
  void plan_missingFileOrBadFormat_isInvalidInput() {
    assertThat(CliRun.of("plan", "no-such.yaml").err()).contains("no-such.yaml: file not found");
    CliRun r = CliRun.of("plan", EXAMPLE, "--format", "xml");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--format: 'xml' is not offered here; use text, json or csv");
  }

  @Test
  void compare_twoVariantsOfTheExample_sideBySide() {
    CliRun r = CliRun.of("compare", EXAMPLE + "#all-h20", EXAMPLE + "#all-910b", "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("not legal advice").contains("bytedance-2025#all-h20").contains("bytedance-2025#all-910b")
        .contains("training next-llm finishes").contains("cost over the horizon");
  }

  @Test
  void compare_json_holdsBothScenarios() throws Exception {
    CliRun r = CliRun.of("compare", EXAMPLE, EXAMPLE + "#910b-slips", "--format", "json", "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("scenarios")).hasSize(2);
    assertThat(root.get("scenarios").get(1).get("plans").get(0).get("variant").asText()).isEqualTo("910b-slips");
  }

  @Test
  void scenarioValidate_example_isValid() {
    CliRun r = CliRun.of("scenario", "validate", EXAMPLE);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("valid scenario 'bytedance-2025': 1 pools, 2 orders, 1 training runs, 1 serving demands,"
        + " 4 variants");
  }

  @Test
  void help_planAndCompare_matchGoldenFiles() {
    Golden.assertMatches("plan-help.txt", CliRun.of("plan", "--help").out());
    Golden.assertMatches("compare-help.txt", CliRun.of("compare", "--help").out());
    Golden.assertMatches("scenario-validate-help.txt", CliRun.of("scenario", "validate", "--help").out());
  }

  @Test
  void plan_htmlThatCannotBeWritten_failsWithExitCode1(@TempDir Path dir) throws Exception {
    Path notADirectory = dir.resolve("file");
    Files.writeString(notADirectory, "x");
    CliRun r = CliRun.of("plan", EXAMPLE, "--variant", "all-h20", "--html", notADirectory.resolve("r.html").toString(), "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE.code());
    assertThat(r.err()).startsWith("failed: cannot write ");
    assertThat(r.out()).isEmpty();
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void plan_samples_sameSeedSameNumbers_andTheJsonHasP10P50P90() throws Exception {
    CliRun a = CliRun.of("plan", EXAMPLE, "--variant", "all-910b", "--samples", "300", "--seed", "3", "--format", "json", "-q");
    CliRun b = CliRun.of("plan", EXAMPLE, "--variant", "all-910b", "--samples", "300", "--seed", "3", "--format", "json", "-q");
    assertThat(a.exitCode()).isZero();
    assertThat(b.out()).isEqualTo(a.out());
    JsonNode u = new ObjectMapper().readTree(a.out()).get("plans").get(0).get("uncertainty");
    assertThat(u.get("samples").asInt()).isEqualTo(300);
    JsonNode finish = u.get("training").get(0).get("finish");
    assertThat(finish.get("p10").asText()).isLessThanOrEqualTo(finish.get("p50").asText());
    assertThat(finish.get("p50").asText()).isLessThanOrEqualTo(finish.get("p90").asText());
    assertThat(u.get("training").get(0).get("probability_meets_deadline").asDouble()).isBetween(0.0, 1.0);
    assertThat(u.get("cost_usd").get("p10").asDouble()).isLessThanOrEqualTo(u.get("cost_usd").get("p90").asDouble());
  }

  @Test
  void plan_samples_outOfRange_isInvalidInputNamingTheOption() {
    CliRun r = CliRun.of("plan", EXAMPLE, "--samples", "0", "-q");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--samples").contains("must be from 1");
  }
}
