package chipmix.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.model.TransformerModel.AttentionKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransformerModelTest {
  private static TransformerModel preset(String name) {
    return ModelPresets.find(name).orElseThrow();
  }

  @Test
  void totalParams_megatronGpt_matchesNarayananEquation2() {
    // Narayanan et al. SC'21 Eq. 2: P = 12·l·h²·(1 + 13/(12h) + (V+s)/(12lh)); it counts biases
    // and learned position embeddings (s·h) that our Llama-style shape omits, so allow 0.5%.
    TransformerModel m = preset("megatron-gpt-145.6b");
    double l = 80, h = 12288, v = 51200, s = 2048;
    double eq2 = 12 * l * h * h * (1 + 13 / (12 * h) + (v + s) / (12 * l * h));
    assertThat(m.totalParams()).isCloseTo(eq2, withPercentage(0.5));
    assertThat(eq2 / 1e9).isCloseTo(145.6, within(0.1)); // Table 1 label
  }

  @Test
  void totalParams_llama3_matchesPublishedSizes() {
    // Llama 3 paper (arXiv 2407.21783): 8B, 70B, 405B; HF model cards give 8.03B and 70.6B.
    assertThat(preset("llama3-8b").totalParams() / 1e9).isCloseTo(8.03, within(0.01));
    assertThat(preset("llama3-70b").totalParams() / 1e9).isCloseTo(70.55, within(0.1));
    assertThat(preset("llama3-405b").totalParams() / 1e9).isCloseTo(405.8, within(0.5));
    assertThat(preset("llama2-7b").totalParams() / 1e9).isCloseTo(6.74, within(0.01));
  }

  @Test
  void params_mixtral_matchesPaper() {
    // Jiang et al. 2024 (arXiv 2401.04088): 46.7B total ("47B"), 12.9B active ("13B").
    TransformerModel m = preset("mixtral-8x7b");
    assertThat(m.totalParams() / 1e9).isCloseTo(46.7, within(0.1));
    assertThat(m.activeParams() / 1e9).isCloseTo(12.9, within(0.1));
  }

  @Test
  void params_deepseekV3_matchesReport() {
    // DeepSeek-V3 report (arXiv 2412.19437): 671B total, 37B activated per token (main model, MTP excluded).
    TransformerModel m = preset("deepseek-v3");
    assertThat(m.totalParams() / 1e9).isCloseTo(671, withPercentage(0.5));
    assertThat(m.activeParams() / 1e9).isCloseTo(37, withPercentage(2));
    assertThat(m.attentionKind()).isEqualTo(AttentionKind.MLA);
  }

  @Test
  void modelFlops_denseMha_isPalmSixNPlusTwelveLHQT() {
    // PaLM Appendix B: 6N + 12·L·H·Q·T.
    TransformerModel m = preset("gpt3-175b");
    int seq = 2048;
    double expected = 6 * m.totalParams() + 12.0 * 96 * 96 * 128 * seq;
    assertThat(m.modelFlopsPerToken(seq)).isCloseTo(expected, withPercentage(1e-9));
  }

  @Test
  void forwardFlops_megatronGpt_matchesKorthikantiModelFlopsOverThree() {
    // Korthikanti App. A: model FLOPs per iteration 72·B·s·l·h²(1 + s/6h + V/12lh) for fwd+bwd = 3 x forward.
    TransformerModel m = preset("megatron-gpt-1t");
    double l = 128, h = 25600, v = 51200, s = 2048;
    double perToken = 72 * l * h * h * (1 + s / (6 * h) + v / (12 * l * h));
    // Our count omits nothing the formula has; the formula omits norms (not matmuls), so equality is close.
    assertThat(3 * m.forwardFlopsPerToken((int) s)).isCloseTo(perToken, withPercentage(0.1));
  }

  @Test
  void kvCache_llama3_70b_isGqaFormula() {
    // DeepSeek-V2 §2.1.4: GQA caches 2·n_g·d_h·l elements; reference worked example 320 KiB for Llama-3-70B at bf16.
    TransformerModel m = preset("llama3-70b");
    assertThat(m.attentionKind()).isEqualTo(AttentionKind.GQA);
    assertThat(m.kvCacheBytesPerToken(2)).isEqualTo(2.0 * 8 * 128 * 80 * 2);
    assertThat(m.kvCacheBytesPerToken(2)).isEqualTo(320 * 1024.0);
  }

  @Test
  void kvCache_mlaAndMqa_followDeepSeekV2Table1() {
    TransformerModel v3 = preset("deepseek-v3");
    assertThat(v3.kvCacheElementsPerToken()).isEqualTo((512 + 64) * 61.0); // (d_c + d_h^R)·l
    TransformerModel mqa = TransformerModel.dense("mqa", 4, 1024, 16, 1, 4096, 1000, false, true, "test");
    assertThat(mqa.attentionKind()).isEqualTo(AttentionKind.MQA);
    assertThat(mqa.kvCacheElementsPerToken()).isEqualTo(2.0 * 64 * 4); // 2·d_h·l
    TransformerModel mha = TransformerModel.dense("mha", 4, 1024, 16, 16, 4096, 1000, false, true, "test");
    assertThat(mha.kvCacheElementsPerToken()).isEqualTo(2.0 * 16 * 64 * 4); // 2·n_h·d_h·l
  }

  @Test
  void activeParams_dense_equalsTotal() {
    TransformerModel m = preset("llama3-70b");
    assertThat(m.activeParams()).isEqualTo(m.totalParams());
  }

  @Test
  void constructor_absurdShape_listsEveryProblem() {
    assertThatThrownBy(() -> new TransformerModel("bad", 0, 4096, 32, 5, 128, 0, 32000, true, false,
        Optional.empty(), Optional.empty(), "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layers must be between 1 and")
        .hasMessageContaining("ffn_hidden must be between 1 and")
        .hasMessageContaining("kv_heads 5 must divide heads 32");
  }

  @Test
  void presets_everyPresetCitesASource() {
    assertThat(ModelPresets.all()).allSatisfy(m -> assertThat(m.source()).isNotBlank());
    assertThat(ModelPresets.names()).contains("megatron-gpt-1.7b", "megatron-gpt-1t", "gpt3-175b", "llama2-7b",
        "llama2-70b", "llama3-8b", "llama3-70b", "llama3-405b", "qwen2.5-72b", "mixtral-8x7b", "deepseek-v3");
  }
}
