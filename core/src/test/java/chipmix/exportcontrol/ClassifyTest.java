package chipmix.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.Chip;
import chipmix.catalog.Market;
import chipmix.validation.InvalidInputException;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** ECCN 3A090 classification: the worked examples of chips-and-rules.md B.6 and the threshold boundaries of B.1. */
class ClassifyTest {
  private static final ExportControl EC = ExportControl.bundled();
  /** A date under the Oct 2022 text (R01: 2022-10-07 to 2023-11-16). */
  private static final LocalDate OCT_2022_RULE = LocalDate.of(2023, 6, 1);
  /** A date under the Oct 2023 text (R03: from 2023-11-17). */
  private static final LocalDate OCT_2023_RULE = LocalDate.of(2024, 6, 1);

  private static String label(Chip chip, LocalDate date) {
    return EC.classify(chip, date).label();
  }

  static Stream<Arguments> workedExamples() {
    // chips-and-rules.md B.6: # | chip | Oct 2022 rule | Oct 2023 rule.
    return Stream.of(
        Arguments.of("1 A100: 624 x 8 = 4992 >= 4800, NVLink 600 >= 600", TestChips.A100, "3A090 (2022 text)", "3A090.a.1"),
        Arguments.of("2 A800: NVLink 400 < 600", TestChips.A800, "not 3A090", "3A090.a.1"),
        Arguments.of("3 H100 SXM: 1979 x 8 = 15832, NVLink 900", TestChips.H100, "3A090 (2022 text)", "3A090.a.1"),
        Arguments.of("5 H800: NVLink 400", TestChips.H800, "not 3A090", "3A090.a.1"),
        Arguments.of("6 H20: 296 x 8 = 2368, PD 2.91", TestChips.H20, "not 3A090", "not 3A090"),
        Arguments.of("7 H200: 15832, PD 19.45", TestChips.H200, "3A090 (2022 text)", "3A090.a.1"),
        Arguments.of("8 B200: 4500 x 8 = 36000", TestChips.B200, "3A090 (2022 text)", "3A090.a.1"),
        Arguments.of("10 L40S: 733 x 8 = 5864, PCIe 64 GB/s", TestChips.L40S, "not 3A090", "3A090.a.1"),
        Arguments.of("11 L20: 239 x 8 = 1912, PD 3.14", TestChips.L20, "not 3A090", "not 3A090"),
        Arguments.of("12 L2: 193 x 8 = 1544 < 1600", TestChips.L2, "not 3A090", "not 3A090"),
        Arguments.of("13 RTX 4090: 660.6 x 8 = 5285, consumer", TestChips.RTX4090, "not 3A090", "3A090.a.1 (non-datacenter)"),
        Arguments.of("14 RTX 4090 D: 4707, consumer", TestChips.RTX4090D, "not 3A090", "not 3A090"),
        Arguments.of("15 MI250X: 383 x 16 = 6128, IF 800", TestChips.MI250X, "3A090 (2022 text)", "3A090.a.1"),
        Arguments.of("16 MI325X: 2614.9 x 8 = 20919", TestChips.MI325X, "3A090 (2022 text)", "3A090.a.1"),
        Arguments.of("21 TPU v5e: 197 x 16 = 3152, PD 9.70", TestChips.TPU_V5E, "not 3A090", "3A090.a.2"));
  }

  @ParameterizedTest(name = "B.6 #{0}")
  @MethodSource("workedExamples")
  void classify_workedExamples_matchReferenceB6(String example, Chip chip, String oct2022, String oct2023) {
    assertThat(label(chip, OCT_2022_RULE)).as("Oct 2022 rule").isEqualTo(oct2022);
    assertThat(label(chip, OCT_2023_RULE)).as("Oct 2023 rule").isEqualTo(oct2023);
  }

  @Test
  @DisplayName("B.6 #6: the H20 fails every 3A090 paragraph, and the reason names each failing test")
  void classify_h20_reasonNamesEveryFailingParagraph() {
    Classification c = EC.classify(TestChips.H20, OCT_2023_RULE);
    assertThat(c.reasons()).last().satisfies(r -> {
      assertThat(r.rule()).isEqualTo("R2023");
      assertThat(r.text()).contains("3A090.a.1 fails (TPP 2368 < 4800)", "3A090.a.2 fails (performance density 2.91 < 5.92)",
          "3A090.b.1 fails (TPP 2368 < 2400)", "3A090.b.2 fails (performance density 2.91 < 3.2)");
      assertThat(r.citation()).contains("FR Doc 2023-23055");
    });
    // 2368 / 814 = 2.909...
    assertThat(c.facts().performanceDensity().orElseThrow().nominal()).isCloseTo(2368.0 / 814, org.assertj.core.data.Offset.offset(1e-9));
  }

