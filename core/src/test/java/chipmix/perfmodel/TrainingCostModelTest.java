package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.testing.TestChips;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingCostModelTest {
  final TransformerModel gpt = ModelPresets.find("megatron-gpt-145.6b").orElseThrow();
  final Hardware a100 = TestChips.hardware("a100");

  /** The 2021 Megatron recipe (dropout, unfused attention, no sequence parallel), whose accounting Korthikanti et al. use. */
  static TrainingOptions megatron2021(int seq, long batch) {
    return TrainingOptions.of(seq, batch, Recipes.bundled().find("megatron-2021").orElseThrow(), SettingOverrides.NONE);
  }

  @Test
  void modelStates_withMegatronFp32Gradients_are18BytesUnshardedAnd6Plus12OverDSharded() {
    // Megatron BF16 default: bf16 weights 2 + fp32 gradients 4 + fp32 master and Adam 12 = 18 bytes;
    // the distributed optimizer shards the 12 over d ranks; ZeRO-3 shards all of it.
    TrainingCostModel c = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512));
    double none = c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.NONE);
    double dist = c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.DIST_OPT);
    double z3 = c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.ZERO3);
    assertThat(dist / none).isCloseTo((6 + 12.0 / 16) / 18, withPercentage(1e-9));
    assertThat(z3 / none).isCloseTo((18.0 / 16) / 18, withPercentage(1e-9));
    assertThat(none).isCloseTo(gpt.totalParams() / 8 * 18, withPercentage(1));
  }

  @Test
  void modelStates_withFp16Gradients_followTheZeroPaper16Bytes() {
    // ZeRO §3.1 (mixed precision, K = 12): 16Ψ unsharded; P_os 4 + 12/d; P_os+g 2 + 14/d; P_os+g+p 16/d.
    TrainingCostModel c = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512).withGradientPrecision(GradientPrecision.FP16));
    double d = 16;
    double none = c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.NONE);
    assertThat(c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.ZERO1) / none).isCloseTo((4 + 12 / d) / 16, withPercentage(1e-9));
    assertThat(c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.ZERO2) / none).isCloseTo((2 + 14 / d) / 16, withPercentage(1e-9));
    assertThat(c.modelStateBytes(8, 1, 16, 1, 1, 1, Sharding.ZERO3) / none).isCloseTo((16 / d) / 16, withPercentage(1e-9));
    assertThat(none).isCloseTo(gpt.totalParams() / 8 * 16, withPercentage(1));
  }

  @Test
  void memoryPeak_with16BitGradients_isTheLargerOfBackwardAndTheOptimizerStepsFp32GradientCopy() {
    // Megatron distributed-optimizer table: fp16 weights and gradients take 4 + 16/d bytes per parameter at the
    // optimizer step (the FP32 gradient shard, 4/d, exists only then; zero_grad(set_to_none=True) frees it
    // before the next forward), 2 + 2 + 12/d while the activations are held.
    TransformerModel llama = ModelPresets.find("llama2-7b").orElseThrow();
    TrainingOptions o = TrainingOptions.of(2048, 8).withGradientPrecision(GradientPrecision.FP16);
    TrainingCostModel c = new TrainingCostModel(llama, a100, o);
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    c.evaluate(1, 1, 8, 1, 1, 1, 1, Recompute.FULL, Sharding.ZERO1, out);
    double states = out[TrainingCostModel.M_WEIGHTS] + out[TrainingCostModel.M_GRADS_OPTIMIZER];
    double backward = states + out[TrainingCostModel.M_ACTIVATIONS] + out[TrainingCostModel.M_LOGITS];
    double stepPeak = llama.totalParams() * (4 + 16.0 / 8);
    // (the model's per-stage parameter count leaves out the final norm: 4,096 of 6.7 billion)
    assertThat(states).isCloseTo(llama.totalParams() * (4 + 12.0 / 8), withPercentage(0.01));
    assertThat(stepPeak).isGreaterThan(backward); // full recompute keeps few activations
    assertThat(out[TrainingCostModel.M_TOTAL]).isCloseTo(stepPeak + out[TrainingCostModel.M_RESERVE], withPercentage(0.01));
    // FP32 gradients are the optimizer's own: no copy, the backward pass is the peak
    c = new TrainingCostModel(llama, a100, TrainingOptions.of(2048, 8));
    c.evaluate(1, 1, 8, 1, 1, 1, 1, Recompute.FULL, Sharding.ZERO1, out);
    assertThat(out[TrainingCostModel.M_TOTAL]).isCloseTo(out[TrainingCostModel.M_WEIGHTS] + out[TrainingCostModel.M_GRADS_OPTIMIZER]
        + out[TrainingCostModel.M_ACTIVATIONS] + out[TrainingCostModel.M_LOGITS] + out[TrainingCostModel.M_RESERVE], withPercentage(1e-9));
  }

  @Test
  void dataParallelTraffic_isTheGradientAllReduceInItsPrecision_orReduceScatterPlusWeightGather() {
    // Ring (Thakur 2005), not overlapped: all-reduce = 2(g−1)α + (g−1)/g·N·2·gb/β; the distributed
    // optimizer reduce-scatters gradients (gb) and all-gathers bf16 weights (2): 2(g−1)α + (g−1)/g·N·(gb+2)/β.
    TrainingOptions o = TrainingOptions.of(2048, 512).withOverlap(false, false);
    int t = 8, g = 8;
    double[] fp32 = new double[TrainingCostModel.OUT_SIZE];
    double[] fp16 = new double[TrainingCostModel.OUT_SIZE];
    double[] dist = new double[TrainingCostModel.OUT_SIZE];
    new TrainingCostModel(gpt, a100, o).evaluate(t, 8, g, 1, 1, 1, 1, Recompute.FULL, Sharding.NONE, fp32);
    new TrainingCostModel(gpt, a100, o.withGradientPrecision(GradientPrecision.FP16)).evaluate(t, 8, g, 1, 1, 1, 1, Recompute.FULL,
        Sharding.NONE, fp16);
    new TrainingCostModel(gpt, a100, o).evaluate(t, 8, g, 1, 1, 1, 1, Recompute.FULL, Sharding.DIST_OPT, dist);
    Calibration cal = a100.calibration();
    double beta = a100.scaleOutPerDevice().orElseThrow().bytesPerSecond() * cal.scaleOutBusEfficiency().value();
    double alpha = cal.scaleOutLatencyUs().value() * 1e-6;
    // busiest stage of 8: 10 of 80 layers (12h² + 13h each: attention and MLP weights, biases, norms) plus the vocabulary embedding
    double h = 12288;
    double params = (10 * (12 * h * h + 13 * h) + 51200 * h) / t;
    // Megatron-Core buckets of max(40M, 1M·d) parameters, each collective paying its own latency
    double buckets = Math.ceil(params / Math.max(40e6, 1e6 * g));
    double lat = 2 * buckets * (g - 1) * alpha;
    assertThat(fp32[TrainingCostModel.T_DP_COMM]).isCloseTo(lat + (g - 1.0) / g * params * 8 / beta, withPercentage(0.5));
    assertThat(fp16[TrainingCostModel.T_DP_COMM]).isCloseTo(lat + (g - 1.0) / g * params * 4 / beta, withPercentage(0.5));
    assertThat(dist[TrainingCostModel.T_DP_COMM]).isCloseTo(lat + (g - 1.0) / g * params * 6 / beta, withPercentage(0.5));
  }

  @Test
  void dataParallelTraffic_zero2ReducesEveryMicroBatch_zero3AlsoGathersWeightsForEachForwardAndBackward() {
    // ZeRO-2 keeps only a gradient shard, so each of the m micro-batches' gradients is reduce-scattered (RS);
    // ZeRO-3 also all-gathers the 16-bit weights (AG) before each forward and each backward: m·(2·AG + RS).
    // Plain 1F1B, no overlap; Llama 2 7B on 16 H100 (two nodes), tp 1, dp 16, 8 micro-batches of 1.
    TransformerModel llama = ModelPresets.find("llama2-7b").orElseThrow();
    Hardware h100 = TestChips.hardware("h100");
    TrainingOptions o = TrainingOptions.of(4096, 128).withOverlap(false, false);
    TrainingCostModel c = new TrainingCostModel(llama, h100, o);
    double[] z1 = new double[TrainingCostModel.OUT_SIZE];
    double[] z2 = new double[TrainingCostModel.OUT_SIZE];
    double[] z3 = new double[TrainingCostModel.OUT_SIZE];
    c.evaluate(1, 1, 16, 1, 1, 1, 1, Recompute.NONE, Sharding.ZERO1, z1);
    c.evaluate(1, 1, 16, 1, 1, 1, 1, Recompute.NONE, Sharding.ZERO2, z2);
    c.evaluate(1, 1, 16, 1, 1, 1, 1, Recompute.NONE, Sharding.ZERO3, z3);
    double m = 128.0 / 16;
    Calibration cal = h100.calibration();
    double beta = h100.scaleOutPerDevice().orElseThrow().bytesPerSecond() * cal.scaleOutBusEfficiency().value();
    double alpha = cal.scaleOutLatencyUs().value() * 1e-6;
    double n = llama.totalParams(), g = 16;
    double buckets = Math.ceil(n / Math.max(40e6, 1e6 * g)); // Megatron-Core DDP buckets, each with its latency
    double rs = buckets * (g - 1) * alpha + (g - 1) / g * n * 4 / beta; // FP32 gradients
    double ag = buckets * (g - 1) * alpha + (g - 1) / g * n * 2 / beta; // BF16 weights
    assertThat(z1[TrainingCostModel.T_DP_COMM]).isCloseTo(rs + ag, withPercentage(1));
    assertThat(z2[TrainingCostModel.T_DP_COMM]).isCloseTo(m * rs + ag, withPercentage(1));
    assertThat(z3[TrainingCostModel.T_DP_COMM]).isCloseTo(m * (2 * ag + rs), withPercentage(1));
  }

  @Test
  void activations_selectiveWithSequenceParallel_areKorthikanti34sbhOverT() {
    // Korthikanti Eq. 6 per layer: 34·s·b·h/t bytes; first stage holds p in-flight micro-batches (Eq. 5).
    TrainingCostModel c = new TrainingCostModel(gpt, a100, megatron2021(2048, 512).withSequenceParallel(true));
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
    TrainingCostModel c = new TrainingCostModel(gpt, a100, megatron2021(2048, 512).withSequenceParallel(true));
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
  void tensorParallelComm_backwardMovesTheSameVolumeAsForward() {
    // Korthikanti §4.2.2: four all-reduces (2 forward, 2 backward) per layer per forward+backward pass;
    // with sequence parallel 2 all-gathers + 2 reduce-scatters each way, each (t−1)α + (t−1)/t·n/β, n = b·s·h·2.
    TrainingCostModel c = new TrainingCostModel(gpt, a100, megatron2021(2048, 512).withSequenceParallel(true));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    c.evaluate(8, 1, 64, 1, 1, 1, 1, Recompute.NONE, Sharding.NONE, out);
    Calibration cal = a100.calibration();
    double beta = a100.scaleUpPerDirection().bytesPerSecond() * cal.scaleUpBusEfficiency().value();
    double alpha = cal.scaleUpLatencyUs().value() * 1e-6;
    double t = 8, n = 2048 * 12288 * 2.0, m = 512.0 / 64;
    double perLayerOneWay = 4 * ((t - 1) * alpha + (t - 1) / t * n / beta);
    assertThat(out[TrainingCostModel.T_TP_COMM]).isCloseTo(m * 80 * 2 * perLayerOneWay, withPercentage(1e-9));
  }

  @Test
  void contextParallelRing_eachTransferHidesOnlyBehindItsOwnAttentionStep() {
    // Ring attention over c ranks: c attention steps of attention/c; each of the c − 1 K/V transfers,
    // α + n/β with n = T·2·kv·d_head·2 bytes / t, overlaps one step. On a slow network (1 Gb/s) the
    // transfer is longer than its step, so (c−1)·(α + n/β − attention/c) is exposed per layer, 3x forward.
    Hardware slow = TestChips.hardware("h800").withScaleOutGbps(chipmix.catalog.Spec.exact(1, "test", chipmix.catalog.Confidence.HIGH));
    TrainingCostModel c = new TrainingCostModel(gpt, slow, TrainingOptions.of(2048, 512));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    int t = 8, cp = 2, dp = 2, pp = 1;
    c.evaluate(t, pp, dp, cp, 1, 1, 1, Recompute.NONE, Sharding.DIST_OPT, out); // tp·cp = 16 > 8: ring on scale-out
    Calibration cal = slow.calibration();
    double beta = slow.scaleOutPerDevice().orElseThrow().bytesPerSecond() * cal.scaleOutBusEfficiency().value();
    double alpha = cal.scaleOutLatencyUs().value() * 1e-6;
    double m = 512.0 / dp, layers = 80, tokens = 2048.0 / cp;
    double n = tokens * 2 * 12288 * 2 / t; // MHA: K and V of all heads, bf16, split over tp
    double attentionPerLayer = out[TrainingCostModel.T_ATTENTION] / (3 * m * layers);
    double expected = 3 * m * layers * (cp - 1) * (alpha + n / beta - attentionPerLayer / cp);
    assertThat(alpha + n / beta).isGreaterThan(attentionPerLayer / cp);
    assertThat(out[TrainingCostModel.T_CP_COMM]).isCloseTo(expected, withPercentage(1e-9));
  }

  @Test
  void activations_withoutSequenceParallel_areKorthikanti10Plus24OverT() {
    // Korthikanti Eq. 2 with selective recompute (no scores): s·b·h·(10 + 24/t) per layer, with the 2021 recipe's
    // dropout and unfused attention (what Korthikanti's accounting assumes).
    TrainingCostModel c = new TrainingCostModel(gpt, a100, megatron2021(2048, 512).withSequenceParallel(false));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    c.evaluate(8, 4, 16, 1, 1, 1, 1, Recompute.SELECTIVE, Sharding.NONE, out);
    double expected = 2048 * 12288 * (10 + 24.0 / 8) * 80;
    assertThat(out[TrainingCostModel.M_ACTIVATIONS]).isCloseTo(expected, withPercentage(1e-9));
  }

  @Test
  void memoryBoundTime_withoutSequenceParallel_isLarger() {
    TrainingCostModel sp = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512));
    TrainingCostModel noSp = new TrainingCostModel(gpt, a100, TrainingOptions.of(2048, 512).withSequenceParallel(false));
    double[] a = new double[TrainingCostModel.OUT_SIZE];
    double[] b = new double[TrainingCostModel.OUT_SIZE];
    sp.evaluate(8, 1, 64, 1, 1, 1, 1, Recompute.NONE, Sharding.NONE, a);
    noSp.evaluate(8, 1, 64, 1, 1, 1, 1, Recompute.NONE, Sharding.NONE, b);
    assertThat(b[TrainingCostModel.T_MEMORY_BOUND]).isGreaterThan(2 * a[TrainingCostModel.T_MEMORY_BOUND]);
  }

  final TransformerModel mixtral = ModelPresets.find("mixtral-8x7b").orElseThrow();
  final TransformerModel deepseek = ModelPresets.find("deepseek-v3").orElseThrow();
  final Hardware h800 = TestChips.hardware("h800").withScaleOutGbps(chipmix.catalog.Spec.exact(400, "test", chipmix.catalog.Confidence.HIGH));

  private double[] run(TransformerModel model, TrainingOptions o, int tp, int pp, int dp, int ep) {
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    new TrainingCostModel(model, h800, o).evaluate(tp, pp, dp, 1, ep, 1, 1, Recompute.NONE, Sharding.ZERO1, out);
    return out;
  }

  @Test
  void expertAllToAll_insideTheNode_pairwiseExchangeOfKCopies_fp8DispatchHalvesOneDirection() {
    // Per MoE layer each way: dispatch + combine, each (e−1)α + k·(e−1)/e·T·h·bytes/β (Thakur 2005 pairwise);
    // FP8 dispatch sends 1 byte per element, combine stays BF16 (DeepSeek-V3 §3.3.2).
    Calibration cal = h800.calibration();
    double beta = h800.scaleUpPerDirection().bytesPerSecond() * cal.scaleUpBusEfficiency().value();
    double alpha = cal.scaleUpLatencyUs().value() * 1e-6;
    double e = 8, k = 2, tokens = 4096, h = 4096, m = 64.0 / 8;
    double bf16 = run(mixtral, TrainingOptions.of(4096, 64), 1, 1, 8, 8)[TrainingCostModel.T_EP_COMM];
    double fp8 = run(mixtral, TrainingOptions.of(4096, 64).withExpertComm(false, false, Precision.FP8), 1, 1, 8, 8)[TrainingCostModel.T_EP_COMM];
    double a2a2 = (e - 1) * alpha + k * (e - 1) / e * tokens * h * 2 / beta;
    double a2a1 = (e - 1) * alpha + k * (e - 1) / e * tokens * h * 1 / beta;
    assertThat(bf16).isCloseTo(m * 32 * 2 * (2 * a2a2), withPercentage(1e-9));
    assertThat(fp8).isCloseTo(m * 32 * 2 * (a2a1 + a2a2), withPercentage(1e-9));
  }

  @Test
  void expertAllToAll_nodeDedupWithNodeLimit_sendsAtMostMCopiesOverTheNetwork() {
    // DeepSeek-V3, EP 64 over N = 8 nodes, k = 8, node limit M = 4 (§2.1.2): expected remote nodes per token
    // min(M·(N−1)/N, (N−1)·(1 − (1 − 1/N)^k)) = 3.5 over InfiniBand, then k·(g−1)/g copies forwarded over NVLink
    // (g = 8 ranks per node); the pipelined stages cost the slower of the two.
    Calibration cal = h800.calibration();
    double up = h800.scaleUpPerDirection().bytesPerSecond() * cal.scaleUpBusEfficiency().value();
    double out = h800.scaleOutPerDevice().orElseThrow().bytesPerSecond() * cal.scaleOutBusEfficiency().value();
    double aUp = cal.scaleUpLatencyUs().value() * 1e-6;
    double aOut = cal.scaleOutLatencyUs().value() * 1e-6;
    double tokens = 4096, h = 7168, m = 15360.0 / 128;
    double remote = Math.min(4 * 7 / 8.0, 7 * (1 - Math.pow(7 / 8.0, 8)));
    assertThat(remote).isEqualTo(3.5);
    double[] flatOut = run(deepseek, TrainingOptions.of(4096, 15360), 1, 16, 128, 64);
    double[] dedupOut = run(deepseek, TrainingOptions.of(4096, 15360).withExpertComm(false, true, Precision.BF16), 1, 16, 128, 64);
    double perCopy = tokens * h * 2;
    double dedupA2a = Math.max(7 * aOut + remote * perCopy / out, 7 * aUp + 8 * 7 / 8.0 * perCopy / up);
    double flatA2a = 63 * aOut + 8 * 63 / 64.0 * perCopy / out;
    double moeLayersOnStage = 4 - 4 * 3.0 / 61; // ceil(61/16) layers, 3 of 61 dense
    assertThat(dedupOut[TrainingCostModel.T_EP_COMM]).isCloseTo(m * moeLayersOnStage * 2 * 2 * dedupA2a, withPercentage(1e-9));
    assertThat(flatOut[TrainingCostModel.T_EP_COMM]).isCloseTo(m * moeLayersOnStage * 2 * 2 * flatA2a, withPercentage(1e-9));
  }

  @Test
  void expertAllToAll_dualPipeOverlap_hidesItBehindTheOtherMicroBatchsLayerCompute() {
    TrainingOptions o = TrainingOptions.of(4096, 15360).withPrecision(Precision.FP8).withSchedule(PipelineSchedule.DUALPIPE);
    double exposed = run(deepseek, o.withExpertComm(false, true, Precision.FP8), 1, 16, 128, 64)[TrainingCostModel.T_EP_COMM];
    double overlapped = run(deepseek, o.withExpertComm(true, true, Precision.FP8), 1, 16, 128, 64)[TrainingCostModel.T_EP_COMM];
    assertThat(exposed).isPositive();
    // DeepSeek-V3 §3.2.1: with DualPipe "both all-to-all and PP communication can be fully hidden"; what remains is
    // the compute slowed while it runs on the SMs left by the 20 of 132 that communicate (§3.2.2)
    double share = 20.0 / 132;
    assertThat(overlapped).isCloseTo(exposed * share / (1 - share), withPercentage(1e-6));
    double flatOverlapped = run(deepseek, o.withExpertComm(true, false, Precision.BF16), 1, 16, 128, 64)[TrainingCostModel.T_EP_COMM];
    assertThat(flatOverlapped).as("k BF16 copies per token over 400 Gb/s outlast the compute").isPositive();
  }

  @Test
  void combined1f1b_allToAllsNoLongerThanTheirPartnerPieces_leaveOnlyTheSlowedCompute() {
    // each all-to-all shorter than the piece of the other micro-batch it runs beside: nothing waits, and the compute
    // beside the four all-to-alls runs slowed by the communication's SM share
    var pieces = new TrainingCostModel.Combined1f1bPieces(4, 3, 3, 3, 8, 4);
    double dispatch = 1;
    double combine = 0.5;
    double slowdown = 0.2;
    assertThat(TrainingCostModel.combined1f1bExposed(pieces, dispatch, combine, slowdown))
        .isCloseTo((2 * dispatch + 2 * combine) * slowdown, withPercentage(1e-9));
  }

  @Test
  void combined1f1b_dispatchLongerThanTheExpertGradients_isExposedByTheDifferenceThoughTheLayerCouldHideIt() {
    // The forward dispatch runs beside the other micro-batch's expert data and weight gradients only (the experts' forward
    // needs its tokens): 3 s of dispatch beside 0.2 s of expert gradients leaves 2.8 s exposed, although the layer's
    // 25.3 s of compute is far longer than all four all-to-alls (the whole-layer form would hide them).
    var pieces = new TrainingCostModel.Combined1f1bPieces(10, 0.1, 0.1, 0.1, 10, 5);
    double exposed = TrainingCostModel.combined1f1bExposed(pieces, 3, 0.1, 0);
    assertThat(exposed).isCloseTo(3 - (0.1 + 0.1), withPercentage(1e-6));
  }

  @Test
  void combined1f1b_withoutCompute_exposesEveryAllToAll() {
    var none = new TrainingCostModel.Combined1f1bPieces(0, 0, 0, 0, 0, 0);
    assertThat(TrainingCostModel.combined1f1bExposed(none, 1.5, 0.7, 0.2)).isCloseTo(2 * (1.5 + 0.7), withPercentage(1e-9));
  }

  @Test
  void combined1f1b_unpairedShare_isTheFirstForwardAndLastBackward_orTheInterleavedWarmUpPlusOne() {
    assertThat(TrainingCostModel.combined1f1bUnpairedShare(1, 1, 8)).isCloseTo(1.0 / 8, withPercentage(1e-9));
    // Qwen3-30B-A3B on 16 H100 (pp 2, vpp 12, 64 micro-batches): 2(p−1) + (v−1)p + 1 = 25 of 768 chunk passes
    assertThat(TrainingCostModel.combined1f1bUnpairedShare(2, 12, 64)).isCloseTo((2.0 * 1 + 11 * 2 + 1) / (64 * 12),
        withPercentage(1e-9));
    assertThat(TrainingCostModel.combined1f1bUnpairedShare(8, 2, 2)).isEqualTo(1);
  }

  @Test
  void expertAllToAll_megatronCombined1f1bOverlap_hidesLessThanDualPipeAndMoreThanNone() {
    // flat BF16 dispatch over 400 Gb/s: the all-to-alls outlast the pieces they are paired with
    TrainingOptions o = TrainingOptions.of(4096, 15360).withPrecision(Precision.FP8);
    double exposed = run(deepseek, o.withExpertComm(false, false, Precision.BF16), 1, 16, 128, 64)[TrainingCostModel.T_EP_COMM];
    double combined = run(deepseek, o.withExpertComm(true, false, Precision.BF16), 1, 16, 128, 64)[TrainingCostModel.T_EP_COMM];
    double dual = run(deepseek, o.withSchedule(PipelineSchedule.DUALPIPE).withExpertComm(true, false, Precision.BF16), 1, 16, 128,
        64)[TrainingCostModel.T_EP_COMM];
    assertThat(combined).isLessThan(exposed).isGreaterThan(dual);
  }

  @Test
  void uncalibratedChip_usesDefaultAndSaysSo() {
    var chip = TestChips.CATALOG.chip("`chip`", "h800");
    Hardware hw = Hardware.of(chip, TestChips.CATALOG.defaultSystemFor(chip).orElseThrow(), Calibrations.bundled().forChip(chip));
    assertThat(hw.calibration().calibrated()).isFalse();
    assertThat(hw.calibration().note()).isEqualTo("uncalibrated: default efficiencies");
  }

  @Test
  void expertGemms_withOneTokenPerExpert_areChargedAtLeastReadingEveryExpertsWeights() {
    // 1,024 experts, top 1, 1,024 tokens per micro-batch: one token per expert, so each expert GEMM is a
    // matrix-vector product that must read its whole weight (h·f BF16 elements per matrix, 3 matrices gated);
    // per-GEMM roofline (Williams et al. 2009): time >= bytes / (HBM bandwidth · memory efficiency).
    int h = 1024, f = 512, experts = 1024, layers = 4, seq = 1024;
    TransformerModel tiny = new TransformerModel("tiny-experts", layers, h, 8, 8, 128, 4 * h, 32_000, true, false,
        Optional.of(new TransformerModel.Moe(experts, 1, 0, f, 0)), Optional.empty(), "test model");
    TrainingCostModel c = new TrainingCostModel(tiny, a100, TrainingOptions.of(seq, 8));
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    c.evaluate(1, 1, 1, 1, 1, 1, 1, Recompute.NONE, Sharding.NONE, out);
    double memRate = a100.memoryBandwidth().bytesPerSecond() * a100.calibration().memoryEfficiency().value();
    double expertWeightBytesPerLayer = experts * 3.0 * h * f * 2;
    double microBatches = out[TrainingCostModel.MICRO_BATCHES];
    // forward plus backward (twice the forward), every layer, every micro-batch
    assertThat(out[TrainingCostModel.T_GEMM]).isGreaterThanOrEqualTo(microBatches * layers * 3 * expertWeightBytesPerLayer / memRate);
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

  @Test
  void overlapWindows_issue11_backwardTakesPipelineAndExpertNetworkTimeOutOnce_andRingAttentionTwice() {
    // Backward per micro-batch: the pipeline sends one gradient per boundary (as much as the forward's activation),
    // the expert all-to-alls move the forward's volume again, ring attention sends K/V and their gradients.
    double backward = 10, pp = 1, ep = 2, cp = 0.5;
    assertThat(TrainingCostModel.backwardWindow(backward, pp, ep, cp)).isEqualTo(backward - pp - ep - 2 * cp);
    assertThat(TrainingCostModel.forwardWindow(backward / 2, pp, ep, cp)).isEqualTo(backward / 2 - pp - ep - cp);
    // never below zero: the collectives then have no window at all
    assertThat(TrainingCostModel.backwardWindow(1, pp, ep, cp)).isZero();
  }

  @Test
  void selectiveRecompute_withFusedAttention_rereadsAndRewritesBothNormsPerLayer() {
    // Megatron-Core recompute_modules "layernorm" recomputes input_layernorm and pre_mlp_layernorm; each reads its
    // BF16 input and writes its BF16 output: 2 norms x (2 + 2) bytes x h per token per layer, at HBM bandwidth x the
    // memory efficiency. A dense model without MLA recomputes nothing else.
    TransformerModel llama = ModelPresets.find("llama2-7b").orElseThrow();
    TrainingOptions o = TrainingOptions.of(4096, 8, Recipes.bundled().find("megatron-core-2024").orElseThrow(), SettingOverrides.NONE);
    double[] out = new double[TrainingCostModel.OUT_SIZE];
    new TrainingCostModel(llama, a100, o).evaluate(1, 1, 8, 1, 1, 1, 1, Recompute.SELECTIVE, Sharding.DIST_OPT, out);
    double tokensPerMicroBatch = 4096;
    double bytes = llama.layers() * tokensPerMicroBatch * 2 * (2 + 2) * llama.hidden();
    double rate = a100.memoryBandwidth().bytesPerSecond() * a100.calibration().memoryEfficiency().value();
    assertThat(out[TrainingCostModel.T_RECOMPUTE]).isCloseTo(out[TrainingCostModel.MICRO_BATCHES] * bytes / rate, withPercentage(1e-9));
  }
}
