package chipmix.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.Calibration;
import chipmix.perfmodel.Calibrations;
import chipmix.published.PublishedCase;
import chipmix.published.PublishedCases;
import chipmix.published.TrainingCase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * train9 (issue #11): a chip with kernel benchmarks but none of its fit cases in a fit takes, per benchmarked constant, its
 * benchmark times the lowest fitted value / benchmark of the fitted chips, and the default for the rest.
 */
class TransferRuleTest {
  static final int GEMM = Calibrations.CONSTANTS.indexOf("gemm_max_efficiency");
  static final int ATTENTION = Calibrations.CONSTANTS.indexOf("attention_efficiency");
  static final int MEMORY = Calibrations.CONSTANTS.indexOf("memory_efficiency");
  static Catalog catalog;
  static FitSpec spec;

  @BeforeAll
  static void load() {
    catalog = CatalogLoader.bundled();
    spec = FitSpecs.bundled();
  }

  static FitSpec.ChipFit chip(String id, Map<String, FitSpec.Benchmark> benchmarks) {
    return new FitSpec.ChipFit(id, Map.of(), Set.of(), Set.of(), benchmarks);
  }

  static TrainingFit.ChipResult fitted(String id, double gemm) {
    double[] x = spec.start(chip(id, Map.of()));
    x[GEMM] = gemm;
    return new TrainingFit.ChipResult(id, java.util.Arrays.stream(x).boxed().toList(), 0.01, List.of("case"), 1);
  }

  @Test
  void transferred_gemmCeiling_isTheBenchmarkTimesTheLowestFittedRatio() {
    FitSpec.ChipFit a = chip("a100-80gb-sxm", Map.of("gemm_max_efficiency", new FitSpec.Benchmark(0.8, "a")));
    FitSpec.ChipFit b = chip("h100-sxm", Map.of("gemm_max_efficiency", new FitSpec.Benchmark(0.9, "b")));
    FitSpec.ChipFit target = chip("mi300x", Map.of("gemm_max_efficiency", new FitSpec.Benchmark(0.5, "c")));
    List<TrainingFit.ChipResult> results = List.of(fitted("a100-80gb-sxm", 0.72), fitted("h100-sxm", 0.6));
    Calibration fallback = TrainingFit.fallback(spec, results, List.of(a, b));
    Calibration out = TrainingFit.transferred(spec, target, results, List.of(a, b), fallback, catalog);
    // ratios 0.72 / 0.8 = 0.9 and 0.6 / 0.9 = 0.667: the lower one carries over
    assertThat(out.constants().get(GEMM).value()).isCloseTo(0.5 * Math.min(0.72 / 0.8, 0.6 / 0.9), within(1e-12));
    assertThat(out.calibrated()).isFalse();
    assertThat(out.chipIds()).containsExactly("mi300x");
  }

  @Test
  void transferred_constantWithoutABenchmark_isTheDefaults() {
    FitSpec.ChipFit a = chip("a100-80gb-sxm", Map.of("gemm_max_efficiency", new FitSpec.Benchmark(0.8, "a")));
    // the target's attention benchmark has no fitted counterpart, its memory efficiency no benchmark at all
    FitSpec.ChipFit target = chip("mi300x", Map.of("gemm_max_efficiency", new FitSpec.Benchmark(0.5, "c"),
        "attention_efficiency", new FitSpec.Benchmark(0.5, "c")));
    List<TrainingFit.ChipResult> results = List.of(fitted("a100-80gb-sxm", 0.72));
    Calibration fallback = TrainingFit.fallback(spec, results, List.of(a));
    Calibration out = TrainingFit.transferred(spec, target, results, List.of(a), fallback, catalog);
    assertThat(out.constants().get(ATTENTION).value()).isEqualTo(fallback.constants().get(ATTENTION).value());
    assertThat(out.constants().get(MEMORY).value()).isEqualTo(fallback.constants().get(MEMORY).value());
    assertThat(out.constants().get(GEMM).value()).isCloseTo(0.5 * 0.72 / 0.8, within(1e-12));
  }

  @Test
  void leavingTheH100FamilyOut_theH100TakesItsBenchmarksScaledByTheA100Fit() {
    List<TrainingCase> others = PublishedCases.bundled().stream().map(TrainingCase.class::cast)
        .filter(c -> !c.family().equals("megatron-core-h100")).toList();
    TrainingFit.Result r = TrainingFit.fit(spec, others, catalog, Calibrations.bundled());
    Calibration h100 = r.calibrations().forChip(catalog.chip("chip", "h100-sxm"));
    FitSpec.ChipFit h100Spec = spec.chips().stream().filter(c -> c.chip().equals("h100-sxm")).findFirst().orElseThrow();
    FitSpec.ChipFit a100Spec = spec.chips().stream().filter(c -> c.chip().equals("a100-80gb-sxm")).findFirst().orElseThrow();
    TrainingFit.ChipResult a100 = r.chips().stream().filter(c -> c.chipId().equals("a100-80gb-sxm")).findFirst().orElseThrow();
    assertThat(r.chips()).extracting(TrainingFit.ChipResult::chipId).doesNotContain("h100-sxm");
    assertThat(h100.calibrated()).isFalse();
    for (int k : new int[] {GEMM, ATTENTION}) {
      String key = Calibrations.CONSTANTS.get(k);
      double ratio = a100.values().get(k) / a100Spec.benchmarks().get(key).value();
      assertThat(h100.constants().get(k).value()).as(key).isCloseTo(h100Spec.benchmarks().get(key).value() * ratio, within(1e-12));
    }
    assertThat(h100.constants().get(MEMORY).value()).isEqualTo(r.calibrations().fallback().constants().get(MEMORY).value());
  }

  @Test
  void fitResult_transferred_isEverySpecChipWithBenchmarksButNoFitCases_uncalibrated() {
    TrainingFit.Result r = TrainingFit.fit(spec, PublishedCases.bundled().stream().map(TrainingCase.class::cast).toList(),
        catalog, Calibrations.bundled());
    List<String> fitted = r.chips().stream().map(TrainingFit.ChipResult::chipId).toList();
    List<String> expected = spec.chips().stream().filter(c -> !c.benchmarks().isEmpty())
        .map(c -> catalog.chip("chip", c.chip()).id()).filter(id -> !fitted.contains(id)).toList();
    assertThat(expected).isNotEmpty();
    assertThat(r.transferred()).flatExtracting(Calibration::chipIds).containsExactlyElementsOf(expected);
    assertThat(r.transferred()).allSatisfy(c -> assertThat(c.calibrated()).isFalse());
  }

  @Test
  void bundledFit_chipsWithFitCases_areFitted_theOthersTransferred() {
    List<TrainingCase> cases = PublishedCases.bundled().stream().map(TrainingCase.class::cast)
        .filter(c -> c.role() == PublishedCase.Role.FIT).toList();
    List<String> withCases = spec.chips().stream().map(FitSpec.ChipFit::chip)
        .filter(id -> cases.stream().anyMatch(c -> !spec.crossChipCase(c.id())
            && catalog.chip("chip", c.chip()).id().equals(catalog.chip("chip", id).id())))
        .toList();
    assertThat(withCases).isNotEmpty().hasSizeLessThan(spec.chips().size());
    for (FitSpec.ChipFit cf : spec.chips()) {
      Calibration c = Calibrations.bundled().forChip(catalog.chip("chip", cf.chip()));
      assertThat(c.calibrated()).as(cf.chip()).isEqualTo(withCases.contains(cf.chip()));
    }
  }
}
