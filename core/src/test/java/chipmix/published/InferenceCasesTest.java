package chipmix.published;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.HardwareProfiles;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InferenceCasesTest {
  @Test
  void run_bundledCatalog_everyInferenceCaseWithinItsTolerance() {
    // Pangu Pro MoE (arXiv 2505.21411 Tables 5-6) and SGLang DeepSeek-V3 on H100 (LMSYS, 2025-05-05)
    Catalog catalog = CatalogLoader.bundled();
    List<CaseResult> results = InferenceCases.run(id -> HardwareProfiles.resolve(catalog, id, Optional.empty()));
    assertThat(results).hasSize(chipmix.perfmodel.InferenceValidation.bundledCases().size());
    assertThat(results).allSatisfy(r -> {
      assertThat(r.kind()).isEqualTo("inference");
      assertThat(r.withinTolerance()).as(r.id() + " " + r.detail())
          .isEqualTo(!chipmix.perfmodel.InferenceValidationTest.KNOWN_MISSES.contains(r.id()));
      assertThat(r.tolerance()).isEqualTo(0.30);
    });
    // the SGLang cases chose the H100 constants (issue #11 point 6): selection, not holdout
    assertThat(results).filteredOn(r -> r.role() == PublishedCase.Role.SELECTION).extracting(CaseResult::id)
        .containsExactly("sglang-dsv3-h100-prefill-ep32", "sglang-dsv3-h100-decode-ep72");
    assertThat(results).filteredOn(r -> r.role() == PublishedCase.Role.FIT).extracting(CaseResult::family)
        .containsOnly("pangu-910b", "lmsys-mtp-h200");
  }
}
