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
  void korthikantiA100_iterationTime_smallAndMidModelsWithin10Percent() {
    for (String id : List.of("korthikanti-a100-22b-selective", "korthikanti-a100-175b-selective",
        "korthikanti-a100-22b-full", "korthikanti-a100-175b-full", "korthikanti-a100-1t-full")) {
      CaseResult r = Validation.find(results, id).orElseThrow();
      assertThat(Math.abs(r.error())).as(id + " " + r.detail()).isLessThanOrEqualTo(0.10);
    }
  }

  @Test
  void korthikantiA100_largePipelineRows_knownGapPinned() {
    // Known gap (docs/training-model.md "Validation"): 530B and 1T with selective recompute are
    // predicted 12-17% slower than published; pinned so that a change in either direction shows.
    for (String id : List.of("korthikanti-a100-530b-selective", "korthikanti-a100-1t-selective", "korthikanti-a100-530b-full")) {
      CaseResult r = Validation.find(results, id).orElseThrow();
      assertThat(r.error()).as(id + " " + r.detail()).isBetween(0.0, 0.18);
    }
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
