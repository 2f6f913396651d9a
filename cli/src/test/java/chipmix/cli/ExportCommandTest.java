package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ExportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(CliRun r) throws Exception {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void check_h20China20240601_matchesGolden() {
    CliRun r = CliRun.of("export", "check", "--chip", "h20", "--to", "CN", "--date", "2024-06-01");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Golden.assertMatches("export-check-h20-cn-2024-06-01.txt", r.out());
  }

  @Test
  void check_h20China20250601_matchesGolden() {
    CliRun r = CliRun.of("export", "check", "--chip", "h20", "--to", "CN", "--date", "2025-06-01");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Golden.assertMatches("export-check-h20-cn-2025-06-01.txt", r.out());
  }

  @Test
  void checkHelp_matchesGolden() {
    CliRun r = CliRun.of("export", "check", "--help");
    assertThat(r.exitCode()).isZero();
    Golden.assertMatches("export-check-help.txt", r.out());
  }

  @Test
  void export_bare_printsUsageWithTheThreeSubcommands() {
    CliRun r = CliRun.of("export");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("check", "timeline", "matrix");
  }

  @Test
  void checkJson_hasTheContractKeys() throws Exception {
    JsonNode j = json(CliRun.of("export", "check", "--chip", "h200", "--to", "CN", "--date", "2026-03-01", "--format", "json"));
    assertThat(j.fieldNames()).toIterable().contains("classification", "tpp", "performance_density", "outcome",
        "review_policy", "conditions", "reasons", "import_side", "as_of", "notice", "caveats", "possible_outcomes");
    assertThat(j.get("classification").asText()).isEqualTo("3A090.a.1");
    // H200: 1979 dense FP8 TFLOP/s x 8 bits = 15832 (chips-and-rules.md B.6 #7).
    assertThat(j.get("tpp").get("value").asDouble()).isEqualTo(1979 * 8.0);
    assertThat(j.get("outcome").asText()).isEqualTo("license-required");
    assertThat(j.get("review_policy").asText()).isEqualTo("case-by-case");
    assertThat(j.get("reasons")).allSatisfy(x -> assertThat(x.fieldNames()).toIterable()
        .containsExactly("rule", "text", "citation"));
    assertThat(j.get("import_side").get(0).get("rule").asText()).isEqualTo("CN-CUSTOMS-H200");
    assertThat(j.get("as_of").asText()).isEqualTo("2026-06-30");
  }

  @Test
  void check_describedChip_isHandledLikeACatalogChip() throws Exception {
    JsonNode j = json(CliRun.of("export", "check", "--name", "Test Accel", "--tpp", "5000", "--die-area", "800",
        "--market", "datacenter", "--to", "AE", "--date", "2024-06-01", "--format", "json"));
    assertThat(j.get("chip").get("id").asText()).isEqualTo("test-accel");
    assertThat(j.get("classification").asText()).isEqualTo("3A090.a.1");
    assertThat(j.get("outcome").asText()).isEqualTo("license-required");
    assertThat(j.get("review_policy").asText()).isEqualTo("presumption-of-approval");
    // PD = 5000 / 800 = 6.25.
    assertThat(j.get("performance_density").get("value").asDouble()).isEqualTo(5000 / 800.0);
  }

  @Test
  void check_unknownDieArea_saysMostRestrictiveAndWhichFactDecides() {
    CliRun r = CliRun.of("export", "check", "--chip", "tpu-v4", "--to", "AE", "--date", "2024-06-01");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("[UNCERTAIN: most restrictive of the possible outcomes]", "applicable die area (unknown)",
        "Possible outcomes:");
  }

  @Test
  void check_badInput_listsEveryProblemAtOnce() {
    CliRun r = CliRun.of("export", "check", "--chip", "h2o", "--to", "XX", "--buyer-hq", "china", "--date", "2021-05-01");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("4 problems", "--chip: unknown chip 'h2o'", "--to: unknown country code 'XX'",
        "--buyer-hq: unknown country code 'china'; did you mean 'CN' (China)?",
        "--date: 2021-05-01 is before the first AI-chip rule chipmix covers (2022-10-07");
  }

  @Test
  void check_chipAndDescription_isAnError() {
    CliRun r = CliRun.of("export", "check", "--chip", "h20", "--tpp", "100", "--to", "CN");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--chip: give either --chip or a description");
  }

  @Test
  void check_badDateAndFormat_areNamed() {
    CliRun r = CliRun.of("export", "check", "--chip", "h20", "--to", "CN", "--date", "2025-13-01", "--format", "csv");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--date: '2025-13-01' is not a date (expected YYYY-MM-DD",
        "--format: 'csv' is not offered here; use text or json");
  }

  @Test
  void checkAndTimeline_missingDestinationIsListedWithTheOtherProblems() {
    for (String command : new String[] {"check", "timeline"}) {
      CliRun r = CliRun.of("export", command, "--chip", "nochip", "--buyer-hq", "XX");
      assertThat(r.exitCode()).as(command).isEqualTo(ExitCode.INVALID_INPUT.code());
      assertThat(r.err()).as(command).contains("3 problems", "--chip: unknown chip 'nochip'",
          "--to: is required: the destination country code (ISO 3166-1 alpha-2), e.g. --to CN",
          "--buyer-hq: unknown country code 'XX'");
    }
  }

  @Test
  void timelineAndMatrix_badFormatIsListedWithTheOtherProblems() {
    CliRun t = CliRun.of("export", "timeline", "--chip", "h20", "--to", "XX", "--format", "yaml");
    assertThat(t.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(t.err()).contains("2 problems", "--format: 'yaml' is not offered here; use text or json",
        "--to: unknown country code 'XX'");
    CliRun m = CliRun.of("export", "matrix", "--chips", "h20,nochip", "--format", "csv");
    assertThat(m.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(m.err()).contains("2 problems", "--format: 'csv' is not offered here; use text or json",
        "--chips: unknown chip 'nochip'");
  }

  @Test
  void check_entityListParty_isProhibited() throws Exception {
    JsonNode j = json(CliRun.of("export", "check", "--chip", "h20", "--to", "CN", "--party", "huawei", "--date",
        "2024-06-01", "--format", "json"));
    assertThat(j.get("outcome").asText()).isEqualTo("prohibited-party");
    assertThat(j.get("reasons").findValuesAsText("rule")).contains("EL-HUAWEI");
  }

  @Test
  void timeline_h20China_listsTheAprilChange() {
    CliRun r = CliRun.of("export", "timeline", "--chip", "h20", "--to", "CN", "--until", "2026-06-30");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("2022-10-07  NOT CONTROLLED", "2025-04-09  LICENSE REQUIRED (REVIEW POLICY NOT PUBLISHED)",
        "+ R2025-H20: April 2025 is-informed license requirement", "[R10]", "Not legal advice");
  }

  @Test
  void timelineJson_hasDatedEntries() throws Exception {
    JsonNode j = json(CliRun.of("export", "timeline", "--chip", "h200", "--to", "CN", "--until", "2026-06-30", "--format", "json"));
    assertThat(j.get("entries").findValuesAsText("date")).contains("2022-10-07", "2026-01-15");
    assertThat(j.get("as_of").asText()).isEqualTo("2026-06-30");
  }

  @Test
  void matrix_showsLabelsAndLegend() {
    CliRun r = CliRun.of("export", "matrix", "--date", "2026-03-01", "--chips", "h20,h200,b200,rtx-4090", "--to", "CN,AE,DE");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("h20\\s+LIC:unpub!\\s+-\\s+-")
        .containsPattern("h200\\s+LIC:case!\\s+LIC:approval\\s+NLR")
        .containsPattern("b200\\s+LIC:denial\\s+LIC:approval\\s+NLR")
        .containsPattern("rtx-4090\\s+NAC\\s+ACA\\s+NLR")
        .contains("Legend:", "Not legal advice");
  }

  @Test
  void matrixJson_hasRowsAndCells() throws Exception {
    JsonNode j = json(CliRun.of("export", "matrix", "--date", "2024-06-01", "--chips", "h100", "--to", "CN,IN", "--format", "json"));
    assertThat(j.get("rows").get(0).get("cells").findValuesAsText("outcome")).containsExactly("license-required", "no-license-required");
  }

  @Test
  void checkAndMatrix_unknownOption_isListedWithTheValueProblems() {
    CliRun r = CliRun.of("export", "check", "--chip", "h20", "--to", "XX", "--bogus", "--date", "2025-13-01");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("3 problems:").contains("Unknown option: '--bogus'").contains("--to: unknown country code 'XX'")
        .contains("--date: '2025-13-01' is not a date");
    r = CliRun.of("export", "matrix", "--chips", "h20,h2000", "--to", "CN", "--zzz");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--zzz'").contains("--chips: unknown chip 'h2000'");
  }

  @Test
  void matrix_unknownChipAndCountry_listsBoth() {
    CliRun r = CliRun.of("export", "matrix", "--chips", "h20,nope", "--to", "CN,ZZ");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--chips: unknown chip 'nope'", "--to: unknown country code 'ZZ'");
  }

  @Test
  void check_describedCloudOnlyAndBadMarket() throws Exception {
    JsonNode j = json(CliRun.of("export", "check", "--tpp", "3152", "--die-area", "325", "--market", "cloud-only",
        "--to", "AE", "--date", "2024-06-01", "--format", "json"));
    // B.6 #21: 3152 / 325 = 9.70 >= 5.92 and TPP >= 1600: 3A090.a.2 (cloud-only counts as datacenter).
    assertThat(j.get("classification").asText()).isEqualTo("3A090.a.2");
    CliRun bad = CliRun.of("export", "check", "--tpp", "-5", "--market", "gaming", "--to", "AE");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(bad.err()).contains("--tpp: must be a number above 0 and at most 100,000,000 bit-TOPS, got -5",
        "--market: 'gaming' is not one of datacenter, consumer, cloud-only");
  }

  @Test
  void check_chipFromAUserCatalog_isHandledLikeABundledChip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("mine.yaml");
    java.nio.file.Files.writeString(file, """
        sources:
          - {id: U01, title: "Our datasheet", publisher: "ACME", url: "https://example.invalid/x1", date: "2026-01-10"}
        chips:
          - id: acme-x1
            vendor: ACME
            name: ACME X1
            design_origin: US
            market: datacenter
            sources: [U01]
            specs:
              fp8_tflops: {value: 700, source: U01, confidence: medium}
              die_area_mm2: {value: 500, source: U01, confidence: medium}
        """);
    JsonNode j = json(CliRun.of("export", "check", "--catalog", file.toString(), "--chip", "acme-x1", "--to", "AE",
        "--date", "2024-06-01", "--format", "json"));
    // 700 x 8 = 5600 >= 4800: 3A090.a.1; to D:1/D:4 (UAE): license, presumption of approval (R21).
    assertThat(j.get("tpp").get("value").asDouble()).isEqualTo(700 * 8.0);
    assertThat(j.get("classification").asText()).isEqualTo("3A090.a.1");
    assertThat(j.get("review_policy").asText()).isEqualTo("presumption-of-approval");
    assertThat(j.get("tpp").get("sources").get(0).asText()).isEqualTo("U01");
  }

  @Test
  void timelineAndMatrixHelp_matchGolden() {
    CliRun t = CliRun.of("export", "timeline", "--help");
    CliRun m = CliRun.of("export", "matrix", "--help");
    assertThat(t.exitCode()).isZero();
    assertThat(m.exitCode()).isZero();
    Golden.assertMatches("export-timeline-help.txt", t.out());
    Golden.assertMatches("export-matrix-help.txt", m.out());
  }

  @Test
  void timeline_untilBefore2022_isAnInputError() {
    CliRun r = CliRun.of("export", "timeline", "--chip", "h20", "--to", "CN", "--until", "2022-01-01");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--until: 2022-01-01 is before the first AI-chip rule chipmix covers (2022-10-07");
  }
}
