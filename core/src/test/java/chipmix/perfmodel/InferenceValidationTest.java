package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceValidationTest {
  @Test
  void bundledCases_predictionsWithin30PercentOfPublishedThroughput() {
    // Published figures: Pangu Pro MoE (arXiv 2505.21411) Tables 5-6; LMSYS SGLang large-scale EP blog (2025-05-05).
    List<InferenceValidation.Result> results = InferenceValidation.run(InferenceValidation.bundledCases(),
        InferenceFixtures.catalog(), Calibrations.bundled());
    assertThat(results).hasSizeGreaterThanOrEqualTo(5);
    results.forEach(r -> System.out.printf("%s predicted %.0f published %.0f error %+.1f%% %s%n", r.c().id(), r.predicted(),
        r.c().published(), 100 * r.error(), r.bound()));
    assertThat(results).allSatisfy(r -> assertThat(r.withinTolerance())
        .as("%s: predicted %.0f vs published %.0f", r.c().id(), r.predicted(), r.c().published()).isTrue());
  }

  @Test
  void bundledCases_withTheBundledCatalog_within30Percent() {
    List<InferenceValidation.Result> results = InferenceValidation.run(InferenceValidation.bundledCases(),
        chipmix.catalog.CatalogLoader.bundled(), Calibrations.bundled());
    results.forEach(r -> System.out.printf("bundled: %s predicted %.0f published %.0f error %+.1f%%%n", r.c().id(),
        r.predicted(), r.c().published(), 100 * r.error()));
    assertThat(results).allSatisfy(r -> assertThat(r.withinTolerance())
        .as("%s: predicted %.0f vs published %.0f", r.c().id(), r.predicted(), r.c().published()).isTrue());
  }

  @Test
  void bundledCases_publishedBatchesFitInMemory() {
    for (InferenceValidation.Case c : InferenceValidation.bundledCases()) {
      if (c.batch().isPresent()) {
        InferenceDevice dev = InferenceFixtures.device(InferenceFixtures.catalog().chip("chip", c.chip()));
        assertThat(InferenceModel.maxBatch(dev, chipmix.model.Models.resolve(c.model()), c.layout(), c.workload()))
            .as(c.id()).isGreaterThanOrEqualTo(c.batch().get());
      }
    }
  }

  @Test
  void bundledCases_everyCaseIsKindInferenceWithASource() {
    assertThat(InferenceValidation.bundledCases()).allSatisfy(c -> assertThat(c.source()).isNotBlank());
  }
}
