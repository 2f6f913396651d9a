package chipmix.published;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.testing.TestChips;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the model's errors on the published runs (calibration-cases.md). Predictions use each
 * source's own FLOP accounting. Constants are per chip; see calibration.yaml for which cases
 * were used to fit them (role: fit) and which were not (role: holdout).
 */
class ValidationAccuracyTest {
  static List<CaseResult> results;

  @BeforeAll
  static void run() {
    results = Validation.run(PublishedCases.bundled(), TestChips::hardware);
  }

  private static List<CaseResult> group(String prefix) {
    return results.stream().filter(r -> r.id().startsWith(prefix)).toList();
  }

  @Test
  void megatronSc21A100_everyRowWithin10Percent_medianUnder5() {
    List<CaseResult> g = group("sc21-a100-");
    assertThat(g).hasSize(10);
    assertThat(g).allSatisfy(r -> assertThat(Math.abs(r.error())).as(r.id() + " " + r.detail()).isLessThanOrEqualTo(0.10));
    assertThat(Validation.summarize(g).medianAbsError()).isLessThan(0.05);
  }

  @Test
  void megatronCoreH100_everyRowWithin10Percent_medianUnder5() {
    List<CaseResult> g = group("megatron-core-h100-");
    assertThat(g).hasSize(9);
    assertThat(g).allSatisfy(r -> assertThat(Math.abs(r.error())).as(r.id() + " " + r.detail()).isLessThanOrEqualTo(0.10));
    assertThat(Validation.summarize(g).medianAbsError()).isLessThan(0.05);
  }

  @Test
  void korthikantiA100_selectiveRecompute_within10PercentUpTo530B() {
    for (String id : List.of("korthikanti-a100-22b-selective", "korthikanti-a100-175b-selective",
        "korthikanti-a100-530b-selective")) {
      CaseResult r = Validation.find(results, id).orElseThrow();
      assertThat(Math.abs(r.error())).as(id + " " + r.detail()).isLessThanOrEqualTo(0.10);
    }
  }

  @Test
  void korthikantiA100_fullRecomputeBaselines_withinTheirTolerance() {
    for (String id : List.of("korthikanti-a100-22b-full", "korthikanti-a100-175b-full", "korthikanti-a100-530b-full",
        "korthikanti-a100-1t-full")) {
      CaseResult r = Validation.find(results, id).orElseThrow();
      assertThat(r.withinTolerance()).as(id + " " + r.detail() + " error " + r.error()).isTrue();
    }
  }

  @Test
  void korthikantiA100_1tSelective_knownGapPinned() {
    // Known gap (docs/training-model.md "Validation"): the memory model does not let 1T with
    // selective recompute interleave in 80 GB, so the full 1F1B bubble (63/512) is paid; predicted
    // +14% (validate table). Pinned so that a change in either direction shows.
    CaseResult r = Validation.find(results, "korthikanti-a100-1t-selective").orElseThrow();
    assertThat(r.error()).as(r.detail()).isBetween(0.10, 0.17);
  }

  @Test
  void deepseekV3_publishedLayout_withinTolerance_andPessimistic() {
    // 1e12 tokens / (180,000 H800 GPU-hours x 3600 s) = 1,543 tokens/s per GPU (DeepSeek-V3 report Table 1).
    CaseResult r = Validation.find(results, "deepseek-v3-h800-pretraining").orElseThrow();
    assertThat(r.published()).isCloseTo(1e12 / (180_000.0 * 3600), org.assertj.core.data.Offset.offset(1.0));
    // validate table: -12.8% (DualPipe's smaller bubble is not credited, H800 on default efficiencies)
    assertThat(r.error()).as(r.detail()).isBetween(-0.15, 0.0);
  }

  @Test
  void everyCase_citesASourceAndHasARole() {
    assertThat(PublishedCases.bundled()).allSatisfy(c -> {
      assertThat(c.source()).isNotBlank();
      assertThat(c.role()).isNotNull();
      assertThat(c.kind()).isEqualTo("training");
    });
  }
}
