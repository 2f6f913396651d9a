package chipmix.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Derived figures against hand-computed values from chips-and-rules.md (B.1 formulas, B.6 table). */
class ChipFiguresTest {
  private static final Catalog CATALOG = CatalogLoader.bundled();

  private static Spec tpp(String id) {
    return ChipFigures.tpp(CATALOG.chip("", id)).orElseThrow();
  }

  @Test
  void tpp_h100IsFp8RateTimesEightBits() {
    // B.6 #3: 1979 x 8 = 15832 (S01, S02).
    assertThat(tpp("h100-sxm").nominal()).isEqualTo(1979 * 8);
  }

  @Test
  void tpp_h20IsFp8RateTimesEightBits() {
    // B.6 #6: 296 x 8 = 2368.
    assertThat(tpp("h20").nominal()).isEqualTo(296 * 8);
  }

  @Test
  void performanceDensity_h20IsTppOverGh100DieArea() {
    // B.6 #6: 2368 / 814 = 2.91.
    Spec pd = ChipFigures.performanceDensity(CATALOG.chip("", "h20")).orElseThrow();
    assertThat(pd.nominal()).isCloseTo(2368.0 / 814, within(1e-9));
    assertThat(pd.nominal()).isCloseTo(2.91, within(0.005));
  }

  @Test
  void tpp_a100IsTheMaximumOverPrecisions() {
    // B.6 #1: 624 x 8 = 4992 = 312 x 16; PD 4992 / 826 = 6.04.
    Chip a100 = CATALOG.chip("", "a100");
    assertThat(ChipFigures.tpp(a100).orElseThrow().nominal()).isEqualTo(4992);
    assertThat(ChipFigures.performanceDensity(a100).orElseThrow().nominal()).isCloseTo(6.04, within(0.005));
  }

  @Test
  void tpp_takesTheHighestPrecisionProduct() {
    // B.6 #4: H100 PCIe BF16 756 x 16 = 12096 < FP8 1513 x 8 = 12104.
    assertThat(tpp("h100-pcie").nominal()).isEqualTo(1513 * 8);
    // B.6 #15: MI250X has no FP8: 383 x 16 = 6128.
    assertThat(tpp("mi250x").nominal()).isEqualTo(383 * 16);
    // B.6 #13: RTX 4090 660.6 x 8 = 5284.8 (S01), not BF16 165 x 16.
    assertThat(tpp("rtx-4090").nominal()).isCloseTo(660.6 * 8, within(1e-9));
  }

  @Test
  void tpp_ascend910bCarriesTheRangeOfItsInputs() {
    // B.6 #25: 320 x 16 = 5120 to 376 x 16 = 6016.
    Spec t = tpp("ascend-910b");
    assertThat(t.nominal()).isEqualTo(320 * 16);
    assertThat(t.low()).isEqualTo(320 * 16);
    assertThat(t.high()).isEqualTo(376 * 16);
    assertThat(t.isRange()).isTrue();
    assertThat(t.confidence()).isEqualTo(Confidence.LOW);
  }

  /** Every TPP worked out in chips-and-rules.md B.6 (rate x bit length, or the published figure). */
  @ParameterizedTest(name = "{0}: {1} x {2} (B.6 {3})")
  @CsvSource({
      "a100-40gb-sxm, 624, 8, #1",
      "a100-80gb-pcie, 624, 8, #1",
      "a800-sxm, 624, 8, #2",
      "h100-sxm, 1979, 8, #3",
      "h100-pcie, 1513, 8, #4",
      "h800-sxm, 1979, 8, #5",
      "h800-pcie, 1513, 8, #5",
      "h20, 296, 8, #6",
      "h200, 1979, 8, #7",
      "b200, 4500, 8, #8",
      "gb200, 5000, 8, #9",
      "l40s, 733, 8, #10",
      "l20, 239, 8, #11",
      "l2, 193, 8, #12",
      "rtx-4090, 660.6, 8, #13",
      "rtx-4090-d, 4707, 1, #14 (published)",
      "mi250x, 383, 16, #15",
      "mi300x, 2614.9, 8, #16",
      "mi325x, 2614.9, 8, #16",
      "gaudi3, 1835, 16, #18",
      "gaudi2, 450, 16, #19",
      "tpu-v5p, 459, 16, #20",
      "tpu-v5e, 197, 16, #21",
      "tpu-v4, 275, 16, #22",
      "trainium2, 667, 16, #23",
      "trainium, 190, 16, #24",
      "ascend-910b, 320, 16, #25",
      "ascend-910, 256, 16, #27",
      "biren-br100, 2048, 8, #28",
      "mtt-s4000, 200, 8, #29",
      "ascend-950pr, 1000, 8, A.4 (calc)",
  })
  void tpp_matchesTheReferenceWorkedExamples(String id, double rate, int bits, String row) {
    assertThat(tpp(id).nominal()).isCloseTo(rate * bits, within(1e-6));
  }

