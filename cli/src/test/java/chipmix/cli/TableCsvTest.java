package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code --format csv} of the table-producing commands that had only text and JSON: each CSV is
 * the rows of the command's JSON answer (checked against it here) and is pinned by a golden file.
 */
class TableCsvTest {

  @Test
  void exportRulesList_csvHasOneRowPerRuleOfTheJson() {
    CliRun csv = CliRun.of("export", "rules", "list", "--format", "csv");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    Golden.assertMatches("export-rules-list.csv", csv.out());
    JsonNode json = json("export", "rules", "list", "--format", "json");
    List<CSVRecord> rows = records(csv.out());
    assertThat(rows).hasSize(json.get("rules").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode rule = json.get("rules").get(i);
      assertThat(rows.get(i).get("id")).isEqualTo(rule.get("id").asText());
      assertThat(rows.get(i).get("effective_from")).isEqualTo(rule.get("effective_from").asText());
      assertThat(rows.get(i).get("rules_as_of")).isEqualTo(json.get("as_of").asText());
    }
  }

  @Test
  void exportCheck_csvIsTheAnswerAsOneRowWithItsReasonsRulesAndTheNotice() {
    String[] ask = {"export", "check", "--chip", "h20", "--to", "CN", "--date", "2025-06-01"};
    CliRun csv = CliRun.of(concat(ask, "--format", "csv"));
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    Golden.assertMatches("export-check-h20-cn-2025-06-01.csv", csv.out());
    JsonNode json = json(concat(ask, "--format", "json"));
    List<CSVRecord> rows = records(csv.out());
    assertThat(rows).hasSize(1);
    CSVRecord row = rows.get(0);
    assertThat(row.get("outcome")).isEqualTo(json.get("outcome").asText());
    assertThat(row.get("chip.id")).isEqualTo("h20");
    List<String> rules = new ArrayList<>();
    json.get("reasons").forEach(r -> rules.add(r.get("rule").asText()));
    assertThat(row.get("reason_rules")).isEqualTo(String.join("; ", rules)).contains("R2025-H20");
    assertThat(row.get("notice")).startsWith("Not legal advice");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void chipsAudit_csvHasOneRowPerListedValueOfTheJson() {
    CliRun csv = CliRun.of("chips", "audit", "--format", "csv");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    Golden.assertMatches("chips-audit-secondary.csv", csv.out());
    JsonNode values = json("chips", "audit", "--format", "json").get("values");
    List<CSVRecord> rows = records(csv.out());
    assertThat(rows).hasSize(values.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).get("id") + " " + rows.get(i).get("metric") + " " + rows.get(i).get("spec.support"))
          .isEqualTo(values.get(i).get("id").asText() + " " + values.get(i).get("metric").asText() + " secondary");
    }
  }

  @Test
  void chipsShow_csvIsTheChipsRowOfChipsList() {
    CliRun show = CliRun.of("chips", "show", "h20", "--format", "csv");
    assertThat(show.exitCode()).as(show.err()).isZero();
    Golden.assertMatches("chips-show-h20.csv", show.out());
    List<String> list = CliRun.of("chips", "list", "--format", "csv").out().lines().toList();
    String h20 = list.stream().filter(l -> l.startsWith("h20,")).findFirst().orElseThrow();
    assertThat(show.out().lines().toList()).containsExactly(list.get(0), h20);
  }

  @Test
  void validate_csvHasOneRowPerCaseOfTheJson() {
    CliRun csv = CliRun.of("validate", "--kind", "inference", "--format", "csv");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    Golden.assertMatches("validate-inference.csv", csv.out());
    JsonNode cases = json("validate", "--kind", "inference", "--format", "json").get("cases");
    List<CSVRecord> rows = records(csv.out());
    assertThat(rows).hasSize(cases.size()).isNotEmpty();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode c = cases.get(i);
      assertThat(rows.get(i).get("id")).isEqualTo(c.get("id").asText());
      assertThat(Double.parseDouble(rows.get(i).get("published"))).isEqualTo(c.get("published").asDouble());
      assertThat(rows.get(i).get("cross_validated.within_tolerance"))
          .isEqualTo(c.get("cross_validated").get("within_tolerance").asText());
    }
  }

  @Test
  void validateRefit_csvHasOneRowPerChipAndConstantOfTheJson_andTheCrossChipConstants() {
    CliRun csv = CliRun.of("validate", "--refit", "--format", "csv");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    JsonNode json = json("validate", "--refit", "--format", "json");
    List<String> expected = new ArrayList<>();
    for (JsonNode chip : json.get("chips")) {
      chip.get("constants").fields().forEachRemaining(e -> expected.add(chip.get("chip").asText() + " " + e.getKey() + " "
          + e.getValue().get("refit").asDouble() + " " + e.getValue().get("calibration_yaml").asDouble()));
    }
    // chips without fit cases whose constants the transfer rule gives (train9), then the default
    for (JsonNode chip : json.get("transferred")) {
      chip.get("constants").fields().forEachRemaining(e -> expected.add(chip.get("chip").asText() + " " + e.getKey() + " "
          + e.getValue().get("refit").asDouble() + " " + e.getValue().get("calibration_yaml").asDouble()));
    }
    assertThat(json.get("transferred")).isNotEmpty();
    json.get("default").fields().forEachRemaining(e -> expected.add("default " + e.getKey() + " "
        + e.getValue().get("refit").asDouble() + " " + e.getValue().get("calibration_yaml").asDouble()));
    json.get("cross_chip").fields().forEachRemaining(e -> expected.add("every chip " + e.getKey() + " "
        + e.getValue().get("refit").asDouble() + " " + e.getValue().get("calibration_yaml").asDouble()));
    assertThat(records(csv.out()).stream().map(r -> r.get("chip") + " " + r.get("constant") + " "
        + Double.parseDouble(r.get("refit")) + " " + Double.parseDouble(r.get("calibration_yaml"))).toList())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void aFormatACommandDoesNotOfferNamesTheOnesItDoes() {
    CliRun r = CliRun.of("export", "rules", "list", "--format", "xlsx");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--format: 'xlsx' is not offered here; use text, json or csv");
  }

  private static JsonNode json(String... args) {
    CliRun r = CliRun.of(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return OutputFormat.readJson(r.out());
  }

  private static List<CSVRecord> records(String csv) {
    try (CSVParser p = CSVParser.parse(csv, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return p.getRecords();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
