package chipmix.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.CatalogLoader;
import chipmix.published.PublishedCase;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The accuracy report of `chipmix validate` on the bundled catalog, calibration, cases and fit spec. */
class AccuracyTest {
  static Accuracy.Report report;

  @BeforeAll
  static void run() {
    report = Accuracy.bundled(CatalogLoader.bundled(), true, true);
  }

  static List<Accuracy.Row> family(String f) {
    return report.rows().stream().filter(r -> r.family().equals(f)).toList();
  }

  @Test
  void everyCase_hasARoleAndFamily_andOneRowPerCase() {
    assertThat(report.rows()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.role()).isNotNull();
      assertThat(r.family()).matches(PublishedCase.FAMILY);
    });
    assertThat(report.rows()).extracting(Accuracy.Row::id).doesNotHaveDuplicates();
  }

  @Test
  void familyWithoutFitCases_crossValidatedEqualsInSample() {
    // nothing is fitted to DeepSeek-V3 or SGLang, so leaving them out changes no constant
    for (String f : List.of("deepseek-v3-h800", "sglang-h100")) {
      assertThat(family(f)).isNotEmpty().allSatisfy(r -> assertThat(r.crossValidated()).isEqualTo(r.inSample()));
      assertThat(report.families()).filteredOn(s -> s.family().equals(f)).singleElement()
          .satisfies(s -> assertThat(s.refitted()).isFalse());
    }
  }

  @Test
  void familyWithFitCases_isRefittedWithoutThem() {
    // the Megatron-Core cases are the only H100 fit cases: without them the H100 takes the default, so every row moves
    assertThat(family("megatron-core-h100")).hasSize(9).allSatisfy(r -> assertThat(r.crossValidated()).isNotEqualTo(r.inSample()));
    assertThat(report.families()).filteredOn(s -> s.family().equals("megatron-core-h100")).singleElement()
        .satisfies(s -> assertThat(s.refitted()).isTrue());
  }

  @Test
  void rolesIssue11Point6_sglangSelection_deepseekDevelopment() {
    assertThat(family("sglang-h100")).extracting(Accuracy.Row::role).containsOnly(PublishedCase.Role.SELECTION);
    assertThat(family("deepseek-v3-h800")).extracting(Accuracy.Row::role).containsOnly(PublishedCase.Role.DEVELOPMENT);
  }

  @Test
  void rolesMoetrain10_rowsThatRejectedTheGraphCostAreSelection_fresh2604RowsHoldoutAndEstimated() {
    // the two 26.02 B200 MoE rows chose between models (docs/validation.md, Roles); the 26.04.01 rows were run once, untouched
    List<Accuracy.Row> rejected = report.rows().stream()
        .filter(r -> List.of("mbridge2602-b200-qwen3-235b-a22b-mxfp8", "mbridge2602-b200-deepseek-v3-mxfp8").contains(r.id())).toList();
    assertThat(rejected).hasSize(2).extracting(Accuracy.Row::role).containsOnly(PublishedCase.Role.SELECTION);
    List<Accuracy.Row> fresh = report.rows().stream().filter(r -> r.id().startsWith("mbridge2604-")).toList();
    assertThat(fresh).hasSize(3).allSatisfy(r -> {
      assertThat(r.role()).as(r.id()).isEqualTo(PublishedCase.Role.HOLDOUT);
      assertThat(r.inSample()).as(r.id()).isInstanceOf(Accuracy.Estimated.class);
    });
  }

  @Test
  void runsAdded2024To2026_atLeastAThirdHoldout_andEveryOneEstimated() {
    List<Accuracy.Row> added = report.rows().stream()
        .filter(r -> chipmix.published.ValidationAccuracyTestFamilies.ADDED.contains(r.family())).toList();
    assertThat(added).hasSizeGreaterThanOrEqualTo(15);
    assertThat(added.stream().filter(r -> r.role() == PublishedCase.Role.HOLDOUT).count() * 3).isGreaterThanOrEqualTo(added.size());
    assertThat(added).allSatisfy(r -> assertThat(r.inSample()).as(r.id()).isInstanceOf(Accuracy.Estimated.class));
  }

  @Test
  void bundledFamiliesOf2021To2024_inSampleWithin10Percent_crossValidatedMedianUnder10() {
    for (String f : List.of("megatron-sc21-a100", "korthikanti-a100")) {
      Accuracy.FamilySummary s = report.families().stream().filter(x -> x.family().equals(f)).findFirst().orElseThrow();
      assertThat(s.inSample().maxAbsError()).as(f).isLessThanOrEqualTo(0.10);
      assertThat(s.crossValidated().medianAbsError()).as(f).isLessThanOrEqualTo(0.10);
    }
  }
}
