package chipmix.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The presets of the open models Chinese AI companies train and serve reproduce the total and
 * active parameter counts their authors publish, so their shapes (taken from each config.json)
 * are read right. Published totals are rounded, and the counts here leave out MTP layers, so each
 * check allows a few percent.
 */
class ChineseOpenModelPresetsTest {
  private static TransformerModel preset(String name) {
    return ModelPresets.find(name).orElseThrow();
  }

  private static void assertBillions(double actual, double published, double relativeTolerance) {
    assertThat(actual / 1e9).isCloseTo(published, within(published * relativeTolerance));
  }

  @Test
  void qwen3_matchesTheParameterCountsOfTheQwen3Report() {
    // Qwen3 report (arXiv 2505.09388) Tables 1-2 and model cards: 8.2B, 32.8B, 30.5B/3.3B, 235B/22B.
    assertBillions(preset("qwen3-8b").totalParams(), 8.2, 0.02);
    assertBillions(preset("qwen3-32b").totalParams(), 32.8, 0.02);
    assertBillions(preset("qwen3-30b-a3b").totalParams(), 30.5, 0.02);
    assertBillions(preset("qwen3-30b-a3b").activeParams(), 3.3, 0.05);
    assertBillions(preset("qwen3-235b-a22b").totalParams(), 235, 0.02);
    assertBillions(preset("qwen3-235b-a22b").activeParams(), 22, 0.05);
  }

  @Test
  void kimiK2_matchesItsReportedTrillionTotalAnd32BActive() {
    // Kimi K2 report (arXiv 2507.20534) §2: 1.04T total, 32.6B activated parameters.
    assertBillions(preset("kimi-k2").totalParams(), 1040, 0.02);
    assertBillions(preset("kimi-k2").activeParams(), 32.6, 0.05);
  }

  @Test
  void glm45_matchesItsReported355BTotalAnd32BActive() {
    // GLM-4.5 report (arXiv 2508.06471): 355B total / 32B active; Air 106B / 12B. The MTP layer
    // (one more MoE layer) is part of the published totals but not of the preset, hence 4%. GLM
    // counts activated parameters without the embedding and output layers (2·V·h = 1.55B here).
    TransformerModel glm = preset("glm-4.5");
    TransformerModel air = preset("glm-4.5-air");
    assertBillions(glm.totalParams(), 355, 0.04);
    assertBillions(glm.activeParams() - glm.embeddingParams(), 32, 0.05);
    assertBillions(air.totalParams(), 106, 0.04);
    assertBillions(air.activeParams() - air.embeddingParams(), 12, 0.05);
  }

  @Test
  void deepSeekV31AndR1_shareDeepSeekV3sShape() {
    TransformerModel v3 = preset("deepseek-v3");
    for (String name : new String[] {"deepseek-v3.1", "deepseek-r1"}) {
      assertThat(preset(name).totalParams()).isEqualTo(v3.totalParams());
      assertThat(preset(name).modelFlopsPerToken(4096)).isEqualTo(v3.modelFlopsPerToken(4096));
    }
  }
}
