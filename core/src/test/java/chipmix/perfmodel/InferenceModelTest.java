package chipmix.perfmodel;

import static chipmix.perfmodel.InferenceFixtures.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.model.TransformerModel.Mla;
import chipmix.model.TransformerModel.Moe;
import chipmix.units.Seconds;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InferenceModelTest {
  private static TransformerModel preset(String name) {
    return ModelPresets.find(name).orElseThrow();
  }

  private static TransformerModel dense(int heads, int kvHeads) {
    return new TransformerModel("t", 32, 4096, heads, kvHeads, 128, 11008, 32_000, true, false, Optional.empty(),
        Optional.empty(), "test");
  }

  @Test
  @DisplayName("KV bytes per token follow 2 * layers * kv_heads * head_dim * bytes for MHA, GQA and MQA")
  void kvBytesPerToken_mhaGqaMqa_matchHandDerivation() {
    assertThat(dense(32, 32).kvCacheBytesPerToken(Precision.BF16.bytesPerElement())).isEqualTo(2.0 * 32 * 32 * 128 * 2);
    assertThat(dense(32, 8).kvCacheBytesPerToken(Precision.BF16.bytesPerElement())).isEqualTo(2.0 * 32 * 8 * 128 * 2);
    assertThat(dense(32, 1).kvCacheBytesPerToken(Precision.FP8.bytesPerElement())).isEqualTo(2.0 * 32 * 1 * 128 * 1);
    // Llama-3-70B GQA: 320 KiB per token in BF16 (modeling reference §3.6 worked numbers).
    assertThat(preset("llama3-70b").kvCacheBytesPerToken(2)).isEqualTo(320 * 1024);
  }

  @Test
  @DisplayName("KV bytes per token for MLA are (kv_lora_rank + rope_head_dim) * layers * bytes")
  void kvBytesPerToken_mla_matchesDeepSeekV2Table1() {
    TransformerModel v3 = preset("deepseek-v3");
    assertThat(v3.kvCacheBytesPerToken(2)).isEqualTo((512.0 + 64) * 61 * 2);
    // DeepSeek-V2 shape (l=60, d_c=512, d_h^R=64): 69,120 bytes per token in BF16 (reference §3.6).
    TransformerModel v2 = new TransformerModel("v2", 60, 5120, 128, 128, 128, 12288, 102_400, true, false,
        Optional.of(new Moe(160, 6, 2, 1536, 1)), Optional.of(new Mla(512, 1536, 64, 128, 128)), "test");
    assertThat(v2.kvCacheBytesPerToken(2)).isEqualTo(69_120);
  }

  @Test
  void kvShard_splitsKvHeadsOverTpButNeverAHead() {
    assertThat(InferenceModel.kvShard(dense(32, 8), 4)).isEqualTo(2.0 / 8);
    assertThat(InferenceModel.kvShard(dense(32, 8), 16)).isEqualTo(1.0 / 8);
    assertThat(InferenceModel.kvShard(dense(32, 1), 8)).isEqualTo(1.0);
    assertThat(InferenceModel.kvShard(preset("deepseek-v3"), 8)).isEqualTo(1.0);
  }

  @Test
  @DisplayName("weights per device: experts over ep, the rest over tp, in FP8 except the embedding and LM head, kept in BF16")
  void weightsPerDevice_moeWithEp_splitsExpertsOverEpAndTheRestOverTp() {
    TransformerModel m = preset("deepseek-v3");
    double experts = 58.0 * 256 * 3 * 7168 * 2048; // MoE layers * experts * gated FFN params
    double vocab = 2.0 * 129_280 * 7168; // untied embedding and LM head
    // FP8 layers (1 byte), BF16 embedding and head (2 bytes): DeepSeek-V3's FP8 checkpoint keeps its head in BF16
    double expected = (m.totalParams() - experts - vocab) * 1 / 1 + experts * 1 / 16 + vocab * 2 / 1;
    assertThat(InferenceModel.weightsPerDevice(m, new ServingLayout(16, 1, 16), Precision.FP8).bytes())
        .isCloseTo(expected, withPercentage(1e-9));
  }

  /** {@code dense(32, 8)} with 96,000 more vocabulary entries: the two differ only in their LM head and embedding. */
  static TransformerModel largerVocab() {
    return new TransformerModel("t", 32, 4096, 32, 8, 128, 11008, 32_000 + 96_000, true, false, Optional.empty(),
        Optional.empty(), "test");
  }

  @Test
  @DisplayName("prefill computes the LM head once per prompt: a larger vocabulary adds prompts * 2 * dVocab * hidden / tp FLOPs at the BF16 peak")
  void prefill_lmHead_costsOneRowPerPromptNotPerToken() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    TransformerModel small = dense(32, 8);
    TransformerModel large = largerVocab();
    ServingLayout l = new ServingLayout(2, 2, 1);
    int prompts = 4;
    for (Precision weights : new Precision[] {Precision.BF16, Precision.FP8}) {
      Workload w = new Workload(1000, 100, weights, Precision.BF16);
      double delta = InferenceModel.prefill(h100, large, l, w, prompts).compute().seconds()
          - InferenceModel.prefill(h100, small, l, w, prompts).compute().seconds();
      // only the 4 sampled positions pass through the head (not the 4,000 prompt tokens), in BF16 whatever the weights
      double flops = prompts * 2.0 * 96_000 * 4096 / 2;
      // 989.4 TFLOP/s: the H100 SXM's dense BF16 peak (catalog chips.yaml, NVIDIA datasheet), not its 1,979 FP8 peak
      double expected = flops / (989.4e12 * h100.hardware().calibration().gemmMaxEfficiency().value());
      assertThat(delta).as("%s weights", weights).isCloseTo(expected, withPercentage(1e-6));
    }
  }

  @Test
  @DisplayName("decode computes the LM head for every token of the batch at the BF16 peak, also with FP8 weights")
  void decodeStep_lmHead_computesEveryTokenInBf16() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    TransformerModel small = dense(32, 8);
    TransformerModel large = largerVocab();
    ServingLayout l = new ServingLayout(2, 2, 1);
    Workload w = new Workload(1000, 100, Precision.FP8, Precision.FP8);
    int batch = 64;
    double delta = InferenceModel.decodeStep(h100, large, l, w, batch).compute().seconds()
        - InferenceModel.decodeStep(h100, small, l, w, batch).compute().seconds();
    double flops = batch * 2.0 * 96_000 * 4096 / 2;
    // 989.4 TFLOP/s: the H100 SXM's dense BF16 peak (catalog chips.yaml), although the weights and other GEMMs are FP8
    assertThat(delta).isCloseTo(flops / (989.4e12 * h100.hardware().calibration().gemmMaxEfficiency().value()),
        withPercentage(1e-6));
  }

  @Test
  @DisplayName("a decode step with FP8 weights streams the layers at one byte per weight and the LM head at two")
  void decodeStep_fp8Weights_streamsTheLmHeadInBf16() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    TransformerModel m = preset("llama3-8b");
    Workload w = new Workload(1000, 200, Precision.FP8, Precision.FP8);
    StepTime t = InferenceModel.decodeStep(h100, m, new ServingLayout(1, 1, 1), w, 1);
    double bytes = m.layers() * (m.attentionParams() + m.ffnParams(m.ffnHidden())) * 1
        + (double) m.vocab() * m.hidden() * 2
        + (1000 + 200 / 2.0) * m.kvCacheBytesPerToken(1);
    double kernels = 7.0 * m.layers() + 1;
    double expected = bytes / (3.35e12 * h100.serving().decodeMemoryEfficiency().value())
        + kernels * h100.serving().steps().kernelLatencyUs().value() * 1e-6;
    assertThat(t.memory().seconds()).isCloseTo(expected, withPercentage(1e-6));
  }

  @Test
  @DisplayName("MTP modules hold one layer's weights each at the weight precision, sharing the BF16 embedding and head")
  void speculationWeights_mtpFp8_excludeTheSharedVocabularyMatrices() {
    InferenceDevice plain = device(InferenceFixtures.h100());
    InferenceDevice h100 = plain.with(new ServingStack(plain.recipe(), new Speculation.Mtp(1, 1.8)));
    TransformerModel m = preset("llama3-8b");
    Workload w = new Workload(1000, 200, Precision.FP8, Precision.FP8);
    double layersAndNorm = m.totalParams() - m.embeddingParams();
    assertThat(InferenceModel.speculationWeightsPerDevice(h100, m, new ServingLayout(1, 1, 1), w))
        .isCloseTo(layersAndNorm * 1 / m.layers(), withPercentage(1e-9));
  }

  @Test
  void maxBatch_denseModel_isFreeMemoryOverKvOfOneFullSequence() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    TransformerModel m = preset("llama3-8b");
    Workload w = new Workload(1000, 1000, Precision.BF16, Precision.BF16);
    double reserve = h100.serving().memoryReserveFraction().value();
    double free = 80 * Math.pow(2, 30) * (1 - reserve) - m.totalParams() * 2; // 80 GB HBM = 80 GiB
    double perSeq = 2000 * (2.0 * 32 * 8 * 128 * 2);
    assertThat(InferenceModel.maxBatch(h100, m, new ServingLayout(1, 1, 1), w)).isEqualTo((int) Math.floor(free / perSeq));
  }

  @Test
  @DisplayName("a decode step at batch 1 is memory-bound: weights plus one KV cache over the effective bandwidth, plus overhead")
  void decodeStep_batch1_isWeightsAndKvStreamedKernelByKernelPlusFixedCosts() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    TransformerModel m = preset("llama3-8b");
    Workload w = new Workload(1000, 200, Precision.BF16, Precision.BF16);
    StepTime t = InferenceModel.decodeStep(h100, m, new ServingLayout(1, 1, 1), w, 1);
    // attention projections, FFNs and the LM head are read once (the embedding table is looked up, not streamed),
    // each layer's KV cache at the average decode context once
    double bytes = (m.layers() * (m.attentionParams() + m.ffnParams(m.ffnHidden())) + (double) m.vocab() * m.hidden()) * 2
        + (1000 + 200 / 2.0) * m.kvCacheBytesPerToken(2);
    // 4 attention + 2 FFN + 1 KV kernels per layer, and the LM head
    double kernels = 7.0 * m.layers() + 1;
    StepCosts steps = h100.serving().steps();
    double expected = bytes / (3.35e12 * h100.serving().decodeMemoryEfficiency().value())
        + kernels * steps.kernelLatencyUs().value() * 1e-6;
    assertThat(t.memory().seconds()).isCloseTo(expected, withPercentage(1e-6));
    assertThat(t.bound()).isEqualTo(StepTime.Bound.MEMORY);
    // batch 1 is graph-captured: per-step overhead plus the captured per-layer overhead
    double fixed = h100.serving().forwardOverheadMs().value() / 1000 + m.layers() * steps.layerOverheadUs().value() * 1e-6;
    assertThat(t.total().seconds()).isCloseTo(expected + fixed, withPercentage(1e-6));
  }

  @Test
  void expertsTouched_isTopKForOneTokenAndApproachesAllExperts() {
    TransformerModel m = preset("deepseek-v3");
    assertThat(InferenceModel.expertsTouched(m, 1)).isCloseTo(8, withPercentage(1e-9));
    assertThat(InferenceModel.expertsTouched(m, 10_000)).isCloseTo(256, withPercentage(0.01));
  }

  @Test
  void prefill_longPromptIsComputeBound() {
    InferenceDevice h20 = device(InferenceFixtures.h20());
    StepTime t = InferenceModel.prefill(h20, preset("llama3-70b"), new ServingLayout(8, 8, 1),
        new Workload(4000, 100, Precision.FP8, Precision.FP8), 1);
    assertThat(t.bound()).isEqualTo(StepTime.Bound.COMPUTE);
  }

  @Test
  @DisplayName("with long contexts (memory-bound decode), H20 decodes more tokens per dollar than H100 and far more than its compute share; H100 prefills faster")
  void h20VersusH100_longContext_h20WinsDecodePerDollar() {
    TransformerModel m = preset("llama3-70b");
    Workload w = new Workload(8000, 500, Precision.FP8, Precision.FP8);
    ServingLayout l = new ServingLayout(8, 8, 1);
    Seconds tpot = Seconds.ofMillis(50);
    InferenceDevice h20 = device(InferenceFixtures.h20());
    InferenceDevice h100 = device(InferenceFixtures.h100());
    double h20Tps = decodeTokensPerSecondPerDevice(h20, m, l, w, tpot);
    double h100Tps = decodeTokensPerSecondPerDevice(h100, m, l, w, tpot);
    // catalog prices (chips-and-rules.md A10: ~12,000 USD; A06: ~33,600 USD) and FP8 peaks (296 vs 1979 TFLOP/s)
    assertThat(h20Tps / 12_000).isGreaterThan(h100Tps / 33_600);
    assertThat(h20Tps / h100Tps).isGreaterThan(2 * 296.0 / 1979);
    StepTime pre20 = InferenceModel.prefill(h20, m, l, w, 1);
    StepTime pre100 = InferenceModel.prefill(h100, m, l, w, 1);
    assertThat(pre20.total().seconds()).isGreaterThan(3 * pre100.total().seconds());
  }

  @Test
  @DisplayName("with short contexts and a relaxed TPOT, large batches make H20 decode compute-bound and H100 wins per dollar")
  void h20VersusH100_shortContextLargeBatch_h100WinsDecodePerDollar() {
    TransformerModel m = preset("llama3-70b");
    Workload w = new Workload(2000, 500, Precision.FP8, Precision.FP8);
    ServingLayout l = new ServingLayout(4, 4, 1);
    InferenceDevice h20 = device(InferenceFixtures.h20());
    InferenceDevice h100 = device(InferenceFixtures.h100());
    Seconds tpot = Seconds.ofMillis(50);
    assertThat(decodeTokensPerSecondPerDevice(h100, m, l, w, tpot) / 33_600)
        .isGreaterThan(decodeTokensPerSecondPerDevice(h20, m, l, w, tpot) / 12_000);
    int batch = InferenceModel.decodeBatchForTpot(h20, m, l, w, tpot, InferenceModel.maxBatch(h20, m, l, w));
    assertThat(InferenceModel.decodeStep(h20, m, l, w, batch).bound()).isEqualTo(StepTime.Bound.COMPUTE);
  }

  private static double decodeTokensPerSecondPerDevice(InferenceDevice d, TransformerModel m, ServingLayout l, Workload w,
      Seconds tpot) {
    int batch = InferenceModel.decodeBatchForTpot(d, m, l, w, tpot, InferenceModel.maxBatch(d, m, l, w));
    return batch / InferenceModel.decodeStep(d, m, l, w, batch).total().seconds() / l.devices();
  }

  @Test
  void batchForTpot_isTheLargestBatchMeetingTheTarget() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    TransformerModel m = preset("llama3-70b");
    Workload w = new Workload(2000, 500, Precision.FP8, Precision.FP8);
    ServingLayout l = new ServingLayout(4, 4, 1);
    Seconds target = Seconds.ofMillis(40);
    InferenceEstimate e = InferenceModel.estimate(h100, m, l, w, new BatchChoice.TpotTarget(target));
    assertThat(e.tpot().seconds()).isLessThanOrEqualTo(target.seconds());
    if (e.batch() < e.maxBatch()) {
      StepTime pre = InferenceModel.prefill(h100, m, l, w, 1);
      assertThat(InferenceModel.colocatedTpot(h100, m, l, w, e.batch() + 1, pre).seconds()).isGreaterThan(target.seconds());
      assertThat(e.batchLimit()).isEqualTo("latency");
    }
  }

  @Test
  void estimate_modelTooBigForReplica_namesTheSmallestReplicaThatFits() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    assertThatThrownBy(() -> InferenceModel.estimate(h100, preset("llama3-70b"), new ServingLayout(1, 1, 1),
        new Workload(2000, 500, Precision.BF16, Precision.BF16), new BatchChoice.MaxMemory()))
        .isInstanceOf(InfeasibleException.class)
        .hasMessageContaining("llama3-70b does not fit on 1 devices")
        .hasMessageContaining("the smallest replica that fits is 2 devices (`devices` 2 `tp` 2 `ep` 1)");
  }

  @Test
  void estimate_noReplicaFitsAtThisPrecision_namesTheSmallestReplicaAtASmallerOne() {
    // Llama 3 405B (405.8e9 parameters) on 80 GiB H100 with 10% reserve (72 GiB usable): bf16 is
    // 94.5 GiB per device even at tp=8, the largest dense replica; fp8 is 94.5 GiB at tp=4 and 47.2 at tp=8.
    InferenceDevice h100 = device(InferenceFixtures.h100());
    assertThatThrownBy(() -> InferenceModel.estimate(h100, preset("llama3-405b"), new ServingLayout(8, 8, 1),
        new Workload(2000, 500, Precision.BF16, Precision.BF16), new BatchChoice.MaxMemory()))
        .isInstanceOf(InfeasibleException.class)
        .hasMessageContaining("no replica fits")
        .hasMessageContaining("with `weights` fp8 the smallest replica that fits is 8 devices (`devices` 8 `tp` 8 `ep` 1)");
  }

  @Test
  void estimate_tpotTargetNoBatchMeets_saysTheBestAchievable() {
    InferenceDevice h20 = device(InferenceFixtures.h20());
    assertThatThrownBy(() -> InferenceModel.estimate(h20, preset("llama3-70b"), new ServingLayout(8, 8, 1),
        new Workload(2000, 500, Precision.FP8, Precision.FP8), new BatchChoice.TpotTarget(Seconds.ofMillis(1))))
        .isInstanceOf(InfeasibleException.class)
        .hasMessageContaining("no batch meets a time per output token of 1.00 ms")
        .hasMessageContaining("the best achievable is");
  }

  @Test
  void estimate_batchAboveMemoryLimit_saysTheLargestThatFits() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    assertThatThrownBy(() -> InferenceModel.estimate(h100, preset("llama3-8b"), new ServingLayout(1, 1, 1),
        new Workload(100_000, 1000, Precision.BF16, Precision.BF16), new BatchChoice.Fixed(1000)))
        .isInstanceOf(InfeasibleException.class)
        .hasMessageContaining("batch 1000 does not fit")
        .hasMessageContaining("use `batch`");
  }

  @Test
  void layoutProblems_listEveryProblemWithTheOptionName() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    assertThatThrownBy(() -> InferenceModel.estimate(h100, preset("llama3-70b"), new ServingLayout(16, 16, 16),
        new Workload(10, 10, Precision.BF16, Precision.BF16), new BatchChoice.MaxMemory()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues())
            .extracting(i -> i.path()).containsExactlyInAnyOrder("`tp`", "`ep`"));
  }

  @Test
  void workloadProblems_zeroAndNegativeLengths_areReportedTogether() {
    assertThat(Workload.problems(0, -5, Precision.INT4, "`prompt_tokens`", "`output_tokens`", "`kv`"))
        .extracting(i -> i.path()).containsExactly("`prompt_tokens`", "`output_tokens`", "`kv`");
  }

  @Test
  void kernelSerial_addsOnlyWhatKernelClassesBoundDifferentlyCannotHide() {
    // GEMMs bound by compute (3 s against 1 s of bytes), attention by memory (2 s against 0.5 s of FLOPs):
    // one after another they take 3 + 2 s, the whole-pass roofline max(3.5, 3) says 3.5 s
    assertThat(StepTime.kernelSerialOf(StepTime.KernelClass.ofSeconds(3, 1), StepTime.KernelClass.ofSeconds(0.5, 2))
        .seconds()).isCloseTo((3 + 2) - Math.max(3 + 0.5, 1 + 2), withPercentage(1e-9));
    // both classes bound by compute: the whole-pass roofline is already their sum
    assertThat(StepTime.kernelSerialOf(StepTime.KernelClass.ofSeconds(3, 1), StepTime.KernelClass.ofSeconds(2, 1))
        .seconds()).isZero();
  }

  @Test
  void decodeStep_largeDenseBatch_computeBoundGemmsDoNotHideTheAttentionKvReads() {
    // Llama 2 7B FP8 on one H100 at 768 sequences of 128 + 128 tokens (the TensorRT-LLM v0.6.1 static row's shape)
    InferenceDevice h100 = device(InferenceFixtures.h100());
    TransformerModel m = preset("llama2-7b");
    ServingLayout l = new ServingLayout(1, 1, 1);
    Workload w = new Workload(128, 128, Precision.FP8, Precision.FP8);
    int batch = 768;
    StepTime t = InferenceModel.decodeStep(h100, m, l, w, batch);
    StepCosts steps = h100.serving().steps();
    double bw = h100.hardware().memoryBandwidth().bytesPerSecond();
    double kvRead = steps.streamSeconds(batch * InferenceModel.kvPerSequencePerDevice(m, l, w.kv(), w.averageDecodeContext()),
        m.layers(), bw, h100.serving().decodeMemoryEfficiency().value());
    double attnFlops = batch * m.layers() * InferenceModel.decodeAttentionFlopsPerToken(m, w.averageDecodeContext());
    double attnCompute = attnFlops / (h100.hardware().peak(Precision.BF16).flopsPerSecond()
        * steps.decodeAttentionEfficiency().value());
    double gemmCompute = t.compute().seconds() - attnCompute;
    double weightRead = t.memory().seconds() - kvRead;
    assertThat(gemmCompute).isGreaterThan(weightRead);
    assertThat(kvRead).isGreaterThan(attnCompute);
    // kernel by kernel: the GEMMs at their FLOPs, then the attention kernels at their KV bytes
    assertThat(t.total().seconds() - t.overhead().seconds()).isCloseTo(gemmCompute + kvRead, withPercentage(1e-9));
    assertThat(t.kernelSerial().seconds()).isGreaterThan(0);
  }

  @Test
  void decodeStep_oneSequence_everyKernelMemoryBoundSoNothingSerialises() {
    InferenceDevice h100 = device(InferenceFixtures.h100());
    StepTime t = InferenceModel.decodeStep(h100, preset("llama2-7b"), new ServingLayout(1, 1, 1),
        new Workload(128, 128, Precision.FP8, Precision.FP8), 1);
    assertThat(t.kernelSerial().seconds()).isZero();
    assertThat(t.total().seconds()).isCloseTo(t.memory().seconds() + t.overhead().seconds(), withPercentage(1e-9));
  }
}
