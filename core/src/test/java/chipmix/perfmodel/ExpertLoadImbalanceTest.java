package chipmix.perfmodel;

import static chipmix.perfmodel.InferenceFixtures.deviceWithScaleOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.io.Yaml;
import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The busiest expert-parallel rank (h800serve10, issue #12): every rank waits for it at each MoE layer, so its load (the
 * residual imbalance under EPLB plus routing's per-batch fluctuation) sets the pace of the routed experts and the
 * all-to-all where the all-to-all spans nodes.
 */
class ExpertLoadImbalanceTest {
  static final TransformerModel DSV3 = ModelPresets.find("deepseek-v3").orElseThrow();
  static final Workload W = new Workload(4096, 1000, Precision.FP8, Precision.BF16);

  static InferenceDevice on(InferenceDevice d, String recipe) {
    return d.with(new ServingStack(ServingRecipes.find("recipe", recipe), new Speculation.None()));
  }

  /**
   * The same device without the residual imbalance (expert_load_imbalance 1: routing uniform in expectation; the busiest
   * rank still carries routing's per-batch fluctuation).
   */
  static InferenceDevice uniform(InferenceDevice d) {
    StepCosts c = d.serving().steps();
    InferenceCalibration s = d.serving();
    StepCosts steps = new StepCosts(c.kernelLatencyUs(), c.layerOverheadUs(), c.layerOverheadEagerUs(),
        c.decodeAttentionEfficiency(), c.allToAllLatencyUs(), c.allToAllLatencyPerDoublingUs(), c.groupedGemmBlockRows(),
        StepCosts.UNIFORM_ROUTING);
    return new InferenceDevice(d.hardware(), new InferenceCalibration(s.chipIds(), s.calibrated(), s.decodeMemoryEfficiency(),
        s.forwardOverheadMs(), s.memoryReserveFraction(), s.prefillGemmEfficiency(), s.prefillAttentionEfficiency(),
        s.prefillAttentionHalfTokens(), s.decodeGemmHalfDim(), steps, s.defaultRecipe(), s.software(), s.note())).with(d.stack());
  }

  @Test
  void expectedMaxOfNormals_matchesTheClosedFormsForTwoAndThreeDraws_andGrowsWithTheDraws() {
    // E[max of 2] = 1/sqrt(pi), E[max of 3] = 3 / (2 sqrt(pi))
    assertThat(StepCosts.expectedMaxOfNormals(2)).isCloseTo(1 / Math.sqrt(Math.PI), within(1e-6));
    assertThat(StepCosts.expectedMaxOfNormals(3)).isCloseTo(3 / (2 * Math.sqrt(Math.PI)), within(1e-6));
    assertThat(StepCosts.expectedMaxOfNormals(1)).isZero();
    assertThat(StepCosts.expectedMaxOfNormals(128)).isGreaterThan(StepCosts.expectedMaxOfNormals(32))
        // never above the classical bound sqrt(2 ln n)
        .isLessThan(Math.sqrt(2 * Math.log(128)));
  }

  @Test
  void bundledResidual_isLmsysPerfectEplbThroughputOverTheDataDistributions() {
    // LMSYS 2025-05-05, Profile Results: EP32 prefill, 59,337 (simulated perfect EPLB) against 50,302 tokens/s per node
    StepCosts c = Calibrations.bundled().inferenceFallback().steps();
    assertThat(c.expertLoadImbalance().value()).isCloseTo(59_337.0 / 50_302, within(0.005));
    assertThat(c.expertLoadImbalance().source()).contains("LMSYS").contains("59,337").contains("50,302");
    // chips with their own serving entry take the default's
    assertThat(Calibrations.bundled().inferenceFor("h200").steps().expertLoadImbalance())
        .isEqualTo(c.expertLoadImbalance());
  }

  @Test
  void busiestRankLoad_isTheResidualPlusTheLargestOfTheRanksPoissonFluctuations() {
    StepCosts c = Calibrations.bundled().inferenceFallback().steps();
    double s = c.expertLoadImbalance().value();
    // 88 tokens per rank, top-8: 704 token-expert pairs, standard deviation sqrt(704), the largest of 128 ranks
    assertThat(c.busiestRankLoad(704, 128)).isCloseTo(s + StepCosts.expectedMaxOfNormals(128) / Math.sqrt(704), within(1e-12));
    // many pairs per rank: the fluctuation vanishes and the residual remains
    assertThat(c.busiestRankLoad(1e9, 128)).isCloseTo(s, within(1e-3));
    // one rank waits for nobody
    assertThat(c.busiestRankLoad(704, 1)).isEqualTo(1);
  }

  @Test
  void crossNodePrefill_allToAllCarriesTheResidual_andTheExpertGemmsTheBusiestRank() {
    InferenceDevice h100 = on(deviceWithScaleOut(InferenceFixtures.h100()), "sglang-pd-ep");
    InferenceDevice flat = uniform(h100);
    ServingLayout ep32 = new ServingLayout(32, 1, 32);
    double s = h100.serving().steps().expertLoadImbalance().value();
    StepTime hot = InferenceModel.prefill(h100, DSV3, ep32, W, 2);
    StepTime even = InferenceModel.prefill(flat, DSV3, ep32, W, 2);
    // two micro-batches, dispatch and combine per MoE layer, each with the scale-out latency: the rest is bytes, which
    // the busiest rank's residual load multiplies
    double latency = 2 * 2 * DSV3.moeLayerCount() * h100.hardware().calibration().scaleOutLatencyUs().value() * 1e-6;
    assertThat(hot.allToAll().seconds() - latency).isCloseTo(s * (even.allToAll().seconds() - latency), withPercentage(1e-6));
    // the routed experts compute more on the busiest rank; attention and the dense GEMMs do not change
    assertThat(hot.compute().seconds()).isGreaterThan(even.compute().seconds());
    assertThat(hot.memory().seconds()).isEqualTo(even.memory().seconds());
  }

  @Test
  void withinOneScaleUpDomain_routingStaysUniform() {
    // the residual was measured across nodes; EP8 inside one 8-GPU node keeps uniform routing (and so does ep = 1)
    InferenceDevice h100 = on(deviceWithScaleOut(InferenceFixtures.h100()), "sglang-pd-ep");
    InferenceDevice flat = uniform(h100);
    ServingLayout ep8 = new ServingLayout(8, 1, 8);
    assertThat(InferenceModel.busiestRankLoad(h100, DSV3, ep8, 4096)).isEqualTo(1);
    assertThat(InferenceModel.prefill(h100, DSV3, ep8, W, 2).total())
        .isEqualTo(InferenceModel.prefill(flat, DSV3, ep8, W, 2).total());
    assertThat(InferenceModel.decodeStep(h100, DSV3, ep8, W, 8 * 64).total())
        .isEqualTo(InferenceModel.decodeStep(flat, DSV3, ep8, W, 8 * 64).total());
    assertThat(InferenceModel.busiestRankLoad(h100, DSV3, new ServingLayout(8, 8, 1), 4096)).isEqualTo(1);
  }

  @Test
  void crossNodeDecode_theBusiestRankSetsTheRoutedExpertsAndTheAllToAll_soThePassIsSlower() {
    InferenceDevice h100 = on(deviceWithScaleOut(InferenceFixtures.h100()), "sglang-pd-ep");
    InferenceDevice flat = uniform(h100);
    ServingLayout ep72 = new ServingLayout(72, 1, 72);
    double batch = 72 * 128;
    // two micro-batches of 64 sequences per rank: 64 x 8 token-expert pairs per rank in each
    double expected = h100.serving().steps().expertLoadImbalance().value()
        + StepCosts.expectedMaxOfNormals(72) / Math.sqrt(64.0 * 8);
    assertThat(InferenceModel.busiestRankLoad(h100, DSV3, ep72, batch / 2)).isCloseTo(expected, within(1e-12));
    StepTime hot = InferenceModel.decodeStep(h100, DSV3, ep72, W, batch);
    StepTime even = InferenceModel.decodeStep(flat, DSV3, ep72, W, batch);
    assertThat(hot.total().seconds()).isGreaterThan(even.total().seconds());
    // the weights streamed are the mean rank's (the busiest touches no more distinct experts at this batch)
    assertThat(hot.memory()).isEqualTo(even.memory());
    // the routed experts' FLOPs: the busiest rank's tokens through the same padded blocks, in both micro-batches; without
    // the residual the busiest rank still carries the fluctuation
    StepCosts c = h100.serving().steps();
    double routedTokens = batch / 2;
    double fluctuationOnly = 1 + StepCosts.expectedMaxOfNormals(72) / Math.sqrt(64.0 * 8);
    assertThat(InferenceModel.busiestRankLoad(flat, DSV3, ep72, batch / 2)).isCloseTo(fluctuationOnly, within(1e-12));
    double extra = 2 * (InferenceModel.routedExpertFlopsPerDevice(DSV3, ep72, c, routedTokens * expected)
        - InferenceModel.routedExpertFlopsPerDevice(DSV3, ep72, c, routedTokens * fluctuationOnly));
    double peak = h100.hardware().peak(Precision.FP8).flopsPerSecond() * h100.hardware().calibration().gemmMaxEfficiency().value();
    assertThat(hot.compute().seconds() - even.compute().seconds()).isCloseTo(extra / peak, withPercentage(1e-6));
  }

  @Test
  void parse_anImbalanceBelowOne_isAnErrorNamingTheKeyAndTheValue_andAChipEntryWithoutItTakesTheDefaults() {
    String steps = InferenceCalibrationTest.COMPLETE_SERVING_DEFAULT;
    String training = """
        default:
          gemm_max_efficiency: {value: 0.6, source: s, confidence: low}
          gemm_half_dim: {value: 256, source: s, confidence: low}
          attention_efficiency: {value: 0.3, source: s, confidence: low}
          unfused_attention_efficiency: {value: 0.15, source: s, confidence: low}
          memory_efficiency: {value: 0.7, source: s, confidence: low}
          scale_up_bus_efficiency: {value: 0.7, source: s, confidence: low}
          scale_up_latency_us: {value: 10, source: s, confidence: low}
          scale_out_bus_efficiency: {value: 0.7, source: s, confidence: low}
          scale_out_latency_us: {value: 20, source: s, confidence: low}
          moe_host_per_local_expert_us: {value: 500, source: s, confidence: low}
        chips: []
        """;
    String chip = """
            - chip_ids: [h100-sxm]
              software: "y"
              decode_memory_efficiency: {value: 0.8, source: s, confidence: low}
              forward_overhead_ms: {value: 2, source: s, confidence: low}
              memory_reserve_fraction: {value: 0.1, source: s, confidence: low}
        """;
    // a default without the key: uniform routing
    Calibrations none = Calibrations.parse(Yaml.parse(training + "inference:\n  default:\n" + steps + "  chips: []\n",
        "test.yaml"), "test.yaml");
    assertThat(none.inferenceFallback().steps().expertLoadImbalance()).isEqualTo(StepCosts.UNIFORM_ROUTING);
    String stated = steps + "      expert_load_imbalance: {value: 1.25, source: t, confidence: low}\n";
    Calibrations ok = Calibrations.parse(Yaml.parse(training + "inference:\n  default:\n" + stated + "  chips:\n" + chip,
        "test.yaml"), "test.yaml");
    assertThat(ok.inferenceChips()).singleElement()
        .satisfies(i -> assertThat(i.steps().expertLoadImbalance().value()).isEqualTo(1.25));
    String below = steps + "      expert_load_imbalance: {value: 0.8, source: t, confidence: low}\n";
    assertThatThrownBy(() -> Calibrations.parse(Yaml.parse(training + "inference:\n  default:\n" + below + "  chips: []\n",
        "test.yaml"), "test.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expert_load_imbalance").hasMessageContaining("0.8").hasMessageContaining("between 1");
  }
}
