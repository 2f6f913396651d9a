package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decode GEMM size curve (a chip's serving entry, {@code decode_gemm_half_dim}) and the host time per sequence of
 * a stack without async scheduling (a recipe, {@code host_us_per_sequence}); docs/inference-model.md "Per-step model".
 */
class ServingStepMechanismsTest {
  private static final TransformerModel LLAMA70B = ModelPresets.find("llama3-70b").orElseThrow();
  private static final Workload W = new Workload(128, 2048, Precision.FP8, Precision.FP8);
  private static final ServingLayout TP8 = new ServingLayout(8, 8, 1);

  private static InferenceDevice mi300x() {
    Catalog catalog = CatalogLoader.bundled();
    return new InferenceDevice(HardwareProfiles.resolve(catalog, "mi300x", Optional.empty()),
        Calibrations.bundled().inferenceFor(catalog.chip("chip", "mi300x")));
  }

  /** The same serving entry with another decode GEMM half-size (empty: no curve). */
  private static InferenceDevice withHalf(InferenceDevice d, Optional<Calibrated> half) {
    InferenceCalibration s = d.serving();
    return new InferenceDevice(d.hardware(), new InferenceCalibration(s.chipIds(), s.calibrated(), s.decodeMemoryEfficiency(),
        s.forwardOverheadMs(), s.memoryReserveFraction(), s.prefillGemmEfficiency(), s.prefillAttentionEfficiency(),
        s.prefillAttentionHalfTokens(), half,
        s.steps(), s.defaultRecipe(), s.software(), s.note()), d.vendor(), d.stack());
  }

  /** The device's recipe with another host time per sequence (overlap scheduling kept off). */
  private static InferenceDevice withHost(InferenceDevice d, double hostUs) {
    ServingRecipe r = d.recipe();
    ServingRecipe other = new ServingRecipe(r.id(), r.name(), r.prefill(), r.graphs(), r.attention(),
        new ServingRecipe.Scheduling(r.scheduling().overlap(), hostUs), r.moe(), r.draftLaunch(), r.sources());
    return d.with(new ServingStack(other, d.stack().speculation()));
  }

  @Test
  void decodeGemmShare_isTheSameFlopsCubesSideOverItselfPlusTheHalfSize_andOneWithoutACurve() {
    InferenceDevice curve = withHalf(mi300x(), Optional.of(new Calibrated(2000, "test", chipmix.catalog.Confidence.LOW)));
    double d = Math.cbrt(3200.0 * 1280 * 8192);
    assertThat(curve.serving().decodeGemmShare(3200, 1280, 8192)).isCloseTo(d / (d + 2000), within(1e-12));
    // a larger GEMM comes closer to the ceiling
    assertThat(curve.serving().decodeGemmShare(3200, 7168, 8192)).isGreaterThan(curve.serving().decodeGemmShare(3200, 1280, 8192));
    InferenceDevice none = withHalf(mi300x(), Optional.empty());
    assertThat(none.serving().decodeGemmShare(3200, 1280, 8192)).isEqualTo(1.0);
  }

  @Test
  void bundledMi300xHalfSize_isTheCurveThroughAzuresTwoHipblasltFp8Cubes() {
    // Azure AI-benchmarking-guide, ND MI300X v5, hipBLASLt FP8: 4096^3 at 955.17 and 8192^3 at 1159.23 TFLOPS; the curve
    // m d / (d + h) through both: r = e(8192) / e(4096) = 2 (4096 + h) / (8192 + h), so h = 2 * 4096 (r - 1) / (2 - r)
    double r = 1159.23 / 955.17;
    double expected = 2 * 4096 * (r - 1) / (2 - r);
    InferenceCalibration s = mi300x().serving();
    assertThat(s.decodeGemmHalfDim()).isPresent();
    assertThat(s.decodeGemmHalfDim().get().value()).isCloseTo(expected, within(1.0));
    assertThat(s.decodeGemmShare(8192, 8192, 8192) / s.decodeGemmShare(4096, 4096, 4096)).isCloseTo(r, within(1e-3));
    // the default (NVIDIA kernel classes) gives no curve: decode GEMMs there stay at the ceiling
    assertThat(Calibrations.bundled().inferenceFallback().decodeGemmHalfDim()).isEmpty();
  }

  @Test
  void decodeGemmSlowdown_isTheFlopWeightedMeanOverTheLayersGemmShapes() {
    InferenceDevice dev = mi300x();
    InferenceCalibration s = dev.serving();
    double rows = 3200;
    // Llama 3 70B at TP 8: QKV 8192 -> (64 + 2 * 8) * 128 / 8, output 64 * 128 / 8 -> 8192, gate and up 8192 -> 2 * 28672 / 8,
    // down 28672 / 8 -> 8192; each weighted by its parameters (FLOPs per row)
    double h = 8192;
    double[][] gemms = {
        {h * 80 * 128, 80.0 * 128 / 8, h},
        {64.0 * 128 * h, h, 64.0 * 128 / 8},
        {2 * h * 28672, 2 * 28672.0 / 8, h},
        {h * 28672, h, 28672.0 / 8}};
    double flops = 0;
    double time = 0;
    for (double[] g : gemms) {
      flops += g[0];
      time += g[0] / s.decodeGemmShare(rows, g[1], g[2]);
    }
    assertThat(InferenceModel.decodeGemmSlowdown(dev, LLAMA70B, TP8, rows)).isCloseTo(time / flops, within(1e-9));
    assertThat(InferenceModel.decodeGemmSlowdown(withHalf(dev, Optional.empty()), LLAMA70B, TP8, rows)).isEqualTo(1.0);
  }

  @Test
  void decodeGemmCurve_slowsALargeBatchsComputeButNotAMemoryBoundSmallBatch() {
    InferenceDevice curve = mi300x();
    InferenceDevice none = withHalf(curve, Optional.empty());
    StepTime large = InferenceModel.decodeStep(curve, LLAMA70B, TP8, W, 3200);
    StepTime largeNone = InferenceModel.decodeStep(none, LLAMA70B, TP8, W, 3200);
    // the layer GEMMs' FLOPs per device at 3200 rows, at the ceiling: their extra time is (slowdown - 1) of that
    double peak = curve.hardware().peak(Precision.FP8).flopsPerSecond() * curve.hardware().calibration().gemmMaxEfficiency().value();
    double layerFlops = 3200 * 2 * (LLAMA70B.activeMatmulParams() - InferenceModel.headParams(LLAMA70B)) / 8;
    double extraLayers = layerFlops / peak * (InferenceModel.decodeGemmSlowdown(curve, LLAMA70B, TP8, 3200) - 1);
    // and the LM head (BF16, vocabulary-parallel) on the same curve at its own shape
    double ceiling = curve.hardware().calibration().gemmMaxEfficiency().value();
    double headFlops = 3200 * 2 * InferenceModel.headParams(LLAMA70B) / 8;
    double extraHead = headFlops / (curve.hardware().peak(Precision.BF16).flopsPerSecond() * ceiling)
        * (1 / curve.serving().decodeGemmShare(3200, LLAMA70B.vocab() / 8.0, LLAMA70B.hidden()) - 1);
    assertThat(extraLayers).isPositive();
    assertThat(large.compute().seconds() - largeNone.compute().seconds())
        .isCloseTo(extraLayers + extraHead, within(1e-9 * large.compute().seconds()));
    // at batch 1 every kernel class is bound by its bytes: the curve does not move the pass
    assertThat(InferenceModel.decodeStep(curve, LLAMA70B, TP8, W, 1).total().seconds())
        .isCloseTo(InferenceModel.decodeStep(none, LLAMA70B, TP8, W, 1).total().seconds(), within(1e-12));
  }

  @Test
  void vllmStep_paysTheHostTimeOfEverySequence_aRecipeWithoutItDoesNot() {
    InferenceDevice vllm = mi300x();
    assertThat(vllm.recipe().id()).isEqualTo("vllm");
    double hostUs = vllm.recipe().scheduling().hostUsPerSequence();
    assertThat(hostUs).isPositive();
    InferenceDevice without = withHost(vllm, 0);
    for (int batch : new int[] {1, 256, 3200}) {
      double with = InferenceModel.decodeStep(vllm, LLAMA70B, TP8, W, batch).overhead().seconds();
      double plain = InferenceModel.decodeStep(without, LLAMA70B, TP8, W, batch).overhead().seconds();
      assertThat(with - plain).as("batch " + batch).isCloseTo(hostUs * 1e-6 * batch, within(1e-12));
    }
    // prefill of several prompts in one pass pays it per prompt too
    double p = InferenceModel.prefill(vllm, LLAMA70B, TP8, W, 100).overhead().seconds()
        - InferenceModel.prefill(without, LLAMA70B, TP8, W, 100).overhead().seconds();
    assertThat(p).isCloseTo(hostUs * 1e-6 * 100, within(1e-12));
    // SGLang overlaps its scheduler with the previous step: no such time
    assertThat(ServingRecipes.find("recipe", "sglang").scheduling().hostUsPerSequence()).isZero();
  }

  @Test
  void hostTimePerSequence_withOverlapSchedulingOrNegative_isRejectedNamingTheSetting() {
    ServingRecipe r = ServingRecipes.find("recipe", "sglang");
    assertThatThrownBy(() -> new ServingRecipe.Scheduling(true, 10))
        .hasMessageContaining("host_us_per_sequence 10").hasMessageContaining("overlap_schedule: false");
    assertThatThrownBy(() -> new ServingRecipe.Scheduling(false, -1))
        .hasMessageContaining("host_us_per_sequence").hasMessageContaining("-1");
    assertThat(r.describe()).doesNotContain("us per sequence");
    assertThat(ServingRecipes.find("recipe", "vllm").describe()).contains("host 13.7 us per sequence per step");
  }

  @Test
  void weightKernelsPerPass_countsTheWeightStreamingGemmsDecodeCounts_perLayerKind() {
    // DeepSeek-V3's config: 61 layers, the first 3 dense (first_k_dense_replace), 58 MoE layers with one shared expert
    TransformerModel dsv3 = ModelPresets.find("deepseek-v3").orElseThrow();
    assertThat(InferenceModel.weightKernelsPerPass(dsv3)).isEqualTo(4.0 * 61 + 2.0 * 3 + (2.0 + 2.0) * 58);
    // Llama 3 70B: 80 dense layers, four projections and two FFN GEMMs each
    assertThat(InferenceModel.weightKernelsPerPass(LLAMA70B)).isEqualTo((4.0 + 2.0) * 80);
  }

  @Test
  void shortPromptPrefill_paysEveryWeightKernelsLatencyOnTopOfTheWeightRead() {
    InferenceDevice d = mi300x();
    Workload shortPrompt = new Workload(16, 1, Precision.FP8, Precision.FP8);
    double memory = InferenceModel.prefill(d, LLAMA70B, TP8, shortPrompt, 1).memory().seconds();
    double bw = d.hardware().memoryBandwidth().bytesPerSecond() * d.serving().decodeMemoryEfficiency().value();
    double bytes = InferenceModel.layerWeightsPerDevice(LLAMA70B, TP8, Precision.FP8)
        + InferenceModel.headBytesPerDevice(LLAMA70B, TP8) + 16.0 * LLAMA70B.hidden() * 2;
    double latency = ((4.0 + 2.0) * 80 + 1) * d.serving().steps().kernelLatencyUs().value() * 1e-6;
    assertThat(memory).isCloseTo(bytes / bw + latency, within(1e-12));
  }
}
