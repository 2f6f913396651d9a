package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.testing.TestChips;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Framework recipes as data and the mechanisms they switch: causal attention, DualPipe, overlap contention, activations. */
class RecipeMechanismsTest {
  final TransformerModel llama70 = ModelPresets.find("llama3-70b").orElseThrow();
  final TransformerModel deepseek = ModelPresets.find("deepseek-v3").orElseThrow();
  final Hardware h100 = TestChips.hardware("h100");

  static Recipe recipe(String id) {
    return Recipes.bundled().find(id).orElseThrow();
  }

  static double[] run(TransformerModel m, Hardware hw, TrainingOptions o, int tp, int pp, int dp, int ep, int vpp, Recompute r,
      Sharding z) {
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    new TrainingCostModel(m, hw, o).evaluate(tp, pp, dp, 1, ep, vpp, 1, r, z, out);
    return out;
  }

  @Test
  void bundledRecipes_areTheSixFrameworks_andEverySettingHasASource() {
    assertThat(Recipes.bundled().ids()).containsExactlyInAnyOrder("megatron-2021", "megatron-core-2024", "megatron-bridge-2025",
        "torchtitan", "deepspeed", "mindspeed");
    for (Recipe r : Recipes.bundled().all()) {
      assertThat(r.citations().keySet()).as(r.id()).containsExactlyInAnyOrderElementsOf(Recipes.SETTINGS);
      r.citations().values().forEach(c -> assertThat(c.source()).as(r.id()).isNotBlank());
    }
  }

  @Test
  void defaultRecipe_isTheVendorsCurrentStack() {
    assertThat(Recipes.bundled().defaultFor("NVIDIA").id()).isEqualTo("megatron-bridge-2025");
    assertThat(Recipes.bundled().defaultFor("Huawei").id()).isEqualTo("mindspeed");
    assertThat(Recipes.bundled().defaultFor("AMD").id()).isEqualTo("megatron-core-2024");
  }

  @Test
  void recipes_carryTheFrameworksGradientPrecisionAndTpOverlap() {
    // Megatron-LM arguments.py forces FP32 reduction for BF16; Megatron-Bridge perf configs set grad_reduce_in_fp32 = False
    assertThat(recipe("megatron-core-2024").settings().numerics().gradientPrecision()).isEqualTo(GradientPrecision.FP32);
    assertThat(recipe("megatron-bridge-2025").settings().numerics().gradientPrecision()).isEqualTo(GradientPrecision.BF16);
    assertThat(recipe("megatron-bridge-2025").settings().communication().overlapTensorParallel()).isTrue();
    assertThat(recipe("megatron-2021").settings().communication().overlapTensorParallel()).isFalse();
    assertThat(recipe("torchtitan").settings().parallelism().shardingWithPipeline()).isTrue();
    assertThat(recipe("megatron-bridge-2025").settings().parallelism().shardings()).doesNotContain(Sharding.ZERO3);
  }

