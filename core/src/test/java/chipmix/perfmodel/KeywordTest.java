package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordTest {
  @Test
  void parse_ignoresCaseAndSurroundingSpace() {
    assertThat(Keyword.parse(MoeOverlap.class, "  Two-Batch ")).contains(MoeOverlap.TWO_BATCH);
    assertThat(Keyword.parse(ElementwiseKernels.class, "EAGER-FUSED-NORM")).contains(ElementwiseKernels.EAGER_FUSED_NORM);
  }

  @Test
  void parse_ofNullOrAnUnknownWordIsEmpty() {
    assertThat(Keyword.parse(DraftLaunch.class, null)).isEmpty();
    assertThat(Keyword.parse(DraftLaunch.class, "two-graphs")).isEmpty();
  }

  @Test
  void choices_listsEveryWordInDeclarationOrder() {
    assertThat(Keyword.choices(DraftLaunch.class)).isEqualTo("per-forward, one-graph, in-target, one-step");
    assertThat(ElementwiseKernels.choices()).isEqualTo("fused, eager, eager-fused-norm");
  }

  @Test
  void everyWordParsesBackToItsConstant() {
    for (MoeOverlap m : MoeOverlap.values()) {
      assertThat(MoeOverlap.parse(m.text())).contains(m);
    }
    for (GradientPrecision g : GradientPrecision.values()) {
      assertThat(GradientPrecision.parse(g.text())).contains(g);
    }
  }
}
