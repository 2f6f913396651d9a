package chipmix.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogLoaderTest {
  private static final Catalog BUNDLED = CatalogLoader.bundled();

  @Test
  void bundled_loadsAtLeastTheFortyChipsOfPartA() {
    // Part A of chips-and-rules.md has 46 rows; B20, B30A, MLU590, K100 carry no numbers and
    // CloudMatrix 384 is a system row, so 41 chips remain.
    assertThat(BUNDLED.chips()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(BUNDLED.systems()).isNotEmpty();
  }

  @Test
  void bundled_isCachedAndImmutable() {
    assertThat(CatalogLoader.bundled()).isSameAs(BUNDLED);
    assertThat(CatalogLoader.loadFiles(List.of())).isSameAs(BUNDLED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a100-80gb", "a800", "h100-sxm", "h100-pcie", "h800-sxm", "h20", "h200", "b200", "l20",
      "l2", "l40s", "rtx-4090", "rtx-4090-d", "mi300x", "mi308x", "gaudi3", "ascend-910b", "ascend-910c",
      "tpu-v5p", "trainium2"})
  void bundled_resolvesTheIdsScriptsUse(String id) {
    assertThat(BUNDLED.findChip(id)).as(id).isPresent();
    assertThat(BUNDLED.findChip(id.toUpperCase())).as(id.toUpperCase()).isPresent();
  }

  @Test
  void findChip_aliasesAndCaseResolveToTheSameChip() {
    Chip h20 = BUNDLED.chip("`chip`", "h20");
    assertThat(BUNDLED.chip("`chip`", "nvidia-h20")).isSameAs(h20);
    assertThat(BUNDLED.chip("`chip`", "H20")).isSameAs(h20);
  }

  @Test
  void bundled_everyCitedSourceExists() {
    Set<String> known = BUNDLED.sources().keySet();
    for (Chip c : BUNDLED.chips()) {
      assertThat(c.sources()).as(c.id() + " sources").isNotEmpty();
      assertThat(known).as(c.id()).containsAll(c.sources());
      c.specs().forEach((m, s) -> assertThat(known).as(c.id() + "." + m.key()).containsAll(s.sources()));
    }
    for (SystemSpec s : BUNDLED.systems()) {
      assertThat(known).as(s.id()).containsAll(s.sources());
      assertThat(known).as(s.id()).containsAll(s.scaleUpBandwidth().sources());
    }
  }

  @Test
  void bundled_sourceTableHoldsEverySourceIdOfTheReferenceKey() {
    // Section 0 of chips-and-rules.md: S01-S03, S05-S24 (no S04) and R01-R27. Sources added later
    // (primary sources S25 onwards, newer rules) come on top of these.
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 24; i++) {
      if (i != 4) {
        expected.add(String.format("S%02d", i));
      }
    }
    for (int i = 1; i <= 27; i++) {
      expected.add(String.format("R%02d", i));
    }
    assertThat(BUNDLED.sources().keySet()).containsAll(expected);
    BUNDLED.sources().values().forEach(s -> assertThat(s.url()).as(s.id()).startsWith("http"));
  }

  @Test
  void bundled_everySystemPointsAtACatalogChipAndEachDefaultIsTheFirstListed() {
    for (SystemSpec s : BUNDLED.systems()) {
      assertThat(BUNDLED.findChip(s.chipId())).as(s.id()).isPresent();
    }
    assertThat(BUNDLED.defaultSystemFor(BUNDLED.chip("", "ascend-910c")).orElseThrow().id()).isEqualTo("cloudmatrix-384");
    assertThat(BUNDLED.defaultSystemFor(BUNDLED.chip("", "h100")).orElseThrow().id()).isEqualTo("hgx-h100-8");
    assertThat(BUNDLED.findSystem("atlas-800t-a2").orElseThrow().devicesPerNode()).isEqualTo(8);
    assertThat(BUNDLED.findSystem("gb200-nvl72").orElseThrow().scaleUpDomain()).isEqualTo(72);
  }

  @Test
  void bundled_scaleOutOfTheChinaSystemsIsCitedSoTrainingNeedsNoOverride() {
    // Issue #11: DeepSeek's H800 nodes have eight 400G IB NICs (S26) and IB 50 GB/s = 400 Gb/s per GPU (S25);
    // a 910B host has one 200G RoCE port per NPU (S29); Huawei's CloudMatrix384 paper gives up to 400 Gb/s
    // per 910C (S30) against 76.8 Tb/s / 384 = 200 Gb/s reported (S17); the H20 value is the Hopper HGX
    // reference of one 400G NIC per GPU (S27), low confidence.
    Spec h800 = BUNDLED.findSystem("hgx-h800-8").orElseThrow().scaleOutBandwidth().orElseThrow();
    assertThat(h800.nominal()).isEqualTo(50 * 8);
    assertThat(h800.sources()).contains("S25", "S26");
    Spec h20 = BUNDLED.findSystem("hgx-h20-8").orElseThrow().scaleOutBandwidth().orElseThrow();
    assertThat(h20.nominal()).isEqualTo(400);
    assertThat(h20.confidence()).isEqualTo(Confidence.LOW);
    assertThat(BUNDLED.findSystem("atlas-800t-a2").orElseThrow().scaleOutBandwidth().orElseThrow().nominal())
        .isEqualTo(200);
    Spec cm = BUNDLED.findSystem("cloudmatrix-384").orElseThrow().scaleOutBandwidth().orElseThrow();
    assertThat(cm.low()).isEqualTo(76_800.0 / 384);
    assertThat(cm.high()).isEqualTo(400);
  }

  @Test
  void bundled_conflictingSourcesAreKeptAsRanges() {
    // chips-and-rules.md A.4: Ascend 910B 320 (S03) to 376 (S01) TFLOP/s FP16, 32 or 64 GB.
    Chip b = BUNDLED.chip("", "ascend-910b");
    Spec bf16 = b.spec(Metric.BF16).orElseThrow();
    assertThat(bf16.low()).isEqualTo(320);
    assertThat(bf16.high()).isEqualTo(376);
    assertThat(bf16.sources()).contains("S01", "S03");
    Spec mem = b.spec(Metric.MEMORY_CAPACITY).orElseThrow();
    assertThat(mem.low()).isEqualTo(32);
    assertThat(mem.high()).isEqualTo(64);
  }

  @Test
  void bundled_unknownValuesAreAbsentNotZero() {
    Chip mi308x = BUNDLED.chip("", "mi308x");
    assertThat(mi308x.has(Metric.BF16)).isFalse();
    assertThat(mi308x.has(Metric.MEMORY_BANDWIDTH)).isFalse();
    for (Chip c : BUNDLED.chips()) {
      c.specs().forEach((m, s) -> assertThat(s.low()).as(c.id() + "." + m.key()).isPositive());
    }
  }

  @Test
  void bundled_marketsFollowTheReference() {
    assertThat(BUNDLED.chip("", "rtx-4090").market()).isEqualTo(Market.CONSUMER);
    assertThat(BUNDLED.chip("", "rtx-4090-d").market()).isEqualTo(Market.CONSUMER);
    assertThat(BUNDLED.chip("", "l40s").market()).isEqualTo(Market.DATACENTER);
    assertThat(BUNDLED.chip("", "tpu-v5p").market()).isEqualTo(Market.CLOUD_ONLY);
    assertThat(BUNDLED.chip("", "trainium2").market()).isEqualTo(Market.CLOUD_ONLY);
    assertThat(BUNDLED.chip("", "ascend-910b").designOrigin()).isEqualTo("CN");
  }

  @Test
  void bundled_ioBandwidthIsTheNvlinkFigureForNvidiaDatacenterParts() {
    // Oct-2022 rule I/O criterion, chips-and-rules.md B.6 #1, #2, #6.
    assertThat(BUNDLED.chip("", "a100-80gb").spec(Metric.IO_BANDWIDTH).orElseThrow().nominal()).isEqualTo(600);
    assertThat(BUNDLED.chip("", "a800").spec(Metric.IO_BANDWIDTH).orElseThrow().nominal()).isEqualTo(400);
    assertThat(BUNDLED.chip("", "h20").spec(Metric.IO_BANDWIDTH).orElseThrow().nominal()).isEqualTo(900);
  }

  @Test
  void chip_unknownIdSuggestsTheNearest() {
    assertThatThrownBy(() -> BUNDLED.chip("`chip`", "h2000"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown chip 'h2000'")
        .hasMessageContaining("'h200'");
  }

  @Test
  void loadFiles_badFileListsEveryProblemWithItsPath(@TempDir Path dir) throws IOException {
    Path file = write(dir, "bad.yaml", """
        chips:
          - id: my-chip
            vendor: Acme
            name: Acme X1
            design_origin: USA
            market: datacentre
            sources: [S01]
            specs:
              memory_bandwidth_tbs: {value: -2, source: S01, confidence: high}
              bf16_tflop: {value: 100, source: S01, confidence: high}
              memory_gb: {value: 80, source: S99, confidence: sure}
              tdp_w: {value: 700, low: 750, source: S01, confidence: low}
          - vendor: Acme
            name: no id
            design_origin: US
            market: consumer
            sources: [S01]
        systems:
          - id: acme-node
            name: Acme node
            chip: acme-x9
            devices_per_node: 0
            scale_up_domain: 8
            scale_up_bandwidth_gbs: {value: 100, source: S01, confidence: high}
            sources: [S01]
        """);

    InvalidInputException e = catchInvalid(() -> CatalogLoader.loadFiles(List.of(file)));

    String f = file.toString();
    assertThat(e.issues()).extracting(ValidationIssue::toString).contains(
        f + ": chips[0].design_origin: must be a two-letter country code such as US or CN, got 'USA'",
        f + ": chips[0].specs.memory_bandwidth_tbs.value: must be a number above 0 and at most 100,000 TB/s, got -2",
        f + ": chips[0].specs.tdp_w.low: must not exceed value 700 W, got 750 W",
        f + ": chips[1].id: is required",
        f + ": systems[0].devices_per_node: must be a whole number from 1 to 1,000,000 chips, got 0");
    assertThat(e.issues()).extracting(ValidationIssue::toString).anySatisfy(s -> assertThat(s)
        .startsWith(f + ": chips[0].market: 'datacentre' is not one of datacenter, consumer, cloud-only"));
    assertThat(e.issues()).extracting(ValidationIssue::toString).anySatisfy(s -> assertThat(s)
        .startsWith(f + ": chips[0].specs.bf16_tflop: unknown key 'bf16_tflop'; did you mean 'bf16_tflops'"));
    assertThat(e.issues()).extracting(ValidationIssue::toString).anySatisfy(s -> assertThat(s)
        .startsWith(f + ": chips[0].specs.memory_gb.confidence: 'sure' is not one of high, medium, low"));
    assertThat(e.getMessage()).startsWith(e.issues().size() + " problems:");
  }

  @Test
  void loadFiles_crossReferencesAreCheckedAfterMerging(@TempDir Path dir) throws IOException {
    Path file = write(dir, "refs.yaml", """
        chips:
          - id: acme-x1
            aliases: [h20]
            vendor: Acme
            name: Acme X1
            design_origin: US
            market: datacenter
            sources: [S01]
            specs:
              memory_gb: {value: 80, source: S99, confidence: high}
        systems:
          - id: acme-node
            name: Acme node
            chip: acme-x9
            devices_per_node: 8
            scale_up_domain: 8
            scale_up_bandwidth_gbs: {value: 100, source: S01, confidence: high}
            sources: [S01]
        """);

    InvalidInputException e = catchInvalid(() -> CatalogLoader.loadFiles(List.of(file)));

    String f = file.toString();
    assertThat(e.issues()).extracting(ValidationIssue::path).contains(
        f + ": chips[0].aliases", f + ": chips[0].specs.memory_gb.source", f + ": systems[0].chip");
    assertThat(e.getMessage()).contains("'h20' already names chip 'h20'", "unknown source id 'S99'",
        "unknown chip 'acme-x9'");
  }

  @Test
  void loadFiles_problemsInSeveralFilesAreAllReported(@TempDir Path dir) throws IOException {
    Path a = write(dir, "a.yaml", "chips:\n  - id: a\n");
    Path b = write(dir, "b.yaml", "sources: [{id: X1}]\n");
    Path missing = dir.resolve("missing.yaml");

    InvalidInputException e = catchInvalid(() -> CatalogLoader.loadFiles(List.of(a, b, missing)));

    assertThat(e.issues()).extracting(ValidationIssue::path)
        .anyMatch(p -> p.startsWith(a.toString()))
        .anyMatch(p -> p.startsWith(b.toString()))
        .contains(missing.toString());
  }

  @Test
  void loadFiles_userChipWithAnExistingIdOrAliasReplacesItWhole(@TempDir Path dir) throws IOException {
    Path file = write(dir, "mine.yaml", """
        sources:
          - {id: U01, title: "Our lab measurement", publisher: "Us", url: "https://example.org/h20", date: "2026-01-01"}
        chips:
          - id: nvidia-h20
            vendor: NVIDIA
            name: H20 (our measurement)
            design_origin: US
            market: datacenter
            sources: [U01]
            specs:
              bf16_tflops: {value: 140, source: U01, confidence: medium}
          - id: acme-x1
            vendor: Acme
            name: Acme X1
            design_origin: US
            market: datacenter
            sources: [U01]
        """);

    Catalog c = CatalogLoader.loadFiles(List.of(file));

    Chip replaced = c.chip("", "nvidia-h20");
    assertThat(replaced.name()).isEqualTo("H20 (our measurement)");
    assertThat(replaced.has(Metric.MEMORY_CAPACITY)).as("replaced whole, not merged").isFalse();
    assertThat(c.findChip("h20")).as("the old id no longer resolves").isEmpty();
    assertThat(c.chips()).hasSize(BUNDLED.chips().size() + 1);
    assertThat(c.chips().indexOf(replaced)).isEqualTo(BUNDLED.chips().indexOf(BUNDLED.chip("", "h20")));
    assertThat(c.chips().get(c.chips().size() - 1).id()).isEqualTo("acme-x1");
    assertThat(c.source("U01")).isPresent();
    // The bundled HGX H20 system now points at the replacing chip.
    assertThat(c.findSystem("hgx-h20-8").orElseThrow().chipId()).isEqualTo("nvidia-h20");
    // The bundled catalog is untouched.
    assertThat(BUNDLED.chip("", "h20").name()).isEqualTo("H20 (HGX)");
  }

  @Test
  void userDirectoryFiles_readsYamlFilesInNameOrder(@TempDir Path dir) throws IOException {
    write(dir, "b.yaml", "sources: []\n");
    write(dir, "a.yml", "sources: []\n");
    write(dir, "notes.txt", "ignored");

    assertThat(CatalogLoader.userDirectoryFiles(dir)).extracting(p -> p.getFileName().toString())
        .containsExactly("a.yml", "b.yaml");
    assertThat(CatalogLoader.userDirectoryFiles(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void userDirectory_followsTheHomeProperty() {
    String before = System.getProperty(CatalogLoader.HOME_PROPERTY);
    try {
      System.setProperty(CatalogLoader.HOME_PROPERTY, "/opt/chipmix-home");
      assertThat(CatalogLoader.userDirectory()).isEqualTo(Path.of("/opt/chipmix-home", "catalog"));
    } finally {
      if (before == null) {
        System.clearProperty(CatalogLoader.HOME_PROPERTY);
      } else {
        System.setProperty(CatalogLoader.HOME_PROPERTY, before);
      }
    }
  }

  @Test
  void bundled_idsAreLowerCaseAndAliasesUnique() {
    Pattern id = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    Map<String, String> seen = new java.util.HashMap<>();
    for (Chip c : BUNDLED.chips()) {
      assertThat(c.id()).matches(id);
      assertThat(seen.put(c.id(), c.id())).as(c.id()).isNull();
      for (String a : c.aliases()) {
        assertThat(seen.put(a, c.id())).as(a).isNull();
      }
    }
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static InvalidInputException catchInvalid(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected an InvalidInputException");
  }
}