  @ParameterizedTest(name = "TPP {0}, PD {1} (die {2} mm²) -> {3}")
  @CsvSource({
      // TPP thresholds: a.1 at 4800, a.2/b.2 at 1600, b.1 at 2400. Die areas give PD = TPP / die.
      "4800, 4.8, 1000, 3A090.a.1",          // TPP exactly 4800
      "4799, 4.799, 1000, 3A090.b.1",        // just below: 2400 <= TPP < 4800 and 1.6 <= PD < 5.92
      "2400, 1.6, 1500, 3A090.b.1",          // TPP exactly 2400 and PD exactly 1.6
      "2399, 1.5993, 1500, not 3A090",  // TPP 2399 < 2400, PD < 3.2
      "1600, 3.2, 500, 3A090.b.2",           // TPP exactly 1600 and PD exactly 3.2
      "1599, 3.198, 500, not 3A090",    // TPP just below 1600
      "5920, 5.92, 1000, 3A090.a.1",         // TPP >= 4800 wins first
      "2960, 5.92, 500, 3A090.a.2",          // PD exactly 5.92 with TPP >= 1600
      "2959, 5.918, 500, 3A090.b.1",         // PD just below 5.92, TPP >= 2400
      "2000, 3.2, 625, 3A090.b.2",           // TPP < 2400 but PD exactly 3.2
      "2000, 3.1949, 626, not 3A090",   // PD just below 3.2 and TPP < 2400
      "3000, 1.6, 1875, 3A090.b.1",          // PD exactly 1.6
      "3000, 1.5992, 1876, not 3A090"}) // PD just below 1.6
  void classify_thresholdBoundaries_orMoreIsInclusive(double tpp, double pd, double die, String expected) {
    assertThat(tpp / die).isCloseTo(pd, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(label(TestChips.tppChip(tpp, die, Market.DATACENTER), OCT_2023_RULE)).isEqualTo(expected);
  }

  @Test
  void classify_nonDatacenterBelow4800_isNotControlledEvenWithHighDensity() {
    // R21: non-datacenter chips are controlled only at TPP >= 4800.
    assertThat(label(TestChips.tppChip(4799, 100.0, Market.CONSUMER), OCT_2023_RULE)).isEqualTo("not 3A090");
    assertThat(label(TestChips.tppChip(4800, 100.0, Market.CONSUMER), OCT_2023_RULE)).isEqualTo("3A090.a.1 (non-datacenter)");
  }

  @Test
  @DisplayName("B.6 #22: TPU v4 without a die area could be .a.2, .b.1, .b.2 or not controlled; the die area decides")
  void classify_unknownDieArea_listsCandidatesAndDecidingFact() {
    Classification c = EC.classify(TestChips.TPU_V4, OCT_2023_RULE);
    assertThat(c.certain()).isFalse();
    assertThat(c.candidates()).extracting(Classification.Candidate::label)
        .containsExactly("3A090.a.2", "3A090.b.1", "3A090.b.2", "not 3A090");
    assertThat(c.decidingFacts()).containsExactly("applicable die area (unknown)");
    // B.6 #22: .a.2 iff die <= 743 mm² (4400 / 5.92 = 743.2).
    assertThat(c.candidates().get(0).conditions()).singleElement().asString().contains("die area <= 743.2 mm²");
    assertThat(c.label()).startsWith("3A090.a.2 (most restrictive of:");
  }

  @Test
  @DisplayName("A TPP range across 4800 leaves .a.1 open and says the range decides")
  void classify_tppRangeStraddlingThreshold_isUncertain() {
    Chip c = TestChips.chip("range").range(chipmix.catalog.Metric.TPP_REPORTED, 4000, 5000, "S01")
        .with(chipmix.catalog.Metric.DIE_AREA, 1000, "S01").build();
    Classification k = EC.classify(c, OCT_2023_RULE);
    assertThat(k.candidates()).extracting(Classification.Candidate::label).first().isEqualTo("3A090.a.1");
    assertThat(k.certain()).isFalse();
    assertThat(k.decidingFacts()).anyMatch(f -> f.startsWith("TPP (range 4000-5000)"));
  }

  @Test
  @DisplayName("B.6 #25: Ascend 910B's TPP range 5120-6016 is wholly above 4800, so .a.1 is certain")
  void classify_tppRangeAboveThreshold_isCertain() {
    Classification k = EC.classify(TestChips.ASCEND_910B, OCT_2023_RULE);
    assertThat(k.certain()).isTrue();
    assertThat(k.label()).isEqualTo("3A090.a.1");
  }

  @Test
  @DisplayName("B.6 #29: MTT S4000 at TPP exactly 1600 with no die area: .a.2, .b.2 or not controlled")
  void classify_tppExactly1600UnknownDie_listsPdDependentCandidates() {
    Classification k = EC.classify(TestChips.MTT_S4000, OCT_2023_RULE);
    assertThat(k.candidates()).extracting(Classification.Candidate::label)
        .containsExactly("3A090.a.2", "3A090.b.2", "not 3A090");
    // .a.2 if die <= 270 mm² (1600 / 5.92 = 270.3); .b.2 if die <= 500 mm² (1600 / 3.2).
    assertThat(k.candidates().get(0).conditions()).anyMatch(s -> s.contains("die area <= 270.3 mm²"));
    assertThat(k.candidates().get(1).conditions()).anyMatch(s -> s.contains("die area <= 500 mm²"));
  }

  @Test
  void classify_regimeSwitchesOnEffectiveDate() {
    // R03 takes effect 2023-11-17; R01's text applies through 2023-11-16 (A800 NVLink 400 < 600).
    assertThat(label(TestChips.A800, LocalDate.of(2023, 11, 16))).isEqualTo("not 3A090");
    assertThat(label(TestChips.A800, LocalDate.of(2023, 11, 17))).isEqualTo("3A090.a.1");
  }

  @Test
  void classify_dateBeforeFirstRule_isInputErrorNamingTheDate() {
    assertThatThrownBy(() -> EC.classify(TestChips.H100, LocalDate.of(2022, 10, 6)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2022-10-06 is before the first AI-chip rule")
        .hasMessageContaining("2022-10-07");
  }
}