  /** Performance densities worked out in chips-and-rules.md B.6, to the two decimals given there. */
  @ParameterizedTest(name = "{0}: PD {1} (B.6 {2})")
  @CsvSource({
      "a100-80gb-sxm, 6.04, #1",
      "h100-sxm, 19.45, #3",
      "h100-pcie, 14.87, #4",
      "h20, 2.91, #6",
      "l40s, 9.63, #10",
      "l20, 3.14, #11",
      "rtx-4090, 8.68, #13",
      "mi300x, 20.57, #16",
      "tpu-v5e, 9.70, #21",
      "biren-br100, 15.26, #28",
  })
  void performanceDensity_matchesTheReferenceWorkedExamples(String id, double pd, String row) {
    Spec s = ChipFigures.performanceDensity(CATALOG.chip("", id)).orElseThrow();
    assertThat(s.nominal()).isCloseTo(pd, within(0.005));
  }

  @Test
  void performanceDensity_mi250xSpansTheTwoDieAreaEstimates() {
    // B.6 #15: 6128 / 1580 = 3.88 to 6128 / (2 x 724) = 4.23.
    Spec pd = ChipFigures.performanceDensity(CATALOG.chip("", "mi250x")).orElseThrow();
    assertThat(pd.low()).isCloseTo(6128.0 / 1580, within(1e-9));
    assertThat(pd.high()).isCloseTo(6128.0 / (2 * 724), within(1e-9));
  }

  @Test
  void tpp_doesNotCountTf32() {
    // B.6 #23: Trainium2 667 x 16 = 10672 although its TF32 rate is also 667 (S10);
    // B.6 #11: L20 239 x 8 = 1912 although TF32 59.8 x 32 would give 1913.6.
    assertThat(tpp("trainium2").nominal()).isEqualTo(667 * 16);
    assertThat(tpp("l20").nominal()).isEqualTo(239 * 8);
  }

  @Test
  void tpp_fallsBackToThePublishedTppWithoutComputeRates() {
    // B.6 #14: RTX 4090 D TPP 4707 (S12); PD ~7.7 if the die is 609 mm2.
    Chip d = CATALOG.chip("", "rtx-4090-d");
    assertThat(ChipFigures.tpp(d).orElseThrow().nominal()).isEqualTo(4707);
    assertThat(ChipFigures.performanceDensity(d).orElseThrow().nominal()).isCloseTo(4707.0 / 609, within(1e-9));
  }

  @Test
  void tpp_absentWhenNothingIsKnown() {
    assertThat(ChipFigures.tpp(CATALOG.chip("", "mi308x"))).isEmpty();
    assertThat(ChipFigures.performanceDensity(CATALOG.chip("", "ascend-910b"))).as("die area unknown").isEmpty();
  }

  @Test
  void derivedFigures_fromHandBuiltChip() {
    Map<Metric, Spec> specs = new EnumMap<>(Metric.class);
    specs.put(Metric.BF16, Spec.exact(100, "T1", Confidence.HIGH));
    specs.put(Metric.MEMORY_BANDWIDTH, new Spec(2, 1, 4, List.of("T2"), Confidence.MEDIUM, ""));
    specs.put(Metric.TDP, Spec.exact(500, "T1", Confidence.HIGH));
    specs.put(Metric.PRICE, Spec.exact(20000, "T3", Confidence.LOW));
    Chip c = new Chip("test-chip", "Test", "Test chip", List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), "US", Market.DATACENTER, specs, List.of("T1"), "");

    // 100 TFLOP/s over 2 TB/s = 50 FLOP/byte; range 100/4 .. 100/1.
    Spec ridge = ChipFigures.ridgePoint(c).orElseThrow();
    assertThat(ridge.nominal()).isEqualTo(100.0 / 2);
    assertThat(ridge.low()).isEqualTo(100.0 / 4);
    assertThat(ridge.high()).isEqualTo(100.0 / 1);
    assertThat(ridge.sources()).containsExactly("T1", "T2");
    assertThat(ridge.confidence()).isEqualTo(Confidence.MEDIUM);
    // 100e3 GFLOP/s / 500 W = 200; / 20000 USD = 5.
    assertThat(ChipFigures.bf16GflopsPerWatt(c).orElseThrow().nominal()).isEqualTo(100e3 / 500);
    assertThat(ChipFigures.bf16GflopsPerDollar(c).orElseThrow().nominal()).isEqualTo(100e3 / 20000);
    assertThat(ChipFigures.bf16GflopsPerDollar(c).orElseThrow().confidence()).isEqualTo(Confidence.LOW);
    assertThat(ChipFigures.performanceDensity(c)).as("no die area").isEmpty();
    assertThat(ChipFigures.tpp(c).orElseThrow().nominal()).isEqualTo(100 * 16);
  }

  @Test
  void tpp_everyStoredChipAgreesWithItsPublishedTppWhereBothExist() {
    // Where the reference gives a published TPP and compute rates, the computed maximum must lie
    // within 0.1% of the published figure (S01 rounds, e.g. A800 4988.8 vs 4992).
    for (Chip c : CATALOG.chips()) {
      Optional<Spec> reported = c.spec(Metric.TPP_REPORTED);
      Optional<Spec> computed = ChipFigures.tpp(c);
      if (reported.isPresent() && computed.isPresent()) {
        double r = reported.get().nominal();
        assertThat(computed.get().nominal()).as(c.id()).isCloseTo(r, within(r * 0.001));
      }
    }
  }
}
