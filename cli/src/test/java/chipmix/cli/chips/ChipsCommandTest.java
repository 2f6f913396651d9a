package chipmix.cli.chips;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.CliRun;
import chipmix.cli.Golden;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChipsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void chipsHelp_matchesGolden() {
    CliRun r = CliRun.of("chips", "--help");
    assertThat(r.exitCode()).isZero();
    Golden.assertMatches("chips-help.txt", r.out());
  }

  @Test
  void chipsBare_printsUsage() {
    CliRun r = CliRun.of("chips");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(CliRun.of("chips", "--help").out());
  }

  @Test
  void subcommandHelp_matchesGolden() {
    for (String sub : List.of("list", "show", "compare", "audit")) {
      CliRun r = CliRun.of("chips", sub, "--help");
      assertThat(r.exitCode()).as(sub).isZero();
      Golden.assertMatches("chips-" + sub + "-help.txt", r.out());
    }
  }

  @Test
  void audit_printsTheShareOfSecondaryValuesItsJsonCounts() throws IOException {
    CliRun json = CliRun.of("chips", "audit", "--format", "json", "--support", "all");
    assertThat(json.exitCode()).isZero();
    JsonNode summary = JSON.readTree(json.out()).get("summary");
    int values = summary.get("values").asInt();
    int secondary = summary.get("secondary").asInt();
    assertThat(summary.get("primary").asInt() + secondary).isEqualTo(values);
    assertThat(summary.get("secondary_percent").asDouble()).isEqualTo(100.0 * secondary / values);
    assertThat(JSON.readTree(json.out()).get("values")).hasSize(values);

    CliRun text = CliRun.of("chips", "audit");
    assertThat(text.exitCode()).isZero();
    assertThat(line(text.out(), "  Secondary only:")).contains(Integer.toString(secondary))
        .contains(String.format(java.util.Locale.ROOT, "(%.1f%%)", 100.0 * secondary / values));
    assertThat(text.out()).contains("Disagreements between sources (" + summary.get("disagreements").asInt() + ")");
  }

  @Test
  void audit_listsEachLevelAndRejectsAnUnknownOne() throws IOException {
    JsonNode primary = JSON.readTree(CliRun.of("chips", "audit", "--format", "json", "--support", "primary").out());
    assertThat(primary.get("values")).allSatisfy(v -> assertThat(v.get("spec").get("support").asText()).isEqualTo("primary"));
    assertThat(primary.get("values")).hasSize(primary.get("summary").get("primary").asInt());
    CliRun bad = CliRun.of("chips", "audit", "--support", "primry", "--format", "xml");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--support: 'primry' is not a support level; use secondary, primary or all")
        .contains("--format: 'xml' is not offered here");
  }

  @Test
  void show_marksEachValuesSupportAndTheSourceKinds() throws IOException {
    JsonNode h20 = JSON.readTree(CliRun.of("chips", "show", "h20", "--format", "json").out());
    // S01 (Epoch copy) and S03 (a 2023 blog) are secondary kinds: the H20's BF16 rests on them alone.
    assertThat(h20.get("specs").get("bf16_tflops").get("support").asText()).isEqualTo("secondary");
    assertThat(h20.get("cited_sources").get("S01").get("kind").asText()).isEqualTo("compilation");
    String text = CliRun.of("chips", "show", "h20").out();
    assertThat(text).contains("Support").contains("chipmix chips audit");
  }

  @Test
  void compare_h20Ascend910bH100_matchesGolden() {
    CliRun r = CliRun.of("chips", "compare", "h20", "ascend-910b", "h100-sxm");
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    Golden.assertMatches("chips-compare-h20-ascend-910b-h100-sxm.txt", r.out());
  }

  @Test
  void compare_showsHandComputedDerivedFigures() {
    String out = CliRun.of("chips", "compare", "h20", "ascend-910b", "h100-sxm").out();
    String tpp = line(out, "TPP  ");
    // 296 x 8 = 2368; 320 x 16 = 5120 to 376 x 16 = 6016; 1979 x 8 = 15832 (chips-and-rules.md B.6).
    assertThat(tpp).contains("2368", "5120 (5120–6016)**", "15832");
    // 2368 / 814 = 2.909 -> 2.91; 15832 / 814 = 19.45.
    assertThat(line(out, "Performance density")).contains("2.91", "19.45");
    // Ridge point 148 / 4.0 = 37 FLOP/B.
    assertThat(line(out, "Ridge point")).contains(" 37 ");
  }

  @Test
  void show_unknownId_suggestsNearestAndExitsTwo() {
    CliRun r = CliRun.of("chips", "show", "h2000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    Golden.assertMatches("chips-show-h2000.err.txt", r.err());
  }

  @Test
  void compare_everyUnknownIdIsReportedAtOnce() {
    CliRun r = CliRun.of("chips", "compare", "h2O", "h20", "nvidia-h20", "mi3000x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("3 problems", "ID[1]: unknown chip 'h2O'", "ID[3]: 'nvidia-h20' names chip 'h20'",
        "ID[4]: unknown chip 'mi3000x'; did you mean");
  }

  @Test
  void compare_needsTwoIds() {
    CliRun r = CliRun.of("chips", "compare", "h20");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("ID: give at least two chip ids to compare, got 1 (h20)");
    CliRun both = CliRun.of("chips", "compare", "h2O");
    assertThat(both.err()).contains("2 problems", "ID[1]: unknown chip 'h2O'", "ID: give at least two chip ids");
  }

  @Test
  void show_isCaseInsensitiveAndFollowsAliases() {
    String canonical = CliRun.of("chips", "show", "h20").out();
    assertThat(CliRun.of("chips", "show", "NVIDIA-H20").out()).isEqualTo(canonical);
    assertThat(canonical).contains("NVIDIA H20 (HGX)  [h20]", "Die area", "S02", "Sources",
        "hgx-h20-8 (default)", "not legal advice");
  }

  @Test
  void show_json_hasSpecsRangesSourcesAndDerived() throws IOException {
    CliRun r = CliRun.of("chips", "show", "ascend-910b", "--format", "json");
    assertThat(r.exitCode()).isZero();
    JsonNode chip = JSON.readTree(r.out());
    assertThat(chip.get("id").asText()).isEqualTo("ascend-910b");
    assertThat(chip.get("design_origin").asText()).isEqualTo("CN");
    assertThat(chip.get("market").asText()).isEqualTo("datacenter");
    JsonNode bf16 = chip.get("specs").get("bf16_tflops");
    assertThat(bf16.get("low").asDouble()).isEqualTo(320);
    assertThat(bf16.get("high").asDouble()).isEqualTo(376);
    assertThat(bf16.get("confidence").asText()).isEqualTo("low");
    assertThat(bf16.get("unit").asText()).isEqualTo("TFLOP/s");
    assertThat(chip.get("specs").has("die_area_mm2")).as("unknown specs are left out").isFalse();
    assertThat(chip.get("derived").get("tpp").get("high").asDouble()).isEqualTo(376 * 16);
    assertThat(chip.get("derived").get("performance_density").isNull()).isTrue();
    assertThat(chip.get("cited_sources").has("S03")).isTrue();
    assertThat(chip.get("systems").get(0).asText()).isEqualTo("atlas-800t-a2");
  }

  @Test
  void list_filtersByVendorAndOrigin() throws IOException {
    JsonNode cn = JSON.readTree(CliRun.of("chips", "list", "--origin", "cn", "--format", "json").out());
    List<String> origins = new ArrayList<>();
    cn.get("chips").forEach(c -> origins.add(c.get("design_origin").asText()));
    assertThat(origins).isNotEmpty().containsOnly("CN");

    String amd = CliRun.of("chips", "list", "--vendor", "amd").out();
    assertThat(amd).contains("mi300x", "mi308x").doesNotContain("h100-sxm");
  }

  @Test
  void list_unknownVendorAndOriginAreBothReported() {
    CliRun r = CliRun.of("chips", "list", "--vendor", "nvidai", "--origin", "XX");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("2 problems", "--vendor: no chip in the catalog has vendor 'nvidai'; did you mean 'NVIDIA'",
        "--origin: no chip in the catalog has design origin 'XX' (origins: CN, US)");
  }

  @Test
  void list_csvHasOneLinePerChipWithRanges() {
    CliRun r = CliRun.of("chips", "list", "--format", "csv");
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).startsWith("id,vendor,name,design_origin,market,die_area_mm2,die_area_mm2_low,die_area_mm2_high");
    assertThat(lines).hasSize(1 + CliRun.of("chips", "list", "--format", "json").out().split("\"id\" :").length - 1);
  }

  @Test
  void show_aFormatNotOfferedNamesTheOffered() {
    CliRun r = CliRun.of("chips", "show", "h20", "--format", "xlsx");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--format: 'xlsx' is not offered here; use text, json or csv");
  }

  @Test
  void list_unknownFormatIsReportedWithTheOtherProblemsAndNamesTheFormatsOffered() {
    CliRun r = CliRun.of("chips", "list", "--format", "xml", "--vendor", "nvidai");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("2 problems", "--format: 'xml' is not offered here; use table, json or csv",
        "--vendor: no chip in the catalog has vendor 'nvidai'");
  }

  @Test
  void format_isCaseInsensitiveAndTextNamesTheTable() {
    assertThat(CliRun.of("chips", "list", "--format", "TEXT").out())
        .isEqualTo(CliRun.of("chips", "list").out());
    assertThat(CliRun.of("chips", "show", "h20", "--format", "Json").out()).startsWith("{");
  }

  @Test
  void catalogOption_badFileListsAllProblemsAndExitsTwo(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        chips:
          - id: acme-x1
            vendor: Acme
            name: Acme X1
            design_origin: US
            market: datacenter
            sources: [S01]
            specs:
              memory_bandwidth_tbs: {value: -2, source: S01, confidence: high}
              bf16_tflops: {value: 100, source: S77, confidence: high}
        """);
    CliRun r = CliRun.of("chips", "list", "--catalog", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    // Each problem names its path and the line it is on (the file's specs are on lines 9 and 10).
    assertThat(r.err()).contains("2 problems",
        bad + ": chips[0].specs.memory_bandwidth_tbs.value (line 9, column ",
        "): must be a number above 0 and at most 100,000 TB/s, got -2",
        bad + ": chips[0].specs.bf16_tflops.source (line 10, column ",
        "): unknown source id 'S77'");
  }

  @Test
  void catalogOption_addsUserChips(@TempDir Path dir) throws IOException {
    Path mine = dir.resolve("mine.yaml");
    Files.writeString(mine, """
        sources:
          - {id: U01, title: "Our benchmark", publisher: "Us", url: "https://example.org", date: "2026-01-01"}
        chips:
          - id: acme-x1
            vendor: Acme
            name: Acme X1
            design_origin: US
            market: datacenter
            sources: [U01]
            specs:
              bf16_tflops: {value: 100, source: U01, confidence: medium}
        """);
    CliRun r = CliRun.of("chips", "compare", "acme-x1", "h20", "--catalog", mine.toString());
    assertThat(r.exitCode()).isZero();
    // 100 x 16 = 1600 bit-TOPS.
    assertThat(line(r.out(), "TPP  ")).contains("1600*");
    assertThat(r.out()).contains("U01  Us: Our benchmark (2026-01-01) https://example.org");
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + text));
  }
}