  @Test
  void explicitSetting_overridesTheRecipe_andIsNamed() {
    SettingOverrides fp32 = new SettingOverrides(Optional.empty(), Optional.empty(), Optional.of(GradientPrecision.FP32),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    TrainingOptions o = TrainingOptions.of(4096, 64, recipe("megatron-bridge-2025"), fp32);
    assertThat(o.gradientPrecision()).isEqualTo(GradientPrecision.FP32);
    assertThat(o.explicit()).containsExactly("grad_precision");
    assertThat(o.fromRecipe()).doesNotContain("grad_precision").contains("tp_comm_overlap");
    assertThat(o.overlapTensorParallel()).isTrue(); // the rest stays the recipe's
  }

  @Test
  void causalSkip_chargesAttentionTheFlopsFlashAttentionExecutes() {
    // FlashAttention-2 §3.1: with n = s/128 key blocks per row, (n + 1)/(2n) of the non-causal work runs.
    TrainingOptions causal = TrainingOptions.of(8192, 64, recipe("megatron-core-2024"), SettingOverrides.NONE);
    TrainingOptions full = TrainingOptions.of(8192, 64, recipe("megatron-2021"), SettingOverrides.NONE).withFlashAttention(true)
        .withSequenceParallel(true);
    double a = run(llama70, h100, causal, 8, 1, 8, 1, 1, Recompute.NONE, Sharding.DIST_OPT)[TrainingCostModel.T_ATTENTION];
    double b = run(llama70, h100, full, 8, 1, 8, 1, 1, Recompute.NONE, Sharding.DIST_OPT)[TrainingCostModel.T_ATTENTION];
    double n = 8192 / 128.0;
    assertThat(a / b).isCloseTo((n + 1) / (2 * n), withPercentage(1e-9));
  }

  @Test
  void dualPipe_bubbleIsHalfThePipelineTimesTwoThirds_andKeepsTwoParameterCopies() {
    // DeepSeek-V3 Table 2: bubble (PP/2 − 1)(F&B + B − 3W), parameters 2x; with F = 1, B = 2, W = 1: (p/2 − 1)·2/3 micro-batch times
    TrainingOptions base = TrainingOptions.of(4096, 1024, recipe("megatron-core-2024"), SettingOverrides.NONE);
    double[] one = run(llama70, h100, base, 8, 8, 8, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double[] dual = run(llama70, h100, base.withSchedule(PipelineSchedule.DUALPIPE), 8, 8, 8, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double perMb = one[TrainingCostModel.T_BUBBLE] / 7; // 1F1B: (p − 1) micro-batch times
    assertThat(dual[TrainingCostModel.T_BUBBLE]).isCloseTo((8 / 2.0 - 1) * perMb * 2 / 3, withPercentage(1e-6));
    double states1 = one[TrainingCostModel.M_WEIGHTS] + one[TrainingCostModel.M_GRADS_OPTIMIZER];
    double states2 = dual[TrainingCostModel.M_WEIGHTS] + dual[TrainingCostModel.M_GRADS_OPTIMIZER];
    assertThat(states2).isCloseTo(2 * states1, withPercentage(1e-9));
  }

  @Test
  void tpOverlap_hidesTheCollectivesButSlowsTheGemmsItRunsBeside() {
    // exposed = max(0, c − C) + min(c, C)·σ/(1 − σ), σ = 16/132 (NeMo userbuffers SM margins)
    TrainingOptions off = TrainingOptions.of(8192, 64, recipe("megatron-core-2024"), SettingOverrides.NONE).withOverlap(true, false);
    double[] exposed = run(llama70, h100, off, 8, 1, 8, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double[] hidden = run(llama70, h100, off.withOverlap(true, true), 8, 1, 8, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double sigma = 16.0 / 132;
    // on NVLink the collectives are shorter than the GEMMs, so all of them hide and only the slowdown remains
    assertThat(hidden[TrainingCostModel.T_TP_COMM]).isCloseTo(exposed[TrainingCostModel.T_TP_COMM] * sigma / (1 - sigma),
        withPercentage(1e-6));
  }

  /** One tensor-parallel collective over the H100 test chip's scale-up link: (t−1)α + (t−1)/t·bytes/β. */
  double tpCollective(int tp, double bytes) {
    double alpha = h100.calibration().scaleUpLatencyUs().value() * 1e-6;
    double beta = h100.scaleUpPerDirection().bytesPerSecond() * h100.calibration().scaleUpBusEfficiency().value();
    return (tp - 1) * alpha + (tp - 1.0) / tp * bytes / beta;
  }

  static Recipe withTpOverlap(Recipe r, TpOverlap kind) {
    RecipeSettings.Communication c = r.settings().communication();
    return new Recipe(r.id(), r.name(), r.note(), r.settings().with(new RecipeSettings.Communication(c.overlapDataParallel(),
        c.overlapTensorParallel(), kind, c.tpFp8AllGather(), c.dpBucketing())), r.citations());
  }

  @Test
  void recipes_sayHowTheirTpOverlapRuns_andWhetherFp8RunsGatherInFp8() {
    // torchtitan parallelize_llama.py @820504e: async TP is Inductor's micro_pipeline_tp; float8 tensorwise TP uses
    // torchao's Float8ColwiseParallel / Float8RowwiseParallel, which all-gather float8
    assertThat(recipe("torchtitan").settings().communication().tpOverlap()).isEqualTo(TpOverlap.MICRO_PIPELINE);
    assertThat(recipe("torchtitan").settings().communication().tpFp8AllGather()).isTrue();
    assertThat(recipe("megatron-bridge-2025").settings().communication().tpOverlap()).isEqualTo(TpOverlap.USERBUFFERS);
    assertThat(recipe("megatron-bridge-2025").settings().communication().tpFp8AllGather()).isFalse();
  }

  static final TransformerModel LLAMA8 = ModelPresets.find("llama3-8b").orElseThrow();

  /** Llama 3 8B, 8,192 tokens, global batch 64 under {@code r}, with TP communication not overlapped (vanilla TP). */
  static TrainingOptions vanillaTp(Recipe r) {
    return TrainingOptions.of(8192, 64, r, SettingOverrides.NONE).withOverlap(true, false);
  }

  /** Exposed TP communication of Llama 3 8B on the H100 test chip at TP 8 x DP 8 (8 micro-batches of 1), ZeRO-3. */
  double tpComm(TrainingOptions o, Recompute r) {
    return run(LLAMA8, h100, o, 8, 1, 8, 1, 1, r, Sharding.ZERO3)[TrainingCostModel.T_TP_COMM];
  }

  /** One Llama 3 8B TP collective of {@code bytesPerElement} over the 8 micro-batches and every layer. */
  double llama8Collectives(double bytesPerElement) {
    return LLAMA8.layers() * 8.0 * tpCollective(8, 8192.0 * LLAMA8.hidden() * bytesPerElement);
  }

  static Recipe withFp8Recipe(Recipe r, Fp8Recipe fp8) {
    RecipeSettings.Numerics n = r.settings().numerics();
    return new Recipe(r.id(), r.name(), r.note(), r.settings().with(new RecipeSettings.Numerics(n.gradientPrecision(), fp8,
        n.optimizerMoments(), n.fp8Activations(), n.fp8ParamGather())), r.citations());
  }

  @Test
  void torchtitanOpSac_reRunsTheTwoTpAllGathersInTheBackward() {
    // _save_list keeps mm, SDPA and reduce_scatter outputs, not all_gather outputs: forward 2 all-gathers + 2
    // reduce-scatters, backward their conjugates plus the 2 all-gathers again, 10 equal collectives instead of 8 (BF16)
    TrainingOptions vanilla = vanillaTp(recipe("torchtitan"));
    assertThat(tpComm(vanilla, Recompute.NONE)).isCloseTo(8 * llama8Collectives(2), withPercentage(1e-6));
    assertThat(tpComm(vanilla, Recompute.SELECTIVE)).isCloseTo(10 * llama8Collectives(2), withPercentage(1e-6));
  }

  @Test
  void fp8TensorwiseTp_allGathersOneBytePerElement_reduceScattersStayBf16() {
    // 4 all-gathers per layer and micro-batch (2 forward, 2 backward) move T·h bytes instead of 2·T·h
    TrainingOptions vanilla = vanillaTp(recipe("torchtitan"));
    double bf16 = tpComm(vanilla, Recompute.NONE);
    double fp8 = tpComm(vanilla.withPrecision(Precision.FP8), Recompute.NONE);
    assertThat(fp8).isCloseTo(4 * llama8Collectives(1) + 4 * llama8Collectives(2), withPercentage(1e-6));
    assertThat(fp8).isLessThan(bf16);
  }

  @Test
  void fp8TpAllGather_onlyUnderTensorwiseScaling_otherFp8RecipesGatherBf16() {
    // torchtitan parallelize_llama.py @820504e: "float8 all-gather with TP is only supported for tensorwise float8
    // scaling recipes"; with MXFP8 the TP all-gathers move BF16 like a BF16 run's
    double bf16 = tpComm(vanillaTp(recipe("torchtitan")), Recompute.NONE);
    double mxfp8 = tpComm(vanillaTp(withFp8Recipe(recipe("torchtitan"), Fp8Recipe.MXFP8)).withPrecision(Precision.FP8),
        Recompute.NONE);
    assertThat(bf16).isCloseTo(8 * llama8Collectives(2), withPercentage(1e-6));
    assertThat(mxfp8).isCloseTo(8 * llama8Collectives(2), withPercentage(1e-6));
  }

  @Test
  void asyncTp_hidesEachCollectiveOnlyBehindItsFusedMatmul_andLeavesTheBackwardReduceScattersExposed() {
    // micro_pipeline_tp fuses a reduce-scatter only with the single mm producing its input; the backward reduce-scatter
    // of a colwise layer's input gradient (a sum of mms) is not fused: at least 2 whole reduce-scatters per layer stay
    TrainingOptions vanilla = vanillaTp(recipe("torchtitan"));
    double v = tpComm(vanilla, Recompute.NONE);
    double a = tpComm(vanilla.withOverlap(true, true), Recompute.NONE);
    double u = tpComm(vanillaTp(withTpOverlap(recipe("torchtitan"), TpOverlap.USERBUFFERS)).withOverlap(true, true),
        Recompute.NONE);
    double exposedScatters = 2 * llama8Collectives(2);
    assertThat(a).isGreaterThan(exposedScatters).isLessThan(v);
    assertThat(u).isLessThan(a); // Transformer Engine's overlap hides every collective behind the layer's GEMMs
  }

  @Test
  void activations_llamaWithoutDropout_followTheTermByTermSum() {
    // Llama 3 70B (GQA 8 of 64 heads, d 128, gated f = 28672), BF16, sequence parallel, no dropout:
    // attention 2 + 2 + Q 2 + K,V 2·2·8·128/h + context 2, norms... per token in units of h: 4 + 2 + 2 + 0.25 + 2,
    // MLP 2 + f·(4 + 2)/h; the first stage holds p micro-batches of L/p layers: L layers' worth.
    TrainingOptions o = TrainingOptions.of(8192, 64, recipe("megatron-core-2024"), SettingOverrides.NONE);
    double[] out = run(llama70, h100, o, 8, 4, 2, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double h = 8192, f = 28672, s = 8192, t = 8;
    double perToken = 4 + 2 + 2 + 2 * 2 * 8 * 128 / h + 2 + 2 + f * 6 / h;
    assertThat(out[TrainingCostModel.M_ACTIVATIONS]).isCloseTo(s * h * perToken / t * 80, withPercentage(1e-9));
  }

  @Test
  void fp8_keepsTheGemmInputsForWeightGradientsInOneByte() {
    TrainingOptions bf16 = TrainingOptions.of(8192, 64, recipe("megatron-core-2024"), SettingOverrides.NONE);
    double[] a = run(llama70, h100, bf16, 8, 4, 2, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double[] b = run(llama70, h100, bf16.withPrecision(Precision.FP8), 8, 4, 2, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double h = 8192, f = 28672;
    // QKV input, MLP input and FC2 input drop to 1 byte; the context keeps BF16 for flash and adds its FP8 copy (1)
    double bf16Sum = 4 + 2 + 2 + 2 * 2 * 8 * 128 / h + 2 + 2 + f * 6 / h;
    double fp8Sum = 4 + 1 + 2 + 2 * 2 * 8 * 128 / h + 2 + 1 + 1 + f * (4 + 1) / h;
    assertThat(b[TrainingCostModel.M_ACTIVATIONS] / a[TrainingCostModel.M_ACTIVATIONS]).isCloseTo(fp8Sum / bf16Sum, withPercentage(1e-9));
  }

  @Test
  void dualPipe_needsAnEvenPipeline_andNoVirtualStages() {
    TrainingOptions o = TrainingOptions.of(4096, 48, recipe("megatron-core-2024"), SettingOverrides.NONE)
        .withSchedule(PipelineSchedule.DUALPIPE);
    chipmix.search.PartialLayout odd = chipmix.search.PartialLayout.OPEN.withTp(8).withPp(3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new chipmix.search.TrainingRequest(llama70, h100, 24, o, odd).validate())
        .isInstanceOf(chipmix.validation.InvalidInputException.class).hasMessageContaining("`pp`").hasMessageContaining("even");
  }

  @Test
  void scaleOut_h20H800And910b_haveACatalogFigure() {
    chipmix.catalog.Catalog bundled = chipmix.catalog.CatalogLoader.bundled();
    for (String chip : new String[] {"h20", "h800", "910b"}) {
      assertThat(HardwareProfiles.resolve(bundled, chip, Optional.empty()).scaleOutPerDevice()).as(chip).isPresent();
    }
  }

  static SettingOverrides memorySavings(MomentPrecision moments, Fp8ActivationCache activations) {
    return new SettingOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(moments), Optional.of(activations));
  }

  @Test
  void extendedFp8Caching_keepsTheAttentionOutputOnceInE5m6() {
    // DeepSeek-V3 §3.3.3: the input of the Linear after attention is kept once, 12 bits (1.5 bytes), instead of the
    // BF16 flash output (2) plus the projection's FP8 copy (1). Llama 3 70B: a·d_v = 64·128 = h, so context = 1 unit of h
    // per byte. The dense SwiGLU input is not affected (DeepSeek caches the MoE one).
    TrainingOptions te = TrainingOptions.of(8192, 64, recipe("megatron-core-2024"), SettingOverrides.NONE).withPrecision(Precision.FP8);
    TrainingOptions ext = TrainingOptions.of(8192, 64, recipe("megatron-core-2024"),
        memorySavings(MomentPrecision.FP32, Fp8ActivationCache.EXTENDED)).withPrecision(Precision.FP8);
    double[] a = run(llama70, h100, te, 8, 4, 2, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double[] b = run(llama70, h100, ext, 8, 4, 2, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
    double h = 8192, f = 28672;
    double fp8Sum = 4 + 1 + 2 + 2 * 2 * 8 * 128 / h + 2 + 1 + 1 + f * (4 + 1) / h;
    double extSum = fp8Sum - (2 + 1) + 1.5;
    assertThat(b[TrainingCostModel.M_ACTIVATIONS] / a[TrainingCostModel.M_ACTIVATIONS]).isCloseTo(extSum / fp8Sum, withPercentage(1e-9));
  }

  @Test
  void bf16Moments_shrinkTheShardedOptimizerStatesFrom12To8Bytes() {
    // FP32 master weight 4 + two moments: 4 + 2·4 = 12, or 4 + 2·2 = 8 with BF16 moments (Megatron-Core exp_avg_dtype)
    TrainingOptions fp32 = TrainingOptions.of(4096, 64, recipe("megatron-core-2024"), SettingOverrides.NONE);
    TrainingOptions bf16 = TrainingOptions.of(4096, 64, recipe("megatron-core-2024"),
        memorySavings(MomentPrecision.BF16, Fp8ActivationCache.GEMM_INPUTS));
    double d = 8;
    double a = new TrainingCostModel(llama70, h100, fp32).modelStateBytes(8, 1, 8, 1, 1, 1, Sharding.DIST_OPT);
    double b = new TrainingCostModel(llama70, h100, bf16).modelStateBytes(8, 1, 8, 1, 1, 1, Sharding.DIST_OPT);
    assertThat(b / a).isCloseTo((2 + 4 + 8 / d) / (2 + 4 + 12 / d), withPercentage(1e-9));
  }

  @Test
  void inflight_interleavedFirstRankHoldsPTimesTheInterleavingFactor_cappedAtAllMicroBatches() {
    // Megatron-Core interleaved warm-up on rank r: 2(p − r − 1) + (v − 1)p forward chunks, plus the one in flight
    int p = 16, v = 4;
    assertThat(TrainingCostModel.inflight(0, p, v, 64)).isCloseTo(p * (1 + (p - 1.0) / (p * v)), withPercentage(1e-9));
    assertThat(TrainingCostModel.inflight(1, p, v, 64)).isCloseTo((2.0 * (p - 2) + (v - 1.0) * p + 1) / v, withPercentage(1e-9));
    // m = p: every forward runs first, so the stage holds all m micro-batches, not more
    assertThat(TrainingCostModel.inflight(0, p, v, p)).isEqualTo(p);
    // 1F1B: rank r holds p − r
    assertThat(TrainingCostModel.inflight(3, p, 1, 64)).isEqualTo(p - 3);
  }

  @Test
  void torchtitanSelectiveRecompute_repeatsHalfTheLayerMatmuls() {
    // torchtitan op-level SAC saves every mm output "except every second mm": the backward repeats half of the
    // layers' forward matmul FLOPs (not the attention, whose SDPA output is saved, nor the output layer)
    TransformerModel llama8 = ModelPresets.find("llama3-8b").orElseThrow();
    TrainingOptions o = TrainingOptions.of(8192, 16, recipe("torchtitan"), SettingOverrides.NONE);
    double[] none = run(llama8, h100, o, 1, 1, 8, 1, 1, Recompute.NONE, Sharding.ZERO3);
    double[] sel = run(llama8, h100, o, 1, 1, 8, 1, 1, Recompute.SELECTIVE, Sharding.ZERO3);
    double layerMatmulFlopsPerToken = 2.0 * (llama8.activeMatmulParams() - (double) llama8.vocab() * llama8.hidden());
    double tokens = 16.0 * 8192;
    assertThat(sel[TrainingCostModel.HW_FLOPS_PER_STEP] - none[TrainingCostModel.HW_FLOPS_PER_STEP])
        .isCloseTo(tokens * 0.5 * layerMatmulFlopsPerToken, withPercentage(1e-9));
    assertThat(sel[TrainingCostModel.T_RECOMPUTE]).isPositive();
  }

  @Test
  void eagerElementwise_costsTorchtitansLlamaOpsOneHbmRoundTripEach() {
    // TorchTitan's Llama code in eager mode (models/llama/model.py, models/norms.py @9dec370), bytes per token per layer:
    // two FP32 RMSNorms of five ops (x.float() 2+4, pow 4+4, mean 4, x*rsqrt 4+4, type_as 4+2, *weight 2+2 = 36 per
    // element), two residual adds (2+2+2), RoPE on Q and K through FP32 complex numbers (2+4, 4+4, 4+2 = 20 per element),
    // repeat_kv copying K and V from 8 to 32 heads (read kv, write q, 2 bytes each), the attention output's contiguous
    // copy (2+2), SwiGLU as silu (2+2) and a product (2+2+2); plus the loss once per token (logits .float() 2+4,
    // log-softmax 4+4, per vocabulary entry). Fused: 22h + 6f per layer, no loss.
    TransformerModel llama8 = ModelPresets.find("llama3-8b").orElseThrow();
    double h = 4096, q = 32 * 128, kv = 8 * 128, f = 14336, layers = 32, vocab = 128256;
    double eagerLayer = 2 * 36 * h + 2 * 6 * h + 20 * (q + kv) + 2 * (2 * kv + 2 * q) + 4 * q + 10 * f;
    double fusedLayer = 22 * h + 6 * f;
    double loss = 14 * vocab;
    TrainingOptions eager = TrainingOptions.of(8192, 16, recipe("torchtitan"), elementwise(ElementwiseKernels.EAGER));
    TrainingOptions fused = TrainingOptions.of(8192, 16, recipe("torchtitan"), SettingOverrides.NONE);
    // torchtitan's published performance runs are compiled; an eager run says so
    assertThat(fused.settings().kernels().elementwise()).isEqualTo(ElementwiseKernels.FUSED);
    assertThat(eager.explicit()).containsExactly("elementwise");
    double e = run(llama8, h100, eager, 1, 1, 8, 1, 1, Recompute.NONE, Sharding.ZERO3)[TrainingCostModel.T_MEMORY_BOUND];
    double c = run(llama8, h100, fused, 1, 1, 8, 1, 1, Recompute.NONE, Sharding.ZERO3)[TrainingCostModel.T_MEMORY_BOUND];
    assertThat(e / c).isCloseTo((layers * eagerLayer + loss) / (layers * fusedLayer), withPercentage(1e-9));
  }

  @Test
  void eagerWithTritonNorm_movesEachNormsTensorOnce() {
    // norm_type = "fused_rmsnorm" (TorchTitan's Triton RMSNorm): 2 + 2 bytes per element instead of the eager 36
    TransformerModel llama8 = ModelPresets.find("llama3-8b").orElseThrow();
    double h = 4096, layers = 32;
    TrainingOptions eager = TrainingOptions.of(8192, 16, recipe("torchtitan"), elementwise(ElementwiseKernels.EAGER));
    TrainingOptions triton = TrainingOptions.of(8192, 16, recipe("torchtitan"), elementwise(ElementwiseKernels.EAGER_FUSED_NORM));
    double e = run(llama8, h100, eager, 1, 1, 8, 1, 1, Recompute.NONE, Sharding.ZERO3)[TrainingCostModel.T_MEMORY_BOUND];
    double t = run(llama8, h100, triton, 1, 1, 8, 1, 1, Recompute.NONE, Sharding.ZERO3)[TrainingCostModel.T_MEMORY_BOUND];
    double perNormSaved = (36 - 4) * h;
    // the saving per byte of eager work: both runs move the same tokens at the same rate
    double eagerBytes = layers * (2 * 36 * h + 2 * 6 * h + 20 * (4096 + 1024) + 2 * (2 * 1024 + 2 * 4096) + 4 * 4096 + 10 * 14336)
        + 14 * 128256;
    assertThat((e - t) / e).isCloseTo(layers * 2 * perNormSaved / eagerBytes, withPercentage(1e-9));
  }

  @Test
  void everyRecipe_defaultsToFusedElementwiseKernels_eagerRunsSaySo() {
    for (String id : new String[] {"megatron-2021", "megatron-core-2024", "megatron-bridge-2025", "torchtitan", "mindspeed", "deepspeed"}) {
      assertThat(recipe(id).settings().kernels().elementwise()).as(id).isEqualTo(ElementwiseKernels.FUSED);
    }
  }

  @Test
  void torchtitanSelectiveRecompute_keepsWhatItsPolicySaves() {
    // torchtitan _save_list (parallelize_llama.py @9dec370): mm outputs except every second mm, and SDPA outputs; plus
    // the layer input. Llama 3 8B, BF16, per token per layer in units of h = 4096: input 2, Q (wq, 1st mm) 2, V (wv, 3rd)
    // 2·1024/4096 = 0.5, SDPA output 2, SwiGLU gate (w1, 5th) 2·14336/4096 = 7, MLP output (w2, 7th) 2: 15.5. Without
    // recompute the model keeps 34 (11 attention + 23 MLP, the term-by-term sum of activations_llamaWithoutDropout).
    TransformerModel llama8 = ModelPresets.find("llama3-8b").orElseThrow();
    TrainingOptions o = TrainingOptions.of(8192, 16, recipe("torchtitan"), SettingOverrides.NONE);
    double none = run(llama8, h100, o, 1, 1, 8, 1, 1, Recompute.NONE, Sharding.ZERO3)[TrainingCostModel.M_ACTIVATIONS];
    double sel = run(llama8, h100, o, 1, 1, 8, 1, 1, Recompute.SELECTIVE, Sharding.ZERO3)[TrainingCostModel.M_ACTIVATIONS];
    double kept = 2 + 2 + 2.0 * 1024 / 4096 + 2 + 2.0 * 14336 / 4096 + 2;
    double all = (4 + 2 + 3 + 2) + (2 + 14336.0 * 6 / 4096);
    assertThat(sel / none).isCloseTo(kept / all, withPercentage(1e-9));
  }

  @Test
  void fp8ParamGather_gathersTheLayersWeightsInOneByte_theEmbeddingsInTwo() {
    // Megatron-Bridge FP8 configs (mixed_precision.py: fp8_param_gather = True). Distributed optimizer without overlap:
    // the exposed data-parallel time is one reduce-scatter of the gradients plus one all-gather of the weights. The
    // FP8 gather saves 1 byte per layer parameter; FP32 instead of BF16 gradients cost 2 bytes per parameter, layers and
    // embeddings alike; both over the same ring at the same bandwidth, so the ratio of the two savings is
    // layers / (2 (layers + embeddings)).
    TransformerModel llama8 = ModelPresets.find("llama3-8b").orElseThrow();
    Recipe bridge = recipe("megatron-bridge-2025");
    assertThat(bridge.settings().numerics().fp8ParamGather()).isTrue();
    double[] fp8Bf16Grads = dp(llama8, bridge, Optional.empty(), Optional.of(GradientPrecision.BF16));
    double[] bf16GatherBf16Grads = dp(llama8, bridge, Optional.of(false), Optional.of(GradientPrecision.BF16));
    double[] fp8Fp32Grads = dp(llama8, bridge, Optional.empty(), Optional.of(GradientPrecision.FP32));
    double gatherSaving = bf16GatherBf16Grads[TrainingCostModel.T_DP_COMM] - fp8Bf16Grads[TrainingCostModel.T_DP_COMM];
    double gradCost = fp8Fp32Grads[TrainingCostModel.T_DP_COMM] - fp8Bf16Grads[TrainingCostModel.T_DP_COMM];
    double layers = llama8.layers() * (llama8.attentionParams() + 2.0 * llama8.hidden() + llama8.ffnParams(llama8.ffnHidden()));
    assertThat(gatherSaving).isPositive();
    assertThat(gatherSaving / gradCost).isCloseTo(layers / (2 * (layers + llama8.embeddingParams())), withPercentage(1e-6));
  }

  double[] dp(TransformerModel m, Recipe r, Optional<Boolean> fp8Gather, Optional<GradientPrecision> grads) {
    SettingOverrides o = new SettingOverrides(Optional.of(false), Optional.empty(), grads, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        fp8Gather);
    TrainingOptions opts = TrainingOptions.of(8192, 64, r, o).withPrecision(Precision.FP8);
    return run(m, h100, opts, 1, 1, 64, 1, 1, Recompute.NONE, Sharding.DIST_OPT);
  }

  static SettingOverrides elementwise(ElementwiseKernels k) {
    return new SettingOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(k));
  }

  static Hardware withMoeHost(Hardware hw, double us) {
    Calibration c = hw.calibration().withMoeHostPerLocalExpertUs(new Calibrated(us, "test", chipmix.catalog.Confidence.LOW));
    return new Hardware(hw.chipId(), hw.chipName(), hw.vendor(), hw.systemId(), hw.peaks(), hw.memoryGb(), hw.memoryBandwidthTbs(),
        hw.devicesPerNode(), hw.scaleUpDomain(), hw.scaleUpBandwidthGbs(), hw.scaleOutBandwidthGbps(), hw.tdpW(), hw.priceUsd(), c);
  }

  @Test
  void hostIssuedExperts_addTheirHostTimeBeyondTheGpuTime_perLocalExpertLayerAndMicroBatch() {
    TransformerModel qwen = ModelPresets.find("qwen3-30b-a3b").orElseThrow();
    TrainingOptions o = TrainingOptions.of(4096, 64, recipe("megatron-bridge-2025"), SettingOverrides.NONE);
    assertThat(o.settings().kernels().expertCudaGraph()).isFalse();
    // tp 1, pp 1, dp = ep = 8: 128 / 8 = 16 local experts, every layer MoE, 64 / 8 = 8 micro-batches; at 2 and 3 ms per
    // expert the host time is far above the GPU's expert GEMMs, so the extra millisecond adds in full
    double[] a = run(qwen, withMoeHost(h100, 2000), o, 1, 1, 8, 8, 1, Recompute.NONE, Sharding.DIST_OPT);
    double[] b = run(qwen, withMoeHost(h100, 3000), o, 1, 1, 8, 8, 1, Recompute.NONE, Sharding.DIST_OPT);
    double extra = 1000e-6 * (128 / 8) * qwen.moeLayerCount() * (64 / 8);
    assertThat(b[TrainingCostModel.T_MOE_HOST] - a[TrainingCostModel.T_MOE_HOST]).isCloseTo(extra, withPercentage(1e-6));
    assertThat(b[TrainingCostModel.STEP] - a[TrainingCostModel.STEP]).isCloseTo(extra, withPercentage(1e-6));
    // a host time well below the GPU's expert GEMM time hides behind it
    assertThat(run(qwen, withMoeHost(h100, 0.001), o, 1, 1, 8, 8, 1, Recompute.NONE, Sharding.DIST_OPT)[TrainingCostModel.T_MOE_HOST])
        .isZero();
  }

  @Test
  void hostIssuedExperts_costNothingWhenTheRecipesGraphsCoverThem_orForDenseModels() {
    TransformerModel qwen = ModelPresets.find("qwen3-30b-a3b").orElseThrow();
    Recipe bridge = recipe("megatron-bridge-2025");
    RecipeSettings s = bridge.settings();
    Recipe graphed = new Recipe("graphed", "graphed", "", s.with(s.kernels().withExpertCudaGraph(true)), bridge.citations());
    Hardware hw = withMoeHost(h100, 2000);
    assertThat(run(qwen, hw, TrainingOptions.of(4096, 64, graphed, SettingOverrides.NONE), 1, 1, 8, 8, 1, Recompute.NONE,
        Sharding.DIST_OPT)[TrainingCostModel.T_MOE_HOST]).isZero();
    assertThat(run(llama70, hw, TrainingOptions.of(4096, 64, bridge, SettingOverrides.NONE), 8, 1, 8, 1, 1, Recompute.NONE,
        Sharding.DIST_OPT)[TrainingCostModel.T_MOE_HOST]).isZero();
  }
}
