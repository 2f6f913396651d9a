package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The B.6 rows of chips-and-rules.md not covered with fixtures in {@link ClassifyTest}, on the
 * bundled catalog's chips (whose figures cite Part A).
 */
class CatalogWorkedExamplesTest {
  private static final Catalog CATALOG = CatalogLoader.bundled();
  private static final ExportControl EC = ExportControl.bundled();
  private static final LocalDate OCT_2023_RULE = LocalDate.of(2024, 6, 1);

  private static Classification classify(String chip, LocalDate date) {
    return EC.classify(CATALOG.chip("chip", chip), date);
  }

  @ParameterizedTest(name = "B.6 #{0} {1}: {2}")
  @CsvSource({
      "4, h100-pcie, 3A090.a.1",    // 1513 x 8 = 12104
      "9, gb200, 3A090.a.1",        // 5000 x 8 = 40000
      "18, gaudi3, 3A090.a.1",      // 1835 x 16 = 29360
      "19, gaudi2, 3A090.a.1",      // 450 x 16 = 7200
      "20, tpu-v5p, 3A090.a.1",     // 459 x 16 = 7344 (cloud only)
      "23, trainium2, 3A090.a.1",   // 667 x 16 = 10672
      "25, ascend-910b, 3A090.a.1", // 5120-6016
      "26, ascend-910c, 3A090.a.1", // ~12032-12800
      "28, biren-br100, 3A090.a.1"}) // 2048 x 8 = 16384
  void classify_oct2023_meetsA1(String row, String chip, String expected) {
    Classification c = classify(chip, OCT_2023_RULE);
    assertThat(c.certain()).isTrue();
    assertThat(c.label()).isEqualTo(expected);
  }

  @Test
  @DisplayName("B.6 #27: Ascend 910 (4096): the applicable die area is unknown (1228 mm² is the whole package), so .a.2 or .b.x")
  void classify_ascend910_dependsOnTheUnknownApplicableDieArea() {
    Classification c = classify("ascend-910", OCT_2023_RULE);
    assertThat(c.facts().performanceDensity()).isEmpty();
    assertThat(c.certain()).isFalse();
    // The most restrictive candidate is .a.2: 4096 / 5.92 = 691.9 mm² or less of logic die.
    assertThat(c.mostRestrictive().label()).isEqualTo("3A090.a.2");
    assertThat(c.candidates()).extracting(Classification.Candidate::label).contains("3A090.a.2", "3A090.b.1");
    assertThat(c.candidates().get(0).conditions()).singleElement().asString().contains("die area <= 691.9");
    assertThat(CATALOG.chip("chip", "ascend-910").notes()).contains("1228 mm²", "I/O die");
  }

  @Test
  @DisplayName("B.6 #21: TPU v5e is .a.2 only if S01's unconfirmed 325 mm² die is right, and the answer says so")
  void determine_tpuV5e_namesTheLowConfidenceDieAreaItRestsOn() {
    Determination d = EC.determine(Request.of(CATALOG.chip("chip", "tpu-v5e"), "CN", OCT_2023_RULE));
    assertThat(d.classification().label()).isEqualTo("3A090.a.2");
    assertThat(d.caveats()).anySatisfy(c -> assertThat(c).contains(
        "3A090.a.2 rests on low-confidence figures: performance density 9.7 (die area 325 mm² [S01]", "unconfirmed"));
    // H20's figures are all high confidence: no such caveat.
    Determination h20 = EC.determine(Request.of(CATALOG.chip("chip", "h20"), "CN", OCT_2023_RULE));
    assertThat(h20.caveats()).noneSatisfy(c -> assertThat(c).contains("low-confidence"));
  }

  @Test
  @DisplayName("B.6 #24: Trainium without a die area is .a.2 if die <= 513 mm², else .b.1 or .b.2")
  void classify_trainium_dependsOnDieArea() {
    Classification c = classify("trainium", OCT_2023_RULE);
    assertThat(c.certain()).isFalse();
    assertThat(c.candidates()).extracting(Classification.Candidate::label).startsWith("3A090.a.2", "3A090.b.1");
    // 3040 / 5.92 = 513.5 mm².
    assertThat(c.candidates().get(0).conditions()).singleElement().asString().contains("die area <= 513.5");
  }

  @Test
  @DisplayName("B.6 #28: BR100's I/O sources conflict (412 vs 2300 GB/s), so the 2022 rule cannot decide")
  void classify_br100Under2022_isUncertainOnIo() {
    Classification c = classify("biren-br100", LocalDate.of(2023, 6, 1));
    assertThat(c.candidates()).extracting(Classification.Candidate::label)
        .containsExactly("3A090 (2022 text)", "not 3A090");
    assertThat(c.decidingFacts()).singleElement().asString().startsWith("aggregate bidirectional I/O bandwidth (range");
  }

  @Test
  @DisplayName("B.6 #17: MI308X has no published compute, yet the April 2025 action names it")
  void determine_mi308x_namedDespiteUnknownSpecs() {
    Determination d = EC.determine(Request.of(CATALOG.chip("chip", "mi308x"), "CN", LocalDate.of(2025, 6, 1)));
    assertThat(d.classification().certain()).isFalse();
    assertThat(d.verdict().outcome()).isEqualTo(Outcome.LICENSE_REQUIRED);
    assertThat(d.uncertain()).isTrue();
    // AMD's own letter names the MI308 (AMD-10Q-2025), not NVIDIA's.
    assertThat(d.reasons()).extracting(Reason::rule).contains("R2025-MI308");
  }

  @Test
  @DisplayName("B.6 #31: the AI Diffusion Tier 2 condition states the caps (790,000,000 TPP ~ 49,899 H100e)")
  void aiDiffusionCondition_statesTheCaps() {
    Effect.Require q = (Effect.Require) EC.book().rule("R2025-AID-TIER2").orElseThrow().effect();
    assertThat(q.conditions().get(0).text()).contains("790,000,000 TPP", "26,900,000 TPP");
    // H100-equivalents: 790,000,000 / 15832 = 49,898.9, about 49,899 (calc in B.5).
    assertThat(Math.round(790_000_000.0 / (1979 * 8))).isEqualTo(49_899L);
  }
}
