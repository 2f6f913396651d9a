package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.testing.TestChips;
import org.junit.jupiter.api.Test;

class TrainingCostModelTest {
  final TransformerModel gpt = ModelPresets.find("megatron-gpt-145.6b").orElseThrow();
  final Hardware a100 = TestChips.hardware("a100");

  @Test
  void modelStates_followZeroBytesPerParameter() {
    // ZeRO §3.1 / Megatron: 18 bytes per parameter unsharded, 6 + 12/d with the distributed optimizer.
    TrainingCostModel c = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512));
    double none = c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.NONE);
    double dist = c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.DIST_OPT);
    double z3 = c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.ZERO3);
    assertThat(dist / none).isCloseTo((6 + 12.0 / 16) / 18, withPercentage(1e-9));
    assertThat(z3 / none).isCloseTo((16.0 / 16) / 18, withPercentage(1e-9));
    assertThat(none).isCloseTo(gpt.totalParams() / 8 * 18, withPercentage(1));
  }

  @Test
  void activations_selectiveWithSequenceParallel_areKorthikanti34sbhOverT() {
    // Korthikanti Eq. 6 per layer: 34·s·b·h/t bytes; first stage holds p in-flight micro-batches (Eq. 5).
    TrainingCostModel c = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512).withFlashAttention(false));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    int t = 8, p = 4, b = 1;
    c.evaluate(t, p, 16, 1, 1, 1, b, Recompute.SELECTIVE, Sharding.NONE, out);
    double layersPerStage = 80.0 / p;
    double expected = 34.0 * 2048 * b * 12288 / t * layersPerStage * p;
    assertThat(out[TrainingCostModel.M_ACTIVATIONS]).isCloseTo(expected, withPercentage(1e-9));
  }

  @Test
  void activations_noRecomputeWithoutFusedAttention_addFiveAsOverH() {
    // Korthikanti Eq. 4: s·b·h/t·(34 + 5·a·s/h)
    TrainingCostModel c = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512).withFlashAttention(false));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    c.evaluate(8, 1, 64, 1, 1, 1, 1, Recompute.NONE, Sharding.NONE, out);
    double s = 2048, h = 12288, a = 96, t = 8;
    double expected = s * h / t * (34 + 5 * a * s / h) * 80;
    assertThat(out[TrainingCostModel.M_ACTIVATIONS]).isCloseTo(expected, withPercentage(1e-9));
  }

  @Test
  void bubble_is_pMinus1_over_v_microBatchTimes() {
    // Narayanan §2.2: bubble = (p−1)/v x per-micro-batch time.
    TrainingCostModel c = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    c.evaluate(8, 8, 8, 1, 1, 2, 1, Recompute.FULL, Sharding.NONE, out);
    double m = out[TrainingCostModel.MICRO_BATCHES];
    double perMb = 0;
    for (int i = TrainingCostModel.T_GEMM; i <= TrainingCostModel.T_PP_COMM; i++) {
      perMb += out[i];
    }
    perMb /= m;
    assertThat(out[TrainingCostModel.T_BUBBLE]).isCloseTo(7.0 / 2 * perMb, withPercentage(1e-9));
  }

  @Test
  void hardwareFlops_withFullRecompute_addOneForwardPass() {
    TrainingCostModel c = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    c.evaluate(8, 8, 8, 1, 1, 1, 1, Recompute.FULL, Sharding.NONE, out);
    double tokens = 512.0 * 2048;
    double expected = tokens * (gpt.modelFlopsPerToken(2048) + gpt.forwardFlopsPerToken(2048) - 2.0 * 51200 * 12288);
    assertThat(out[TrainingCostModel.HW_FLOPS_PER_STEP]).isCloseTo(expected, withPercentage(1e-9));
  }

  @Test
  void uncalibratedChip_usesDefaultAndSaysSo() {
    var chip = TestChips.CATALOG.chip("--chip", "h800");
    Hardware hw = Hardware.of(chip, TestChips.CATALOG.defaultSystemFor(chip).orElseThrow(), Calibrations.bundled().forChip(chip));
    assertThat(hw.calibration().calibrated()).isFalse();
    assertThat(hw.calibration().note()).isEqualTo("uncalibrated: default efficiencies");
  }

  @Test
  void fp8_speedsUpGemmsOnly() {
    TrainingCostModel bf16 = new TrainingCostModel(gpt, TestChips.hardware("h100"), TrainingOptions.of(2048, 512));
    TrainingCostModel fp8 = new TrainingCostModel(gpt, TestChips.hardware("h100"), TrainingOptions.of(2048, 512).withPrecision(Precision.FP8));
    double[] a = new double[TrainingCostModel.OUT_SIZE];
    double[] b = new double[TrainingCostModel.OUT_SIZE];
    bf16.evaluate(8, 8, 8, 1, 1, 1, 1, Recompute.NONE, Sharding.DIST_OPT, a);
    fp8.evaluate(8, 8, 8, 1, 1, 1, 1, Recompute.NONE, Sharding.DIST_OPT, b);
    // FP8 dense peak is 1979 vs 989.4 TFLOP/s (H100 datasheet)
    assertThat(b[TrainingCostModel.T_GEMM]).isCloseTo(a[TrainingCostModel.T_GEMM] * 989.4 / 1979, withPercentage(1e-6));
    assertThat(b[TrainingCostModel.T_ATTENTION]).isEqualTo(a[TrainingCostModel.T_ATTENTION]);
  }
}
