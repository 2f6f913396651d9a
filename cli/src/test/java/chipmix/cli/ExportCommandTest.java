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
    // Since 2026-01-28 Beijing approves H200 imports company by company (CN-H200-2026-01).
    assertThat(j.get("import_side").findValuesAsText("rule")).contains("CN-H200-IMPORT-APPROVALS");
    assertThat(j.get("as_of").asText()).isEqualTo("2026-12-03");
    assertThat(j.get("stale").asBoolean()).isFalse();
    // POTUS-232-2026-01: the 25% tariff is a condition with its cost.
    assertThat(j.get("conditions").findValues("cost")).anySatisfy(c -> {
      assertThat(c.path("kind").asText()).isEqualTo("tariff");
      assertThat(c.path("percent").asDouble()).isEqualTo(25);
    });
    assertThat(j.get("driving_rules").findValuesAsText("rule")).contains("R2023-DC-D5", "R2026-H200");
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
    CliRun r = CliRun.of("export", "check", "--chip", "h20", "--to", "CN", "--date", "2025-13-01", "--format", "xml");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--date: '2025-13-01' is not a date (expected YYYY-MM-DD",
        "--format: 'xml' is not offered here; use text, json or csv");
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
    assertThat(t.err()).contains("2 problems", "--format: 'yaml' is not offered here; use text, json or csv",
        "--to: unknown country code 'XX'");
    CliRun m = CliRun.of("export", "matrix", "--chips", "h20,nochip", "--format", "xlsx");
    assertThat(m.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(m.err()).contains("2 problems", "--format: 'xlsx' is not offered here; use text, json or csv",
        "--chips: unknown chip 'nochip'");
  }

  @Test
  void check_entityListParty_isALicenseRequirementUnderTheEntityList() throws Exception {
    JsonNode j = json(CliRun.of("export", "check", "--chip", "h20", "--to", "CN", "--party", "huawei", "--date",
        "2024-06-01", "--format", "json"));
    assertThat(j.get("outcome").asText()).isEqualTo("entity-list");
    assertThat(j.get("outcome_text").asText()).isEqualTo("license required (Entity List), presumption of denial");
    assertThat(j.get("reasons").findValuesAsText("rule")).contains("EL-HUAWEI");
  }

  @Test
  void timeline_h20China_listsTheAprilChange() {
    CliRun r = CliRun.of("export", "timeline", "--chip", "h20", "--to", "CN", "--until", "2026-06-30");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("2022-10-07  NOT CONTROLLED", "2025-04-09  LICENSE REQUIRED (REVIEW POLICY NOT PUBLISHED)",
        "+ R2025-H20: NVIDIA H20 letter (April 2025)", "[NVDA-8K-2025-04, R10]", "Not legal advice");
    assertThat(r.out()).doesNotContain("STALE");
  }

  @Test
  void timelineJson_hasDatedEntries() throws Exception {
    JsonNode j = json(CliRun.of("export", "timeline", "--chip", "h200", "--to", "CN", "--until", "2026-06-30", "--format", "json"));
    assertThat(j.get("entries").findValuesAsText("date")).contains("2022-10-07", "2026-01-15");
    assertThat(j.get("as_of").asText()).isEqualTo("2026-12-03");
  }

  @Test
  void matrix_showsLabelsAndLegend() {
    CliRun r = CliRun.of("export", "matrix", "--date", "2026-03-01", "--chips", "h20,h200,b200,rtx-4090", "--to", "CN,AE,DE");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("h20\\s+LIC:unpub!\\s+-\\s+-")
        .containsPattern("h200\\s+LIC:case!\\s+LIC:approval\\s+NLR")
        // '!' on CN: China's guidance on domestic chips in state-funded data centres (reported Dec 2025).
        .containsPattern("b200\\s+LIC:denial!\\s+LIC:approval\\s+NLR")
        .containsPattern("rtx-4090\\s+NAC!\\s+ACA\\s+NLR")
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

  @Test
  void check_dateAfterAsOf_saysSoInTheFirstLineAndInJson() throws Exception {
    CliRun r = CliRun.of("export", "check", "--chip", "h100", "--to", "DE", "--date", "2027-01-02");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // 2026-12-03 to 2027-01-02: 28 + 2 = 30 days.
    assertThat(r.out().lines().findFirst().orElseThrow()).contains("STALE").contains("30 days after")
        .contains("2026-12-03");
    JsonNode j = json(CliRun.of("export", "check", "--chip", "h100", "--to", "DE", "--date", "2027-01-02", "--format",
        "json"));
    assertThat(j.get("stale").asBoolean()).isTrue();
    assertThat(j.get("stale_days").asInt()).isEqualTo(30);
    assertThat(j.get("headline").asText()).contains("STALE");
    CliRun t = CliRun.of("export", "timeline", "--chip", "h100", "--to", "DE", "--until", "2027-01-02");
    assertThat(t.out().lines().findFirst().orElseThrow()).startsWith("STALE");
    CliRun m = CliRun.of("export", "matrix", "--chips", "h100", "--to", "DE", "--date", "2027-01-02");
    assertThat(m.out().lines().findFirst().orElseThrow()).startsWith("STALE");
  }

  @Test
  void check_h20ToMalaysiaForAChinaHeadquarteredBuyer_needsTheLetterLicense() {
    // NVDA-8K-2025-04: "... or to companies headquartered or with an ultimate parent therein".
    CliRun r = CliRun.of("export", "check", "--chip", "h20", "--to", "MY", "--buyer-hq", "CN", "--date", "2025-06-01");
    assertThat(r.out().lines().findFirst().orElseThrow())
        .startsWith("LICENSE REQUIRED (REVIEW POLICY NOT PUBLISHED) — R2025-H20");
  }

  @Test
  void check_fromMalaysia_bringsMalaysiasPermit() {
    // MY-MITI-2025-07: exports, transshipments and transits of US-origin AI chips out of Malaysia.
    CliRun r = CliRun.of("export", "check", "--chip", "h100", "--to", "SG", "--from", "MY", "--date", "2025-08-01");
    assertThat(r.out()).contains("[MY-STRATEGIC-TRADE-PERMIT]");
  }

  private static final String TEAM_RULE = """
      sources:
        - {id: TEAM-1, title: "Counsel note", url: "https://example.com/team-1", date: "2026-12-01"}
      rules:
        - id: TEAM-AE-H20
          title: "Team rule: H20 to the UAE needs a license"
          effective_from: 2026-12-01
          document: "Counsel note"
          sources: [TEAM-1]
          scope: {destinations: [AE]}
          items: {chips: [h20]}
          effect: {require: {outcome: license-required, review_policy: presumption-of-denial}}
          text: "Our counsel reads a new restriction as requiring a license for H20 to the UAE."
      """;

  @Test
  void rulesDir_userRuleFile_isAppliedByCheckTimelineAndMatrix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("team.yaml"), TEAM_RULE);
    String rules = dir.toString();
    CliRun c = CliRun.of("export", "check", "--chip", "h20", "--to", "AE", "--date", "2026-12-02", "--rules", rules);
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(c.out().lines().findFirst().orElseThrow()).startsWith("LICENSE REQUIRED (PRESUMPTION OF DENIAL) — TEAM-AE-H20");
    CliRun t = CliRun.of("export", "timeline", "--chip", "h20", "--to", "AE", "--until", "2026-12-03", "--rules", rules);
    assertThat(t.out()).contains("2026-12-01  LICENSE REQUIRED (PRESUMPTION OF DENIAL)", "+ TEAM-AE-H20");
    CliRun m = CliRun.of("export", "matrix", "--chips", "h20", "--to", "AE", "--date", "2026-12-02", "--rules", rules);
    assertThat(m.out()).containsPattern("h20\\s+LIC:denial");
    CliRun bundledOnly = CliRun.of("export", "check", "--chip", "h20", "--to", "AE", "--date", "2026-12-02");
    assertThat(bundledOnly.out().lines().findFirst().orElseThrow()).startsWith("NOT CONTROLLED");
  }

  @Test
  void rulesList_showsBundledAndUserRulesWithTheirOrigin(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("team.yaml"), TEAM_RULE);
    CliRun r = CliRun.of("export", "rules", "list", "--rules", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("R2025-H20", "[letter to NVIDIA]", "bundled", "TEAM-AE-H20",
        dir.resolve("team.yaml").toString());
    JsonNode j = json(CliRun.of("export", "rules", "list", "--rules", dir.toString(), "--format", "json"));
    assertThat(j.get("user_files").get(0).asText()).endsWith("team.yaml");
    CliRun show = CliRun.of("export", "rules", "show", "R2025-INTEL");
    assertThat(show.out()).contains("Letter:    to Intel", "INTC-2025-04", "1,400 GB/s");
    CliRun unknown = CliRun.of("export", "rules", "show", "R2025-H2O");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown rule 'R2025-H2O'").contains("R2025-H20");
  }

  @Test
  void rulesDir_badRuleFile_listsEveryProblemWithItsLineAndExits2(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("bad.yaml"), TEAM_RULE.replace("destinations: [AE]", "destinatons: [AE]")
        .replace("sources: [TEAM-1]", "sources: [TEAM-2]"));
    CliRun r = CliRun.of("export", "check", "--chip", "h20", "--to", "AE", "--rules", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad.yaml:").contains("destinatons").contains("unknown source id 'TEAM-2'")
        .doesNotContain("Exception");
  }

  @Test
  void userRulesDirectory_isReadByEveryExportCommand() throws Exception {
    // The build points chipmix.home at target/test-chipmix-home; its rules/ folder is the user's rule folder.
    java.nio.file.Path dir = chipmix.exportcontrol.RuleBookLoader.userDirectory();
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Path file = dir.resolve("team.yaml");
    java.nio.file.Files.writeString(file, TEAM_RULE);
    try {
      CliRun list = CliRun.of("export", "rules", "list");
      assertThat(list.out()).contains("User rule files: " + file).contains("TEAM-AE-H20");
      CliRun c = CliRun.of("export", "check", "--chip", "h20", "--to", "AE", "--date", "2026-12-02");
      assertThat(c.out().lines().findFirst().orElseThrow()).contains("TEAM-AE-H20");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void matrixCsv_hasOneRowPerChipAndDestination_agreeingWithTheJson() throws Exception {
    String[] args = {"export", "matrix", "--chips", "h100,h20", "--to", "CN,DE,JP", "--date", "2026-03-01"};
    JsonNode j = json(CliRun.of(concat(args, "--format", "json")));
    CliRun r = CliRun.of(concat(args, "--format", "csv"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
    assertThat(header).contains("chip", "destination", "outcome", "review_policy", "driving_rules", "stale");
    // 2 chips x 3 destinations, a header first
    assertThat(lines).hasSize(1 + 2 * 3);
    JsonNode h20China = j.get("rows").get(1).get("cells").get(0);
    String row = lines.stream().filter(l -> l.startsWith("h20,CN,")).findFirst().orElseThrow();
    assertThat(row).contains("," + h20China.get("outcome").asText() + ",")
        .contains("," + h20China.get("review_policy").asText() + ",")
        .contains(h20China.get("driving_rules").get(0).asText());
  }

  @Test
  void matrixOutput_writesTheAnswerToTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("sub/matrix.csv");
    CliRun r = CliRun.of("export", "matrix", "--chips", "h20", "--to", "CN", "--format", "csv", "--output", file.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(java.nio.file.Files.readString(file)).startsWith("chip,destination,").contains("h20,CN,");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
