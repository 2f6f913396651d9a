package chipmix.perfmodel;

import chipmix.model.TransformerModel;
import chipmix.units.Bytes;
import chipmix.units.Seconds;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.util.Comparator;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The analytical inference model: prefill and decode time of one replica, memory per device,
 * largest batch, batch at a time-per-output-token target. Pure functions; formulas from
 * {@code modeling-and-heterogeneous-fleets.md} §3.5–3.6 (roofline, KV cache per token, ring
 * all-reduce and pairwise all-to-all costs) and documented in {@code docs/inference-model.md}.
 *
 * <p>Assumptions the efficiencies stand for: continuous batching with a paged KV cache,
 * FlashAttention/FlashMLA-class attention kernels, CUDA/ACL graphs for decode, communication of
 * the expert all-to-all overlapped with computation (DeepEP/two-batch overlap), chunked prefill
 * interleaved with decode when prefill and decode share devices.
 */
public final class InferenceModel {
  /** Activations travel in BF16 in tensor-parallel all-reduces and expert all-to-alls. */
  static final double ACTIVATION_BYTES = 2;

  private InferenceModel() {}

  // ---- parallelism checks ------------------------------------------------------------

  /** Problems of {@code layout} for this model and device, with option names as paths; empty when valid. */
  public static List<ValidationIssue> layoutProblems(TransformerModel m, Hardware hw, ServingLayout layout) {
    List<ValidationIssue> p = new ArrayList<>();
    if (layout.tp() > hw.scaleUpDomain()) {
      p.add(new ValidationIssue("`tp`", "tensor parallelism stays inside one scale-up domain of " + hw.scaleUpDomain()
          + " devices on " + hw.chipId() + ", got " + layout.tp() + " (use `tp` " + hw.scaleUpDomain() + " or less)"));
    }
    if (m.heads() % layout.tp() != 0) {
      p.add(new ValidationIssue("`tp`", "tp " + layout.tp() + " must divide the " + m.heads() + " attention heads of " + m.name()));
    }
    if (layout.ep() > 1 && m.moe().isEmpty()) {
      p.add(new ValidationIssue("`ep`", "expert parallelism needs a mixture-of-experts model; " + m.name()
          + " is dense (use `ep` 1)"));
    }
    if (layout.ep() > 1 && m.moe().isPresent()) {
      int experts = m.moe().get().experts();
      if (layout.ep() > experts) {
        p.add(new ValidationIssue("`ep`", "ep " + layout.ep() + " is more than the " + experts + " routed experts of " + m.name()
            + " (a device would hold no expert); use an ep that divides " + experts));
      } else if (experts % layout.ep() != 0) {
        p.add(new ValidationIssue("`ep`", "ep " + layout.ep() + " must divide the " + experts + " routed experts of " + m.name()
            + " (every device holds the same number of experts; redundant experts are not modelled)"));
      }
    }
    if (layout.ep() > 1 && layout.ep() > hw.scaleUpDomain() && hw.scaleOutPerDevice().isEmpty()) {
      p.add(new ValidationIssue("`ep`", "ep " + layout.ep() + " crosses scale-up domains of " + hw.scaleUpDomain()
          + " devices, but the catalog has no scale-out bandwidth for " + hw.chipId()
          + " (use `ep` " + hw.scaleUpDomain() + " or less, or add scale_out_bandwidth_gbps with `catalog` FILE)"));
    }
    if (m.moe().isEmpty() && layout.devices() > layout.tp()) {
      p.add(new ValidationIssue("`devices`", "a replica of the dense model " + m.name() + " spans its tensor-parallel group only"
          + " (pipeline parallelism is not modelled); use `devices` " + layout.tp() + " and more replicas"));
    }
    return p;
  }

  // ---- parameters and memory ---------------------------------------------------------

  /** Parameters of all routed experts (0 for a dense model). */
  public static double routedExpertParams(TransformerModel m) {
    return m.moe().map(e -> (double) m.moeLayerCount() * e.experts() * m.ffnParams(e.expertFfnHidden())).orElse(0.0);
  }

  /** Routed-expert parameters one token passes through (top-k per MoE layer). */
  public static double activeRoutedExpertParams(TransformerModel m) {
    return m.moe().map(e -> (double) m.moeLayerCount() * e.topK() * m.ffnParams(e.expertFfnHidden())).orElse(0.0);
  }

  /**
   * The precision the LM head and the input embedding are stored and multiplied in, whatever the
   * weights' precision: quantised checkpoints keep both in BF16. NVIDIA ModelOpt's quantisation configs
   * disable {@code *lm_head*} by default ({@code modelopt/torch/quantization/config.py},
   * {@code _default_disabled_quantizer_cfg}); vLLM's FP8 quantises {@code LinearBase} and {@code FusedMoE}
   * layers only, and the LM head is a {@code ParallelLMHead}, a vocabulary-parallel embedding
   * ({@code vllm/model_executor/layers/quantization/fp8.py}, {@code Fp8Config.get_quant_method});
   * DeepSeek-V3's FP8 release builds its head at the default dtype, BF16
   * ({@code inference/model.py}: {@code ColumnParallelLinear(args.dim, args.vocab_size,
   * dtype=torch.get_default_dtype())}; technical report §3.3.1: embedding and output head kept in their
   * original precision); Ascend msModelSlim W8A8 descriptions mark them {@code "FLOAT"}
   * ({@code quant_model_description.json}: {@code "lm_head.weight": "FLOAT"},
   * {@code "model.embed_tokens.weight": "FLOAT"}). docs/inference-model.md "LM head".
   */
  public static final Precision VOCAB_PRECISION = Precision.BF16;

  /** Parameters of the LM head, the vocabulary matrix every sampled position multiplies ({@code vocab · hidden}). */
  static double headParams(TransformerModel m) {
    return (double) m.vocab() * m.hidden();
  }

  /** Weight bytes of the LM head on one device: vocabulary-parallel over tp, at {@link #VOCAB_PRECISION}. */
  static double headBytesPerDevice(TransformerModel m, ServingLayout layout) {
    return headParams(m) * VOCAB_PRECISION.bytesPerElement() / layout.tp();
  }

  /**
   * Weight bytes one device holds: the layers' non-expert part split over tp at the weight precision,
   * routed experts over ep (or tp when ep = 1), the embedding and LM head over tp at
   * {@link #VOCAB_PRECISION} (quantised checkpoints keep them in BF16).
   */
  public static Bytes weightsPerDevice(TransformerModel m, ServingLayout layout, Precision weights) {
    double vocab = m.embeddingParams() * VOCAB_PRECISION.bytesPerElement() / layout.tp();
    return new Bytes(layerWeightsPerDevice(m, layout, weights) + vocab);
  }

  /** Weight bytes of the layers (and the final norm) on one device, without the embedding and the LM head. */
  /**
   * Weight-streaming GEMM kernels of one pass over the layers, as decode counts them: four attention projections per
   * layer, the fused gate/up and the down projection per dense FFN, per MoE layer the shared experts' pair (where it
   * has shared experts) and the routed experts' grouped pair. The LM head is one more.
   */
  static double weightKernelsPerPass(TransformerModel m) {
    double shared = m.moe().map(e -> e.sharedExperts() > 0 ? 2.0 : 0.0).orElse(0.0);
    return 4.0 * m.layers() + 2.0 * m.denseLayerCount() + (shared + 2.0) * m.moeLayerCount();
  }

  static double layerWeightsPerDevice(TransformerModel m, ServingLayout layout, Precision weights) {
    double experts = routedExpertParams(m);
    double other = m.totalParams() - experts - m.embeddingParams();
    double perDevice = other / layout.tp() + experts / (layout.ep() > 1 ? layout.ep() : layout.tp());
    return perDevice * weights.bytesPerElement();
  }

  /**
   * Share of one token's KV cache a device of a tensor-parallel group holds: GQA/MHA heads split
   * over tp (a head is not split, so MQA and tp above kv_heads replicate); MLA's latent is replicated.
   */
  public static double kvShard(TransformerModel m, int tp) {
    if (m.mla().isPresent()) {
      return 1.0;
    }
    return Math.ceil((double) m.kvHeads() / tp) / m.kvHeads();
  }

  /** Device memory left for the KV cache after the runtime reserve and the weights; negative when the weights do not fit. */
  public static double kvBudgetPerDevice(InferenceDevice dev, TransformerModel m, ServingLayout layout, Precision weights) {
    double usable = dev.hardware().memory().bytes() * (1 - dev.serving().memoryReserveFraction().value());
    return usable - weightsPerDevice(m, layout, weights).bytes();
  }

  /** KV-cache bytes of one sequence at {@code context} tokens on one device of its attention group. */
  public static double kvPerSequencePerDevice(TransformerModel m, ServingLayout layout, Precision kv, double context) {
    return context * m.kvCacheBytesPerToken(kv.bytesPerElement()) * kvShard(m, layout.tp());
  }

  /** The largest batch (concurrent sequences per replica) whose KV cache at full context fits next to the weights; 0 if none. */
  public static int maxBatch(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w) {
    double budget = kvBudgetPerDevice(dev, m, layout, w.weights()) - speculationWeightsPerDevice(dev, m, layout, w);
    if (budget <= 0) {
      return 0;
    }
    double perSeq = kvPerSequencePerDevice(m, layout, w.kv(), w.fullContext()) + speculationKvPerSequence(dev, m, layout, w);
    double perGroup = Math.floor(budget / perSeq);
    return (int) Math.min(Integer.MAX_VALUE / 2, perGroup * layout.attentionGroups());
  }

  /** The precision the matmuls run in: the weight precision where the chip has a peak for it, else BF16 (weight-only quantisation). */
  public static Precision computePrecision(Hardware hw, Precision weights) {
    return weights != Precision.INT4 && hw.supports(weights) ? weights : Precision.BF16;
  }

  /** Expected number of distinct routed experts per MoE layer that {@code tokens} tokens touch, routing uniformly (top-k each). */
  public static double expertsTouched(TransformerModel m, double tokens) {
    return m.moe().map(e -> e.experts() * (1 - Math.pow(1 - (double) e.topK() / e.experts(), tokens))).orElse(0.0);
  }

  // ---- forward passes ----------------------------------------------------------------

  /**
   * One decode forward pass of a replica at {@code batch} concurrent sequences, with speculative
   * decoding the verification pass ({@code q} tokens per sequence) plus its draft passes. Per-step
   * model (docs/inference-model.md "Per-step model"):
   * <ul>
   *   <li>memory: every weight matrix and each layer's KV cache streamed once, kernel by kernel, at
   *       the chip's decode memory efficiency on the kernel-size curve ({@link StepCosts#streamSeconds});
   *       routed experts only as far as the batch touches them;</li>
   *   <li>compute: matmul FLOPs at the GEMM ceiling; decode attention (MLA in its absorbed form, as
   *       FlashMLA runs it) at {@code decode_attention_efficiency} of the BF16 peak, or of the FP8
   *       peak where the recipe runs FP8 attention and the chip has FP8;</li>
   *   <li>expert all-to-all: low-latency dispatch (FP8 where the matmuls are 8-bit) and combine
   *       (BF16) per MoE layer with a latency that grows with the nodes spanned; under the recipe's
   *       two-batch overlap (at least two tokens per device) each of the two micro-batches streams the
   *       weights and pays the latencies itself, the kernel classes are the stages of both
   *       micro-batches, each at its own roofline ({@link #twoBatchKernelStream}), and only
   *       what the other micro-batch's stages do not cover adds ({@link #twoBatchExposedAllToAll});
   *       under single-batch overlap only the part the
   *       shared experts (dispatch) and the routed down GEMM (combine) cover hides;</li>
   *   <li>fixed: per-step overhead plus per-layer overhead, smaller when the recipe captures the
   *       step as a graph (batch per device up to its captured maximum).</li>
   * </ul>
   */
  public static StepTime decodeStep(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w, double batch) {
    StepTime verify = decodePass(dev, m, layout, w, batch, dev.speculation().tokensPerPass());
    Seconds draft = draftTime(dev, m, layout, w, batch);
    return new StepTime(verify.compute(), verify.memory(), verify.allToAll(), verify.tensorParallel(), verify.overhead(),
        draft, verify.allToAllOverlapped(), verify.kernelSerial());
  }

  /** Time per output token of a decode-only replica at {@code batch}: the decode pass over the tokens it accepts. */
  public static Seconds decodeTokenTime(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      double batch) {
    return new Seconds(decodeStep(dev, m, layout, w, batch).total().seconds() / dev.speculation().acceptLength());
  }

  /** One forward pass of {@code q} tokens per sequence (1 for plain decoding; drafted + 1 when verifying). */
  static StepTime decodePass(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w, double batch,
      int q) {
    Hardware hw = dev.hardware();
    Calibration cal = hw.calibration();
    StepCosts steps = dev.serving().steps();
    ServingRecipe recipe = dev.recipe();
    double groups = layout.attentionGroups();
    double seqPerGroup = batch / groups;
    double ctx = w.averageDecodeContext();
    double bytes = w.weights().bytesPerElement();
    int tp = layout.tp();
    double bw = hw.memoryBandwidth().bytesPerSecond();
    double ceiling = dev.serving().decodeMemoryEfficiency().value();

    // weights, kernel by kernel: attention projections (4 per layer), dense FFN (gate/up fused, down),
    // shared experts (2 per MoE layer), routed experts (one grouped GEMM pair per MoE layer), LM head
    double attention = m.layers() * m.attentionParams() * bytes / tp;
    double denseFfn = m.denseLayerCount() * m.ffnParams(m.ffnHidden()) * bytes / tp;
    double shared = m.moe().map(e -> (double) m.moeLayerCount() * e.sharedExperts() * m.ffnParams(e.expertFfnHidden()))
        .orElse(0.0) * bytes / tp;
    double head = headBytesPerDevice(m, layout);
    double experts = routedExpertParams(m);
    double tokens = batch * q;
    double tokensPerDevice = tokens / layout.devices();
    // two-batch overlap splits the batch into two micro-batches that each run every kernel of a layer on
    // their own tokens (SGLang two_batch_overlap.py: decode split at half the sequences): each streams
    // the layer's weights and pays every kernel's, dispatch's and combine's fixed latency
    int microBatches = twoMicroBatches(recipe, layout, tokensPerDevice) ? 2 : 1;
    // with ep = 1 each attention group runs all experts for its own sequences only
    double routedTokens = (layout.ep() > 1 ? batch : seqPerGroup) * q / microBatches;
    // every rank waits for the busiest at each MoE layer: its routed experts compute its load, the all-to-all
    // carries the residual imbalance (busiestRankLoad); the weights touched stay the mean's
    double busiest = busiestRankLoad(dev, m, layout, tokens / microBatches);
    double residual = residualRankLoad(dev, m, layout);
    double busiestRoutedTokens = routedTokens * busiest;
    double touchedShare = m.moe().map(e -> expertsTouched(m, routedTokens) / e.experts()).orElse(0.0);
    double expertBytes = experts * touchedShare * bytes / (layout.ep() > 1 ? layout.ep() : tp);
    double layerWeights = steps.streamSeconds(attention, 4.0 * m.layers(), bw, ceiling)
        + steps.streamSeconds(denseFfn, 2.0 * m.denseLayerCount(), bw, ceiling)
        + steps.streamSeconds(shared, shared > 0 ? 2.0 * m.moeLayerCount() : 0, bw, ceiling)
        + steps.streamSeconds(expertBytes, expertBytes > 0 ? 2.0 * m.moeLayerCount() : 0, bw, ceiling);
    double weightMemory = microBatches * layerWeights + steps.streamSeconds(head, 1, bw, ceiling);
    // KV cache: one attention kernel per layer (and micro-batch) reads every sequence's cache once (all q tokens
    // of a sequence together)
    double kvBytes = seqPerGroup * kvPerSequencePerDevice(m, layout, w.kv(), ctx) * kvReadAmplification(m, layout, recipe);
    double kvMemory = steps.streamSeconds(kvBytes, (double) m.layers() * microBatches, bw, ceiling);
    double memory = weightMemory + kvMemory;

    // Decode GEMMs are thin (M = batch · q); their bandwidth cost is the memory term. Their compute term
    // takes the GEMM ceiling, times the chip's decode GEMM size curve where its serving entry gives one
    // (decodeGemmSlowdown; the MI300X's hipBLASLt FP8 benchmark). Routed experts run as grouped GEMMs whose
    // blocks compute whole tiles of rows per expert: an expert reached by few tokens costs a whole
    // block (StepCosts.expectedPaddedRows), per micro-batch; they stay at the ceiling.
    double routedActive = activeRoutedExpertParams(m);
    double rowsPerGroup = seqPerGroup * q / microBatches;
    double layerGemmFlops = tokens * 2 * (m.activeMatmulParams() - routedActive - headParams(m)) / layout.devices()
        * decodeGemmSlowdown(dev, m, layout, rowsPerGroup)
        + microBatches * routedExpertFlopsPerDevice(m, layout, steps, busiestRoutedTokens);
    // the LM head, one row per token verified, in its own precision (VOCAB_PRECISION)
    double headFlops = tokens * 2 * headParams(m) / layout.devices()
        / dev.serving().decodeGemmShare(seqPerGroup * q, (double) m.vocab() / tp, m.hidden());
    double attnFlops = seqPerGroup * q * m.layers() * decodeAttentionFlopsPerToken(m, ctx) / tp;
    Precision cp = computePrecision(hw, w.weights());
    Precision attnPrecision = recipe.attention().fp8() && hw.supports(Precision.FP8) ? Precision.FP8 : Precision.BF16;
    double gemmCompute = layerGemmFlops / (hw.peak(cp).flopsPerSecond() * cal.gemmMaxEfficiency().value())
        + headFlops / (hw.peak(computePrecision(hw, VOCAB_PRECISION)).flopsPerSecond() * cal.gemmMaxEfficiency().value());
    double attnCompute = attnFlops / (hw.peak(attnPrecision).flopsPerSecond() * steps.decodeAttentionEfficiency().value());
    double compute = gemmCompute + attnCompute;
    // the GEMMs and the attention kernels run one after another: each class at its own bound (a GEMM
    // compute-bound at a large batch does not hide the attention kernels' KV reads)
    double kernelSerial = StepTime.kernelSerialOf(StepTime.KernelClass.ofSeconds(gemmCompute, weightMemory),
        StepTime.KernelClass.ofSeconds(attnCompute, kvMemory)).seconds();

    // under two-batch overlap each micro-batch's dispatch and combine hide behind the stages the schedule
    // runs while they are in flight (twoBatchExposedAllToAll); under single-batch overlap only the part the
    // shared experts (behind dispatch) and the routed down GEMM (behind combine) cover hides; the rest adds;
    // without overlap it adds whole. Either way the exposed part is computed here and adds to the stream, so a decode
    // pass never overlaps its all-to-all with max(compute, memory) in StepTime.total (a prefill pass may)
    double allToAll = microBatches * decodeAllToAll(dev, m, layout, tokensPerDevice / microBatches * residual, cp);
    if (microBatches == 2 || (allToAll > 0 && recipe.moe().overlap() == MoeOverlap.SINGLE_BATCH)) {
      // the stages of one micro-batch (the whole batch under single-batch overlap), computed once here
      DecodeStages stages = decodeStages(dev, m, layout, w, seqPerGroup / microBatches, q, busiestRoutedTokens, expertBytes,
          shared, cp);
      if (microBatches == 2) {
        // the two-batch decode schedule runs both micro-batches' stages one after another on one stream,
        // so the kernel classes are its stages: each at its own roofline (a finer split than GEMMs and
        // attention, which it refines), and their sum is the kernel stream
        double stream = twoBatchKernelStream(dev, m, layout, w, stages, tokens, cp);
        kernelSerial = Math.max(kernelSerial, stream - Math.max(compute, memory));
      }
      allToAll = microBatches == 2
          ? twoBatchExposedAllToAll(dev, m, layout, stages, tokensPerDevice / 2 * residual, cp)
          : singleBatchExposedAllToAll(dev, m, layout, stages, tokensPerDevice * residual, cp);
    }
    // the captured batch sizes count the sequences of one rank's batch: a data-parallel attention rank
    // holds its own share, a tensor-parallel group runs its whole batch on every member (SGLang
    // cuda_graph_runner capture list, in sequences; verification multiplies the tokens, not the batch)
    double layerUs = recipe.graphCaptured(seqPerGroup) ? capturedLayerOverheadUs(steps, recipe)
        : steps.layerOverheadEagerUs().value();
    // each micro-batch launches the layer's small kernels (norms, router, quantisation) itself
    // the host loops over every sequence of the step where the stack does not overlap them with the device (recipe)
    Seconds fixed = new Seconds(dev.serving().forwardOverheadMs().value() * 1e-3
        + microBatches * m.layers() * layerUs * 1e-6 + recipe.scheduling().hostUsPerSequence() * seqPerGroup * 1e-6);
    return new StepTime(new Seconds(compute), new Seconds(memory),
        new Seconds(allToAll),
        new Seconds(microBatches * tensorParallel(dev, m, layout, seqPerGroup * q / microBatches)
            // every verified token is sampled, so the logits of every token are gathered
            + vocabParallel(dev, m, layout, seqPerGroup * q, seqPerGroup * q, microBatches)), fixed, new Seconds(0),
        false, new Seconds(kernelSerial));
  }

  /**
   * How much longer a decode pass's dense GEMMs take than at the GEMM ceiling, on the chip's decode GEMM size curve
   * ({@link InferenceCalibration#decodeGemmShare}): the FLOP-weighted mean of {@code 1 / share} over one layer's GEMMs
   * at {@code rows} rows each, per device: the attention projections before the attention kernel (as one GEMM of the
   * hidden size by their output width, MLA's low-rank parts included), the output projection, the dense FFN (gate and
   * up fused, down) in dense layers and the shared experts in MoE layers. 1 on a chip without a curve.
   */
  static double decodeGemmSlowdown(InferenceDevice dev, TransformerModel m, ServingLayout layout, double rows) {
    InferenceCalibration serving = dev.serving();
    double tp = layout.tp();
    double h = m.hidden();
    double outParams = (double) m.heads() * m.vHeadDim() * h;
    double prepParams = m.attentionParams() - outParams;
    double[][] gemms = new double[4][];
    // {FLOP weight (parameters), n, k} per device, each as many times as the layers that run it
    gemms[0] = new double[] {m.layers() * prepParams, prepParams / h / tp, h};
    gemms[1] = new double[] {m.layers() * outParams, h, outParams / h / tp};
    double ffnLayers = m.denseLayerCount();
    double ffnWidth = m.ffnHidden();
    double moeFfnWidth = m.moe().map(e -> (double) e.sharedExperts() * e.expertFfnHidden()).orElse(0.0);
    double upShare = m.gatedFfn() ? 2.0 / 3 : 0.5;
    double ffnParams = ffnLayers * m.ffnParams(m.ffnHidden()) + m.moeLayerCount() * (moeFfnWidth > 0
        ? m.ffnParams(m.moe().get().expertFfnHidden()) * m.moe().get().sharedExperts() : 0);
    // the FFN's width per device: the dense FFN's where the model has dense layers, else the shared experts'
    double width = ffnLayers > 0 ? ffnWidth : moeFfnWidth;
    gemms[2] = new double[] {ffnParams * upShare, (m.gatedFfn() ? 2 : 1) * width / tp, h};
    gemms[3] = new double[] {ffnParams * (1 - upShare), h, width / tp};
    double flops = 0;
    double time = 0;
    for (double[] g : gemms) {
      if (g[0] <= 0) {
        continue;
      }
      flops += g[0];
      time += g[0] / serving.decodeGemmShare(rows, g[1], g[2]);
    }
    return flops > 0 ? time / flops : 1;
  }

  /**
   * Times of one decode micro-batch's stages in one MoE layer, per device, each at the larger of its
   * FLOPs (at the GEMM ceiling, or the attention efficiency) and its bytes streamed (on the kernel-size
   * curve). The one place the stage times are computed; the overlaps read them.
   *
   * @param preparation the attention projections before the attention kernel (all but the output projection)
   * @param attention the attention kernel over every sequence's KV cache, then the output projection
   * @param sharedExperts the shared experts of the micro-batch
   * @param routedExperts the routed experts the device holds (gate/up and down grouped GEMMs)
   * @param routedDown the down projection of the routed experts the device holds (a third of their FLOPs and bytes)
   * @param denseFfn the FFN of one dense (non-MoE) layer (gate/up and down GEMMs)
   */
  record DecodeStages(double preparation, double attention, double sharedExperts, double routedExperts, double routedDown,
      double denseFfn) {}

  /**
   * The stage times ({@link DecodeStages}) of a micro-batch of {@code seqPerMicroBatch} sequences per
   * attention group at {@code q} tokens each, its routed experts reached by {@code routedTokens} tokens
   * and streaming {@code expertBytes} (all MoE layers), the shared experts {@code sharedBytes} (all MoE layers).
   */
  static DecodeStages decodeStages(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      double seqPerMicroBatch, int q, double routedTokens, double expertBytes, double sharedBytes, Precision cp) {
    Hardware hw = dev.hardware();
    StepCosts steps = dev.serving().steps();
    double bw = hw.memoryBandwidth().bytesPerSecond();
    double ceiling = dev.serving().decodeMemoryEfficiency().value();
    double peakGemm = hw.peak(cp).flopsPerSecond() * hw.calibration().gemmMaxEfficiency().value();
    int tp = layout.tp();
    double bytes = w.weights().bytesPerElement();
    double tokens = seqPerMicroBatch * q;
    // the dense GEMMs (not the routed experts) on the chip's decode GEMM size curve, as in decodePass
    double peakDense = peakGemm / decodeGemmSlowdown(dev, m, layout, tokens);
    int moeLayers = m.moeLayerCount();
    double outParams = (double) m.heads() * m.vHeadDim() * m.hidden();
    double prepParams = m.attentionParams() - outParams;
    double preparation = Math.max(2 * prepParams * tokens / tp / peakDense,
        steps.streamSeconds(prepParams * bytes / tp, 3, bw, ceiling));
    double ctx = w.averageDecodeContext();
    double kvBytes = seqPerMicroBatch * kvPerSequencePerDevice(m, layout, w.kv(), ctx)
        * kvReadAmplification(m, layout, dev.recipe()) / m.layers();
    Precision attnPrecision = dev.recipe().attention().fp8() && hw.supports(Precision.FP8) ? Precision.FP8 : Precision.BF16;
    double attnFlops = tokens * decodeAttentionFlopsPerToken(m, ctx) / tp;
    double attention = Math.max(attnFlops / (hw.peak(attnPrecision).flopsPerSecond() * steps.decodeAttentionEfficiency().value()),
        steps.streamSeconds(kvBytes, 1, bw, ceiling))
        + Math.max(2 * outParams * tokens / tp / peakDense, steps.streamSeconds(outParams * bytes / tp, 1, bw, ceiling));
    double sharedFlops = m.moe().map(e -> tokens * 2.0 * e.sharedExperts() * m.ffnParams(e.expertFfnHidden()) / tp)
        .orElse(0.0);
    double sharedExperts = Math.max(sharedFlops / peakDense,
        steps.streamSeconds(sharedBytes / moeLayers, sharedBytes > 0 ? 2 : 0, bw, ceiling));
    double routedFlops = routedExpertFlopsPerDevice(m, layout, steps, routedTokens);
    // the down projection is one of an expert's three equal matrices (gate, up, down)
    double routedDown = Math.max(routedFlops / moeLayers / 3 / peakGemm,
        steps.streamSeconds(expertBytes / moeLayers / 3, expertBytes > 0 ? 1 : 0, bw, ceiling));
    double routedExperts = moeLayers == 0 ? 0 : Math.max(routedFlops / moeLayers / peakGemm,
        steps.streamSeconds(expertBytes / moeLayers, expertBytes > 0 ? 2 : 0, bw, ceiling));
    double denseParams = m.ffnParams(m.ffnHidden());
    double denseFfn = Math.max(2 * denseParams * tokens / tp / peakDense, steps.streamSeconds(denseParams * bytes / tp, 2, bw, ceiling));
    return new DecodeStages(preparation, attention, sharedExperts, routedExperts, routedDown, denseFfn);
  }

  /**
   * The kernel stream of a decode pass under the two-batch decode schedule: SGLang runs each
   * micro-batch's operations stage by stage, both micro-batches alternating on one CUDA stream
   * ({@code two_batch_overlap.py}: the executor calls each stage's operations in order, one
   * micro-batch's stage after the other's), and DeepEP's low-latency dispatch and combine run in the
   * background without SMs (DeepSeek profile-data README: "after RDMA messages are issued, all GPU SMs
   * are freed"). So no kernel of one stage overlaps another stage's kernel: the stream takes the sum of
   * the stage times of both micro-batches, each at the larger of its FLOPs and its bytes
   * ({@link DecodeStages}), not the larger of the pass's total FLOPs and total bytes (which lets the
   * compute-bound attention kernels hide behind the memory-bound GEMMs of other stages). It refines the
   * two kernel classes (GEMMs, attention) of {@link StepTime#kernelSerial}: the GEMMs split by stage, so
   * a compute-bound routed-expert GEMM does not hide the attention projections' weight read. Every MoE layer
   * (preparation, attention, shared and routed experts), every dense layer (preparation, attention,
   * dense FFN), plus the LM head once over all {@code tokens}.
   */
  static double twoBatchKernelStream(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      DecodeStages stages, double tokens, Precision cp) {
    Hardware hw = dev.hardware();
    double peakHead = hw.peak(computePrecision(hw, VOCAB_PRECISION)).flopsPerSecond()
        * hw.calibration().gemmMaxEfficiency().value();
    double head = Math.max(2 * headParams(m) * tokens / layout.devices() / peakHead,
        dev.serving().steps().streamSeconds(headBytesPerDevice(m, layout), 1,
            hw.memoryBandwidth().bytesPerSecond(), dev.serving().decodeMemoryEfficiency().value()));
    double attentionStages = stages.preparation() + stages.attention();
    double perMicroBatch = m.moeLayerCount() * (attentionStages + stages.sharedExperts() + stages.routedExperts())
        + m.denseLayerCount() * (attentionStages + stages.denseFfn());
    return 2 * perMicroBatch + head;
  }

  /**
   * Per-layer overhead of a decode step that replays captured graphs: the chip's graph value, plus, for piecewise
   * graphs split at the attention operator (vLLM-Ascend v0.9.1 ACLGraph: {@code splitting_ops} extended with
   * {@code vllm.unified_ascend_attention_with_output}), the recipe's share of the eager-minus-graph overhead for the
   * operators each layer still launches outside its graph.
   */
  static double capturedLayerOverheadUs(StepCosts steps, ServingRecipe recipe) {
    double graph = steps.layerOverheadUs().value();
    return graph + recipe.graphs().uncapturedLaunchShare() * Math.max(0, steps.layerOverheadEagerUs().value() - graph);
  }

  /**
   * The expert all-to-all a decode step under two-batch overlap leaves exposed, per SGLang's decode
   * schedule for DeepSeek-style MoE layers ({@code batch_overlap/operations_strategy.py},
   * {@code _compute_moe_deepseek_blog_decode}, after DeepSeek's five-stage decode pipeline): each layer
   * runs in five stages per micro-batch, (1) attention preparation (norm, the projections before the
   * attention kernel), (2) the attention kernel and the output projection, gate and expert selection,
   * (3) dispatch send and the shared experts, (4) dispatch wait, the routed experts and combine send,
   * (5) combine wait; the two micro-batches alternate stage by stage, two stages apart. So a
   * micro-batch's dispatch is in flight while its own shared experts and the other micro-batch's
   * stage 1 run, and its combine while the other's stage 2 runs; what they do not cover stalls the
   * stream. Per MoE layer and micro-batch:
   * {@code max(0, dispatch − shared − preparation) + max(0, combine − attention kernel − output projection)},
   * each stage at the larger of its FLOPs and its bytes ({@code stages}, one micro-batch). Both
   * micro-batches, every MoE layer.
   */
  static double twoBatchExposedAllToAll(InferenceDevice dev, TransformerModel m, ServingLayout layout, DecodeStages stages,
      double tokensPerDevicePerMicroBatch, Precision cp) {
    DispatchCombine perLayer = decodeDispatchCombine(dev, m, layout, tokensPerDevicePerMicroBatch, cp);
    double exposed = Math.max(0, perLayer.dispatch().seconds() - stages.sharedExperts() - stages.preparation())
        + Math.max(0, perLayer.combine().seconds() - stages.attention());
    return 2.0 * m.moeLayerCount() * exposed;
  }

  /**
   * The expert all-to-all a decode step under single-batch overlap leaves exposed (SGLang SBO as Ant
   * Group runs it; DeepGEMM PR sgl-project/DeepGEMM#14): inside one batch the dispatch receive overlaps
   * the shared experts and the combine send the routed experts' down GEMM, and nothing else. Per MoE
   * layer {@code max(0, dispatch − shared) + max(0, combine − down GEMM)} ({@code stages}: the whole batch).
   */
  static double singleBatchExposedAllToAll(InferenceDevice dev, TransformerModel m, ServingLayout layout,
      DecodeStages stages, double tokensPerDevice, Precision cp) {
    DispatchCombine perLayer = decodeDispatchCombine(dev, m, layout, tokensPerDevice, cp);
    return m.moeLayerCount() * (Math.max(0, perLayer.dispatch().seconds() - stages.sharedExperts())
        + Math.max(0, perLayer.combine().seconds() - stages.routedDown()));
  }

  /**
   * FLOPs one device spends on the routed experts of one decode micro-batch of {@code routedTokens}
   * tokens (the replica's with expert parallelism, the attention group's without): each expert it
   * holds computes its expected padded rows ({@code E[block · ceil(tokens at the expert / block)]},
   * uniform routing) through its gate, up and down projections, in every MoE layer. Padding is
   * modelled for expert parallelism, whose decode runs DeepGEMM's masked grouped GEMM (block of 64
   * rows on Hopper, cited in calibration.yaml); with ep = 1 each device holds a 1/tp slice of every
   * expert and the fused-MoE kernel's row tile is tuned per shape (not cited), so rows are not padded.
   */
  static double routedExpertFlopsPerDevice(TransformerModel m, ServingLayout layout, StepCosts steps, double routedTokens) {
    if (m.moe().isEmpty()) {
      return 0;
    }
    var e = m.moe().get();
    double perExpert = routedTokens * e.topK() / e.experts();
    double localExperts = layout.ep() > 1 ? (double) e.experts() / layout.ep() : e.experts();
    double slice = layout.ep() > 1 ? 1 : layout.tp();
    double rows = layout.ep() > 1 ? steps.expectedPaddedRows(perExpert) : perExpert;
    return m.moeLayerCount() * localExperts * rows * 2 * m.ffnParams(e.expertFfnHidden()) / slice;
  }

  /**
   * How many times a decode attention kernel reads each KV head: once with a GQA-aware kernel (or
   * MLA, or MHA); once per query head of its group otherwise ({@code heads / tp} query heads over
   * {@code ceil(kv_heads / tp)} KV heads per device), as masked multi-head attention kernels did.
   */
  static double kvReadAmplification(TransformerModel m, ServingLayout layout, ServingRecipe recipe) {
    if (recipe.attention().gqaSharedKvReads() || m.mla().isPresent() || m.kvHeads() >= m.heads()) {
      return 1;
    }
    double queryHeads = (double) m.heads() / layout.tp();
    return Math.max(1, queryHeads / Math.ceil((double) m.kvHeads() / layout.tp()));
  }

  /**
   * Attention FLOPs of one decode token over {@code ctx} tokens of context in one layer. MLA decodes
   * in its absorbed form (DeepSeek-V2 §2.1.2; FlashMLA: queries attend to the compressed latent as
   * MQA with key dim kv_lora_rank + rope and value dim kv_lora_rank):
   * {@code 2 · heads · (2 · kv_lora_rank + rope) · ctx}; other attention {@code 2 · heads · (d_qk + d_v) · ctx}.
   */
  public static double decodeAttentionFlopsPerToken(TransformerModel m, double ctx) {
    return m.mla().map(a -> 2.0 * m.heads() * (2.0 * a.kvLoraRank() + a.ropeHeadDim()) * ctx)
        .orElseGet(() -> m.attentionScoreFlopsPerToken((int) Math.ceil(ctx)));
  }

  /**
   * Draft passes per verification pass. An iteration of SGLang's EAGLE worker (which also runs
   * DeepSeek's MTP as NEXTN) and of vLLM's proposer runs {@code K} draft forwards for {@code K}
   * drafted tokens: the draft extend over the tokens just accepted (SGLang runs it after
   * verification, vLLM as the proposer's first forward) yields the first draft token, and
   * {@code K − 1} chained forwards the rest (SGLang {@code draft_forward} skips the last step's
   * forward: "we get 1 token from draft prefill and (#spec steps - 1) tokens here"). MTP: each module
   * is one transformer block of the model plus the shared LM head (DeepSeek-V3 §2.2), so a draft
   * forward costs about one layer's share of a plain decode pass of the same batch plus the LM head
   * read. A draft model: a plain decode pass of the draft model on the same devices
   * (tensor-parallel over the same group). The per-pass overhead is paid per host call
   * ({@link #draftHostCalls}).
   */
  static Seconds draftTime(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w, double batch) {
    double overhead = dev.serving().forwardOverheadMs().value() * 1e-3;
    return switch (dev.speculation()) {
      case Speculation.None none -> new Seconds(0);
      case Speculation.Mtp mtp -> {
        StepTime plain = decodePass(dev, m, layout, w, batch, 1);
        double core = plain.total().seconds() - overhead;
        double headSeconds = dev.serving().steps().streamSeconds(headBytesPerDevice(m, layout), 1,
            dev.hardware().memoryBandwidth().bytesPerSecond(),
            dev.serving().decodeMemoryEfficiency().value());
        double perForward = core / m.layers() + headSeconds;
        yield new Seconds(mtp.modules() * perForward + draftHostCalls(dev, layout, batch, mtp.modules()) * overhead);
      }
      case Speculation.Draft d -> {
        ServingLayout draftLayout = new ServingLayout(layout.tp(), layout.tp(), 1);
        double perGroup = batch / layout.attentionGroups();
        InferenceDevice plainDev = dev.with(ServingStack.of(dev.recipe()));
        double perForward = decodePass(plainDev, d.draft(), draftLayout, w, perGroup, 1).total().seconds() - overhead;
        yield new Seconds(d.draftTokens() * perForward + draftHostCalls(dev, layout, batch, d.draftTokens()) * overhead);
      }
    };
  }

  /** Draft forwards of one iteration: one per drafted token (the draft extend and the chained steps, {@link #draftTime}). */
  static int draftForwards(InferenceDevice dev) {
    return switch (dev.speculation()) {
      case Speculation.None none -> 0;
      case Speculation.Mtp mtp -> mtp.modules();
      case Speculation.Draft d -> d.draftTokens();
    };
  }

  /**
   * Host calls (each paying the per-pass overhead) of the {@code forwards} draft forwards of one
   * iteration, by the recipe's {@link DraftLaunch}: MTP layers run inside the target's forward pay none
   * (TensorRT-LLM one-model MTP); where the chained steps are one graph and the rank's batch is within
   * the captured sizes (SGLang {@code EAGLEDraftCudaGraphRunner} captures the whole {@code draft_forward}
   * loop; its Ascend subclass likewise), the {@code forwards − 1} chained steps are one call and the
   * draft extend another (its own graph runner): two, or one when there is no chained step; where the whole
   * iteration is one scheduler step without a host synchronisation (SGLang's spec v2 worker) and the batch is
   * captured, none; otherwise each forward is its own call (vLLM's proposer loop, eager stacks, a separate draft
   * model).
   */
  static int draftHostCalls(InferenceDevice dev, ServingLayout layout, double batch, int forwards) {
    return switch (dev.recipe().draftLaunch()) {
      case IN_TARGET -> dev.speculation() instanceof Speculation.Mtp ? 0 : forwards;
      case ONE_GRAPH -> dev.recipe().graphCaptured(batch / layout.attentionGroups()) ? Math.min(forwards, 2) : forwards;
      case ONE_STEP -> dev.recipe().graphCaptured(batch / layout.attentionGroups()) ? 0 : forwards;
      case PER_FORWARD -> forwards;
    };
  }

  /** Extra memory per device that speculative decoding needs at {@code batch}: its weights plus its KV cache at full context. */
  public static Bytes speculationMemoryPerDevice(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      double batch) {
    return new Bytes(speculationWeightsPerDevice(dev, m, layout, w)
        + batch / layout.attentionGroups() * speculationKvPerSequence(dev, m, layout, w));
  }

  /** Weights per device of the MTP modules (one layer of the model each; embeddings and head shared) or of the draft model. */
  static double speculationWeightsPerDevice(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w) {
    return switch (dev.speculation()) {
      case Speculation.None none -> 0;
      case Speculation.Mtp mtp -> mtp.modules() * layerWeightsPerDevice(m, layout, w.weights()) / m.layers();
      case Speculation.Draft d -> weightsPerDevice(d.draft(), new ServingLayout(layout.tp(), layout.tp(), 1), w.weights())
          .bytes();
    };
  }

  /** KV cache per sequence per device at full context of the MTP modules (a layer's worth each) or of the draft model. */
  static double speculationKvPerSequence(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w) {
    return switch (dev.speculation()) {
      case Speculation.None none -> 0;
      case Speculation.Mtp mtp -> mtp.modules() * kvPerSequencePerDevice(m, layout, w.kv(), w.fullContext()) / m.layers();
      case Speculation.Draft d -> kvPerSequencePerDevice(d.draft(), new ServingLayout(layout.tp(), layout.tp(), 1), w.kv(),
          w.fullContext());
    };
  }

  /**
   * One prefill batch: {@code promptsPerGroup} prompts in each attention group of the replica,
   * compute-bound (FLOPs of the active parameters plus causal attention over the prompt; routed
   * experts as one grouped GEMM per device), with the
   * layers' weights and the LM head read once as the memory floor and the prompt tokens' embedding rows gathered.
   */
  public static StepTime prefill(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      int promptsPerGroup) {
    double tokensPerGroup = (double) promptsPerGroup * w.promptTokens();
    double replicaTokens = tokensPerGroup * layout.attentionGroups();
    double tokensPerDevice = replicaTokens / layout.devices();
    // two-batch overlap splits a prefill batch into two micro-batches of half the tokens (SGLang
    // --enable-two-batch-overlap, off by default; by sequences, and a single prompt into two chunks,
    // tbo_token_distribution_threshold 0.48): each runs its GEMMs at half the rows and reads the weights,
    // and its all-to-all hides behind the other's compute; without it the all-to-all adds
    int microBatches = twoMicroBatches(dev.recipe(), layout, tokensPerDevice) ? 2 : 1;
    // the busiest expert-parallel rank sets each MoE layer's pace (busiestRankLoad): its grouped GEMM and its all-to-all
    double busiest = busiestRankLoad(dev, m, layout, replicaTokens / microBatches);
    double residual = residualRankLoad(dev, m, layout);
    PrefillCompute parts = prefillCompute(dev, m, layout, w, tokensPerGroup / microBatches, busiest);
    // the LM head runs once per prompt, on the position it samples (prefillHeadSeconds), after the layers
    double head = prefillHeadSeconds(dev, m, layout, promptsPerGroup);
    double gemm = microBatches * parts.gemms().seconds() + head;
    double attention = microBatches * parts.attention().seconds();
    double compute = gemm + attention;
    double bw = dev.hardware().memoryBandwidth().bytesPerSecond() * dev.serving().decodeMemoryEfficiency().value();
    // the layers' weights are read by each micro-batch and the LM head once; the input embedding is not streamed but
    // gathered, one row per prompt token (embeddingGatherBytes). Each weight-streaming kernel pays its fixed latency, as
    // in decode (StepCosts.streamSeconds): a prompt short enough to leave the pass memory-bound runs the same GEMMs
    // over the same weights, kernel by kernel
    double kernelLatency = (microBatches * weightKernelsPerPass(m) + 1) * dev.serving().steps().kernelLatencyUs().value() * 1e-6;
    double memory = (microBatches * layerWeightsPerDevice(m, layout, w.weights()) + headBytesPerDevice(m, layout)
        + embeddingGatherBytes(m, tokensPerGroup)) / bw + kernelLatency;
    // the GEMMs (bound by their FLOPs or their weight read) and the attention kernels (by their FLOPs; their
    // KV traffic is not counted in prefill) run one after another, each class at its own bound
    double kernelSerial = StepTime.kernelSerialOf(StepTime.KernelClass.ofSeconds(gemm, memory),
        StepTime.KernelClass.ofSeconds(attention, 0)).seconds();
    // SGLang and vLLM capture decode batches only, so their prefill pays the eager per-layer overhead; MindIE runs
    // prefill as its own whole-model graph (recipe prefill_graph)
    StepCosts steps = dev.serving().steps();
    double layerUs = dev.recipe().graphs().prefill() ? steps.layerOverheadUs().value()
        : steps.layerOverheadEagerUs().value();
    Seconds fixed = new Seconds(dev.serving().forwardOverheadMs().value() * 1e-3 + m.layers() * layerUs * 1e-6
        + dev.recipe().scheduling().hostUsPerSequence() * promptsPerGroup * 1e-6);
    boolean overlapped = microBatches == 2 || dev.recipe().moe().overlap() == MoeOverlap.SINGLE_BATCH;
    return new StepTime(new Seconds(compute), new Seconds(memory),
        new Seconds(microBatches * allToAll(dev, m, layout, tokensPerDevice / microBatches * residual, true)),
        new Seconds(microBatches * tensorParallel(dev, m, layout, tokensPerGroup / microBatches)
            + vocabParallel(dev, m, layout, tokensPerGroup, promptsPerGroup, microBatches)), fixed, new Seconds(0),
        overlapped, new Seconds(kernelSerial));
  }

  /**
   * Load of the busiest expert-parallel rank over the mean when the replica routes {@code replicaTokens} tokens in one
   * (micro-)batch: every rank waits for the busiest at each MoE layer's dispatch and combine, so its load sets the pace
   * ({@link StepCosts#busiestRankLoad}: the residual imbalance under EPLB plus routing's per-batch fluctuation at
   * {@code replicaTokens · k / ep} token-expert pairs per rank). Applied where the all-to-all spans more than one
   * scale-up domain, where the residual was measured (LMSYS 2025-05-05, EP32 over 4 nodes); within one domain, and for
   * dense models or {@code ep = 1}, routing stays uniform (1).
   */
  static double busiestRankLoad(InferenceDevice dev, TransformerModel m, ServingLayout layout, double replicaTokens) {
    if (!spansDomains(dev, m, layout)) {
      return 1;
    }
    return dev.serving().steps().busiestRankLoad(replicaTokens * m.moe().orElseThrow().topK() / layout.ep(), layout.ep());
  }

  /**
   * The residual imbalance alone ({@link StepCosts#expertLoadImbalance}), for the all-to-all's bytes: the latency the
   * decode all-to-all is fitted to (DeepEP's low-latency benchmark) was measured routing random tokens, so routing's
   * per-batch fluctuation is already in it. 1 where {@link #busiestRankLoad} is.
   */
  static double residualRankLoad(InferenceDevice dev, TransformerModel m, ServingLayout layout) {
    return spansDomains(dev, m, layout) ? dev.serving().steps().expertLoadImbalance().value() : 1;
  }

  private static boolean spansDomains(InferenceDevice dev, TransformerModel m, ServingLayout layout) {
    return m.moe().isPresent() && layout.ep() > 1 && layout.ep() > dev.hardware().scaleUpDomain();
  }

  /**
   * Bytes one device reads for the input embedding of {@code tokensPerGroup} tokens: a gather of one row per token,
   * not the table. vLLM's {@code VocabParallelEmbedding.forward} ({@code vllm/model_executor/layers/vocab_parallel_embedding.py};
   * SGLang's {@code layers/vocab_parallel_embedding.py} is the same layer) maps every token outside the rank's shard
   * to row 0 ({@code get_masked_input_and_mask}), looks all of them up ({@code F.embedding}) and zeroes the masked
   * rows, so each rank of the tensor-parallel group reads one row of {@code hidden} elements per token, at
   * {@link #VOCAB_PRECISION}. (Before cleanup10 the prefill memory floor streamed the whole table.)
   */
  static double embeddingGatherBytes(TransformerModel m, double tokensPerGroup) {
    return tokensPerGroup * m.hidden() * VOCAB_PRECISION.bytesPerElement();
  }

  /**
   * The vocabulary-parallel collectives of one pass over {@code tokensPerGroup} tokens of which {@code sampledPerGroup}
   * positions are sampled, in each of {@code microBatches} micro-batches: the input embedding's all-reduce (each rank
   * holds the rows of its vocabulary shard and zeros for the others, so the embedding is summed across the group:
   * {@code tensor_model_parallel_all_reduce(output_parallel)} in vLLM's and SGLang's {@code VocabParallelEmbedding}),
   * {@code tokens · hidden · 2} bytes as a two-shot all-reduce like the layers'; and the gather of the logits, each
   * rank holding {@code vocab / tp} of every sampled position's logits in the head's BF16 (vLLM
   * {@code LogitsProcessor._gather_logits}: {@code tensor_model_parallel_gather} to rank 0, or
   * {@code tensor_model_parallel_all_gather} where the platform needs it; SGLang's {@code LogitsProcessor} and
   * TensorRT-LLM's {@code lm_head} ({@code ColumnLinear}, {@code gather_output}) all-gather), {@code sampled · vocab · 2}
   * bytes as one step with every peer at once, {@code α + ((t−1)/t)nβ}: the all-gather half of the two-shot all-reduce.
   * Zero without tensor parallelism. With data-parallel attention the head and embedding are taken as tensor-parallel
   * over the attention group like the layers (SGLang's DP-attention LM-head options are not modelled).
   */
  static double vocabParallel(InferenceDevice dev, TransformerModel m, ServingLayout layout, double tokensPerGroup,
      double sampledPerGroup, int microBatches) {
    int t = layout.tp();
    if (t == 1) {
      return 0;
    }
    Hardware hw = dev.hardware();
    double embedding = twoShotAllReduce(hw, t, tokensPerGroup / microBatches * m.hidden() * ACTIVATION_BYTES);
    double logits = oneShotGather(hw, t, sampledPerGroup / microBatches * m.vocab() * VOCAB_PRECISION.bytesPerElement());
    return microBatches * (embedding + logits);
  }

  /**
   * True when the recipe's two-batch overlap splits a pass into two micro-batches: an expert-parallel
   * layout (the overlap hides the expert all-to-all; SGLang runs it with DeepEP only) and at least
   * one token per device for each micro-batch.
   */
  static boolean twoMicroBatches(ServingRecipe recipe, ServingLayout layout, double tokensPerDevice) {
    return recipe.twoBatchOverlap() && layout.ep() > 1 && tokensPerDevice >= 2;
  }

  /**
   * The LM head of a prefill pass: serving stacks compute logits only for the positions they sample, the
   * last token of each prompt the pass completes, not for every prompt token (vLLM v1
   * {@code gpu_model_runner.py} {@code _prepare_inputs}: {@code logits_indices = query_start_loc[1:] - 1};
   * SGLang {@code layers/logits_processor.py}: {@code last_index = cumsum(extend_seq_lens) - 1} unless the
   * request asks for prompt logprobs; TensorRT-LLM {@code gather_last_token_logits} before {@code lm_head}
   * unless {@code gather_context_logits}, off by default, and its PyTorch flow's {@code LogitsProcessor}
   * likewise; MindIE-LLM {@code lm_head_indices = cumsum(context_length) - 1}). So the head is a GEMM of
   * {@code promptsPerGroup} rows per attention group, vocabulary-parallel over tp, at {@link #VOCAB_PRECISION};
   * thin, so at the GEMM ceiling as decode takes its GEMMs (its weight read is in the pass's memory floor).
   * A stack that chunks a prompt computes one row for each partial prompt too (vLLM's note: "we do so for
   * simplicity"); the model prefills whole prompts, so every prompt in the pass completes in it.
   */
  static double prefillHeadSeconds(InferenceDevice dev, TransformerModel m, ServingLayout layout, double promptsPerGroup) {
    Hardware hw = dev.hardware();
    double flops = promptsPerGroup * 2 * headParams(m) / layout.tp();
    return flops / (hw.peak(computePrecision(hw, VOCAB_PRECISION)).flopsPerSecond() * hw.calibration().gemmMaxEfficiency().value());
  }

  /**
   * Compute time of prefilling {@code tokensPerGroup} prompt tokens in each attention group, without the
   * LM head ({@link #prefillHeadSeconds}): dense GEMMs on the group's tokens, routed experts as one grouped
   * GEMM per device (its M every token-expert pair the device holds), causal attention over half the prompt
   * on average. The routed experts compute the busiest rank's share, {@code expertLoad} times the mean.
   */
  private static PrefillCompute prefillCompute(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      double tokensPerGroup, double expertLoad) {
    Hardware hw = dev.hardware();
    Calibration cal = hw.calibration();
    double replicaTokens = tokensPerGroup * layout.attentionGroups();
    double peak = hw.peak(computePrecision(hw, w.weights())).flopsPerSecond();
    double routedActive = activeRoutedExpertParams(m);
    double otherMatmul = m.activeMatmulParams() - routedActive - headParams(m);
    double otherFlops = tokensPerGroup * 2 * otherMatmul / layout.tp();
    double expertFlops = tokensPerGroup * 2 * routedActive / layout.tp() * expertLoad;
    // Routed experts run as one grouped GEMM per device (DeepGEMM/grouped-GEMM kernels): its M is
    // every token-expert pair the device holds, not the tokens of one expert.
    double groupedM = m.moe().map(e -> layout.ep() > 1 ? replicaTokens * e.topK() / layout.ep() : tokensPerGroup * e.topK())
        .orElse(1.0) * expertLoad;
    // Causal attention: on average a prompt token attends to half the prompt; an operator that computes the whole
    // masked square (recipe prefill_full_mask) does the other half too.
    double causalShare = dev.recipe().prefill().fullMask() ? 1.0 : 0.5;
    double attnFlops = tokensPerGroup * m.layers() * m.attentionScoreFlopsPerToken(w.promptTokens()) * causalShare
        / layout.tp();
    InferenceCalibration serving = dev.serving();
    return new PrefillCompute(new Seconds(otherFlops / (peak * serving.prefillGemmEfficiency(cal, tokensPerGroup))
        + (expertFlops > 0 ? expertFlops / (peak * serving.prefillGemmEfficiency(cal, groupedM)) : 0)),
        new Seconds(attnFlops / (hw.peak(prefillAttentionPrecision(dev, w)).flopsPerSecond()
            * serving.prefillAttentionEfficiency(cal, w.promptTokens()))));
  }

  /** The compute time of a prefill pass by kernel class: its GEMMs (dense and routed experts) and its attention kernels. */
  private record PrefillCompute(Seconds gemms, Seconds attention) {
    PrefillCompute {
      Objects.requireNonNull(gemms, "gemms");
      Objects.requireNonNull(attention, "attention");
    }
  }

  /** FP8 attention (FlashAttention-3 FP8) where the recipe runs it on an FP8 KV cache and the chip has FP8; else BF16. */
  static Precision prefillAttentionPrecision(InferenceDevice dev, Workload w) {
    return dev.recipe().attention().fp8() && w.kv() == Precision.FP8 && dev.hardware().supports(Precision.FP8)
        ? Precision.FP8 : Precision.BF16;
  }

  /**
   * All-reduces of the tensor-parallel group, two-shot as serving stacks run them over the
   * scale-up link (vLLM/TensorRT-LLM custom all-reduce: a reduce-scatter and an all-gather, each
   * one step with every peer at once): {@code 2α + 2((t−1)/t)nβ} each, the bandwidth term as a ring
   * (§3.5). Two per layer (attention output, FFN output); with expert parallelism the MoE FFN
   * output is combined by the all-to-all instead.
   */
  static double tensorParallel(InferenceDevice dev, TransformerModel m, ServingLayout layout, double tokensPerGroup) {
    int t = layout.tp();
    if (t == 1) {
      return 0;
    }
    double one = twoShotAllReduce(dev.hardware(), t, tokensPerGroup * m.hidden() * ACTIVATION_BYTES);
    int count = layout.ep() > 1 ? m.layers() + m.denseLayerCount() : 2 * m.layers();
    return count * one;
  }

  /** One two-shot all-reduce of {@code bytes} over {@code t} devices of the scale-up link: {@code 2α + 2((t−1)/t)nβ}. */
  static double twoShotAllReduce(Hardware hw, int t, double bytes) {
    return 2 * oneShotGather(hw, t, bytes);
  }

  /**
   * One gather (or all-gather) of {@code bytes} in all, each of the {@code t} devices holding {@code 1/t}, every peer
   * sending at once over the scale-up link: {@code α + ((t−1)/t)nβ}, a shot of the two-shot all-reduce.
   */
  static double oneShotGather(Hardware hw, int t, double bytes) {
    Calibration cal = hw.calibration();
    double beta = 1 / (hw.scaleUpPerDirection().bytesPerSecond() * cal.scaleUpBusEfficiency().value());
    return cal.scaleUpLatencyUs().value() * 1e-6 + (double) (t - 1) / t * bytes * beta;
  }

  /**
   * Expert-parallel dispatch and combine per MoE layer, {@code α + nβ} each (§3.5 pairwise
   * exchange, with the peers' messages in flight together as DeepEP sends them), {@code n} the
   * bytes a device sends: {@code tokens · k · h · 2 bytes} spread evenly over the {@code p} devices.
   * Traffic to devices inside the scale-up domain uses the scale-up link, the rest the scale-out
   * NIC; the two run in parallel. Decode ({@code dedupPerNode = false}) sends every expert copy
   * directly, as low-latency kernels do; prefill ({@code true}) sends a token once to each remote
   * node it needs and forwards it inside the node, as normal (high-throughput) kernels do.
   */
  static double allToAll(InferenceDevice dev, TransformerModel m, ServingLayout layout, double tokensPerDevice,
      boolean dedupPerNode) {
    int p = layout.ep();
    if (p == 1 || m.moe().isEmpty()) {
      return 0;
    }
    Hardware hw = dev.hardware();
    Calibration cal = hw.calibration();
    int k = m.moe().get().topK();
    double tokenBytes = m.hidden() * ACTIVATION_BYTES;
    int local = Math.min(p, hw.scaleUpDomain());
    double intra = intraDomainSeconds(hw, tokensPerDevice * k * tokenBytes * (local - 1) / p);
    double inter = 0;
    if (p > local) {
      double rate = scaleOutBytesPerSecond(hw, p);
      double copies;
      if (dedupPerNode) {
        double domains = Math.ceil((double) p / local);
        // expected distinct remote domains among k uniformly placed experts
        copies = (domains - 1) * (1 - Math.pow(1 - 1 / domains, k));
      } else {
        copies = (double) k * (p - local) / p;
      }
      inter = tokensPerDevice * copies * tokenBytes / (rate * cal.scaleOutBusEfficiency().value())
          + cal.scaleOutLatencyUs().value() * 1e-6;
    }
    return 2.0 * m.moeLayerCount() * Math.max(intra, inter);
  }

  /** Sending {@code bytes} to peers inside the scale-up domain: {@code bytes / (scale-up · efficiency) + α_up}. */
  private static double intraDomainSeconds(Hardware hw, double bytes) {
    Calibration cal = hw.calibration();
    return bytes / (hw.scaleUpPerDirection().bytesPerSecond() * cal.scaleUpBusEfficiency().value())
        + cal.scaleUpLatencyUs().value() * 1e-6;
  }

  /** The per-device NIC rate an all-to-all of {@code ep} ranks needs once it leaves the scale-up domain. */
  private static double scaleOutBytesPerSecond(Hardware hw, int ep) {
    return hw.scaleOutPerDevice().orElseThrow(() -> new IllegalStateException("ep " + ep
        + " crosses scale-up domains of " + hw.chipId() + " without a scale-out bandwidth\nMaybe check layoutProblems first."))
        .bytesPerSecond();
  }

  /**
   * Expert dispatch and combine of one decode pass, per MoE layer, as DeepEP's low-latency kernels
   * run them: every expert copy sent directly; dispatch in FP8 when the matmuls are 8-bit (1 byte
   * per element, else 2), combine in BF16. Inside the scale-up domain {@code bytes / (scale-up ·
   * efficiency) + α_up}; across nodes {@code bytes / NIC + a + b · log2(nodes)} (the NIC at its
   * nominal rate and the latency fitted to DeepEP's published low-latency table, 128 tokens per
   * rank on H800 with CX7 400 Gb/s). The two paths run in parallel; the slower counts.
   */
  static double decodeAllToAll(InferenceDevice dev, TransformerModel m, ServingLayout layout, double tokensPerDevice,
      Precision compute) {
    DispatchCombine perLayer = decodeDispatchCombine(dev, m, layout, tokensPerDevice, compute);
    return m.moeLayerCount() * (perLayer.dispatch().seconds() + perLayer.combine().seconds());
  }

  /** One MoE layer's decode dispatch and combine times, as {@link #decodeAllToAll} sums them. */
  record DispatchCombine(Seconds dispatch, Seconds combine) {
    DispatchCombine {
      Objects.requireNonNull(dispatch, "dispatch");
      Objects.requireNonNull(combine, "combine");
    }
  }

  static DispatchCombine decodeDispatchCombine(InferenceDevice dev, TransformerModel m, ServingLayout layout,
      double tokensPerDevice, Precision compute) {
    int p = layout.ep();
    if (p == 1 || m.moe().isEmpty()) {
      return new DispatchCombine(new Seconds(0), new Seconds(0));
    }
    double dispatchBytes = compute == Precision.FP8 || compute == Precision.INT8 ? 1 : ACTIVATION_BYTES;
    return new DispatchCombine(new Seconds(decodeOneWay(dev, m, layout, tokensPerDevice, dispatchBytes)),
        new Seconds(decodeOneWay(dev, m, layout, tokensPerDevice, ACTIVATION_BYTES)));
  }

  /**
   * One direction of a decode all-to-all (dispatch or combine) in one MoE layer, {@code elementBytes} per element: the
   * slower of the scale-up and the scale-out paths.
   */
  private static double decodeOneWay(InferenceDevice dev, TransformerModel m, ServingLayout layout, double tokensPerDevice,
      double elementBytes) {
    Hardware hw = dev.hardware();
    int p = layout.ep();
    int k = m.moe().orElseThrow().topK();
    int local = Math.min(p, hw.scaleUpDomain());
    double tokenBytes = m.hidden() * elementBytes;
    double intra = intraDomainSeconds(hw, tokensPerDevice * k * tokenBytes * (local - 1) / p);
    double inter = 0;
    if (p > local) {
      double rate = scaleOutBytesPerSecond(hw, p);
      double nodes = Math.ceil((double) p / local);
      inter = tokensPerDevice * k * (p - local) / p * tokenBytes / rate
          + dev.serving().steps().allToAllLatencySeconds(nodes);
    }
    return Math.max(intra, inter);
  }

  /**
   * Time to move one prompt's KV cache from a prefill replica to a decode replica over the
   * scale-out network: {@code prompt · KV bytes per token} over the tensor-parallel group's NICs
   * (the slower side's), MLA sending its latent once. Empty when either side has no scale-out bandwidth.
   */
  public static Optional<Seconds> kvTransfer(InferenceDevice prefill, ServingLayout prefillLayout,
      InferenceDevice decode, TransformerModel m, Workload w) {
    Optional<chipmix.units.ByteRate> a = prefill.hardware().scaleOutPerDevice();
    Optional<chipmix.units.ByteRate> b = decode.hardware().scaleOutPerDevice();
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    double perDevice = Math.min(a.get().bytesPerSecond() * prefill.hardware().calibration().scaleOutBusEfficiency().value(),
        b.get().bytesPerSecond() * decode.hardware().calibration().scaleOutBusEfficiency().value());
    double bytes = (double) w.promptTokens() * m.kvCacheBytesPerToken(w.kv().bytesPerElement());
    double alpha = prefill.hardware().calibration().scaleOutLatencyUs().value() * 1e-6;
    return Optional.of(new Seconds(alpha + bytes / (perDevice * prefillLayout.tp())));
  }

  /**
   * Time to move one prompt's KV cache over a transfer path the user declared ({@code perDevice}
   * per prefill device, for example a cross-vendor gateway): {@code prompt · KV bytes per token}
   * over the prefill replica's tensor-parallel group, plus the prefill side's scale-out latency.
   * Converting the KV layout between vendors is not modelled: only the transfer time.
   */
  public static Seconds kvTransferOverPath(InferenceDevice prefill, ServingLayout prefillLayout, TransformerModel m,
      Workload w, chipmix.units.ByteRate perDevice) {
    double bytes = (double) w.promptTokens() * m.kvCacheBytesPerToken(w.kv().bytesPerElement());
    double alpha = prefill.hardware().calibration().scaleOutLatencyUs().value() * 1e-6;
    return new Seconds(alpha + bytes / (perDevice.bytesPerSecond() * prefillLayout.tp()));
  }

  // ---- estimates ---------------------------------------------------------------------

  /**
   * Time per output token at {@code batch} when prefill shares the devices: each decode step also
   * prefills, on average, the {@code batch / outputTokens} prompts that replace finished sequences.
   */
  public static Seconds colocatedTpot(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      double batch, StepTime prefillOnePerGroup) {
    double perPrompt = prefillOnePerGroup.total().seconds() / layout.attentionGroups();
    return new Seconds(decodeTokenTime(dev, m, layout, w, batch).seconds() + batch / w.outputTokens() * perPrompt);
  }

  /**
   * The full estimate for one replica. Invalid layouts are input errors; a model that does not fit,
   * a batch that does not fit or a TPOT target no batch meets are infeasible, with the message
   * saying what would work.
   */
  public static InferenceEstimate estimate(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      BatchChoice choice) {
    List<ValidationIssue> problems = layoutProblems(m, dev.hardware(), layout);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    int max = maxBatch(dev, m, layout, w);
    if (max < 1) {
      throw new InfeasibleException(doesNotFit(dev, m, layout, w));
    }
    StepTime pre = prefill(dev, m, layout, w, 1);
    int batch;
    String limit;
    switch (choice) {
      case BatchChoice.Fixed f -> {
        if (f.batch() > max) {
          throw new InfeasibleException("batch " + f.batch() + " does not fit on " + layout + " of " + dev.chipId()
              + ": the KV cache of " + w.fullContext() + " tokens per sequence leaves room for at most " + max
              + " sequences (use `batch` " + max + " or less, or more devices)");
        }
        batch = f.batch();
        limit = "given";
      }
      case BatchChoice.MaxMemory mm -> {
        batch = max;
        limit = "memory";
      }
      case BatchChoice.TpotTarget t -> {
        batch = batchForTpot(dev, m, layout, w, t.tpot(), max, pre);
        if (batch < 1) {
          double best = colocatedTpot(dev, m, layout, w, 1, pre).toMillis();
          throw new InfeasibleException("no batch meets a time per output token of " + fmt(t.tpot().toMillis())
              + " ms on " + layout + " of " + dev.chipId() + ": the best achievable is " + fmt(best)
              + " ms at batch 1 (use `tpot_ms` " + fmt(Math.ceil(best)) + " or more, or a faster chip)");
        }
        limit = batch == max ? "memory" : "latency";
      }
    }
    return build(dev, m, layout, w, batch, max, limit, pre);
  }

  /** Largest batch in [1, max] whose colocated TPOT meets {@code target}; 0 if batch 1 misses it. */
  public static int batchForTpot(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      Seconds target, int max, StepTime pre) {
    return largestBatch(max, b -> colocatedTpot(dev, m, layout, w, b, pre).seconds() <= target.seconds());
  }

  /**
   * Prompts per attention group a prefill-only pool batches into one forward pass: the largest number,
   * up to what the KV cache of the prompts leaves room for and {@code maxPromptsPerGroup}, whose prefill
   * time plus {@code extra} (the KV transfer to the decode pool) meets the TTFT {@code target}; 0 if one
   * prompt misses it or does not fit. Batching prompts raises prefill GEMM efficiency (larger M) at
   * the price of TTFT, which is how production prefill pools run (no decode shares the device).
   */
  public static int prefillBatchForTtft(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      Seconds target, Seconds extra, int maxPromptsPerGroup) {
    Workload promptOnly = new Workload(w.promptTokens(), 1, w.weights(), w.kv());
    int fit = maxBatch(dev, m, layout, promptOnly) / layout.attentionGroups();
    int max = Math.min(fit, maxPromptsPerGroup);
    if (max < 1) {
      return 0;
    }
    return largestBatch(max, p -> prefill(dev, m, layout, w, p).total().seconds() + extra.seconds() <= target.seconds());
  }

  /**
   * One point of the serving-capacity curve: at {@code batch} sequences per replica, the time per
   * output token and the output tokens per second per device, decode-only and with prefill interleaved.
   */
  public record CurvePoint(int batch, Seconds decodeTpot, double decodeTokensPerSecondPerDevice, Seconds colocatedTpot,
      double outputTokensPerSecondPerDevice, StepTime.Bound bound) {}

  /**
   * The serving-capacity curve of one replica: throughput per device against TPOT at batches 1, 2,
   * 4, … up to the largest that fits (and that largest batch), the trade-off capacity planners read.
   */
  public static List<CurvePoint> capacityCurve(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w) {
    int max = maxBatch(dev, m, layout, w);
    List<CurvePoint> out = new ArrayList<>();
    if (max < 1) {
      return out;
    }
    StepTime pre = prefill(dev, m, layout, w, 1);
    List<Integer> batches = new ArrayList<>();
    for (long b = 1; b < max; b *= 2) {
      batches.add((int) b);
    }
    batches.add(max);
    for (int b : batches) {
      Seconds decode = decodeTokenTime(dev, m, layout, w, b);
      Seconds colocated = colocatedTpot(dev, m, layout, w, b, pre);
      out.add(new CurvePoint(b, decode, b / decode.seconds() / layout.devices(), colocated,
          b / colocated.seconds() / layout.devices(), decodeStep(dev, m, layout, w, b).bound()));
    }
    return out;
  }

  /** Largest batch in [1, max] whose pure decode step meets {@code target} (a decode-only pool); 0 if none. */
  public static int decodeBatchForTpot(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w,
      Seconds target, int max) {
    return largestBatch(max, b -> decodeTokenTime(dev, m, layout, w, b).seconds() <= target.seconds());
  }

  /** Largest batch in [1, max] that {@code meets} (step time grows with the batch, so binary search); 0 if batch 1 fails. */
  private static int largestBatch(int max, java.util.function.IntPredicate meets) {
    if (!meets.test(1)) {
      return 0;
    }
    int lo = 1;
    int hi = max;
    while (lo < hi) {
      int mid = (int) (((long) lo + hi + 1) / 2);
      if (meets.test(mid)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  static InferenceEstimate build(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w, int batch,
      int max, String limit, StepTime pre) {
    Hardware hw = dev.hardware();
    StepTime decode = decodeStep(dev, m, layout, w, batch);
    Seconds tokenTime = decodeTokenTime(dev, m, layout, w, batch);
    Seconds tpot = colocatedTpot(dev, m, layout, w, batch, pre);
    int n = layout.devices();
    double prefillTps = (double) layout.attentionGroups() * w.promptTokens() / pre.total().seconds() / n;
    double decodeTps = batch / tokenTime.seconds() / n;
    double outputTps = batch / tpot.seconds() / n;
    Bytes weights = weightsPerDevice(m, layout, w.weights());
    Bytes kv = new Bytes((double) batch / layout.attentionGroups()
        * kvPerSequencePerDevice(m, layout, w.kv(), w.fullContext()));
    double reserve = hw.memory().bytes() * dev.serving().memoryReserveFraction().value();
    Bytes spec = speculationMemoryPerDevice(dev, m, layout, w, batch);
    Bytes memory = new Bytes(weights.bytes() + kv.bytes() + spec.bytes() + reserve);
    Optional<ServingSummary.Effect> effect = switch (dev.speculation()) {
      case Speculation.None none -> Optional.empty();
      case Speculation.Mtp mtp -> Optional.of(effect("mtp", dev, m, layout, w, batch, decode, spec));
      case Speculation.Draft d -> Optional.of(effect("draft", dev, m, layout, w, batch, decode, spec));
    };
    ServingSummary serving = new ServingSummary(dev.recipe().id(), dev.recipe().describe(), effect);
    Precision cp = computePrecision(hw, w.weights());
    List<String> assumptions = new ArrayList<>();
    assumptions.add("efficiencies stand for " + dev.serving().software());
    if (!dev.serving().calibrated()) {
      assumptions.add("serving constants for " + hw.chipId() + (dev.serving().chipIds().isEmpty()
          ? " are uncalibrated defaults (low confidence)"
          : " are not fitted to its own runs: " + dev.serving().note() + " (low confidence)"));
    }
    if (!hw.calibration().calibrated()) {
      // a transfer-rule entry (calibration.yaml, calibrated: false) is not the default: its note says what it rests on
      assumptions.add("GEMM and link constants for " + hw.chipId() + (hw.calibration().chipIds().isEmpty()
          ? " are uncalibrated defaults (low confidence)"
          : " are not fitted to its own runs: " + hw.calibration().note() + " (low confidence)"));
    }
    if (cp != w.weights()) {
      assumptions.add(w.weights().name().toLowerCase(Locale.ROOT) + " weights with " + cp.name().toLowerCase(Locale.ROOT)
          + " matmuls (weight-only quantisation" + (w.weights() == Precision.INT4 ? "" : "; " + hw.chipId()
          + " has no " + w.weights().name().toLowerCase(Locale.ROOT) + " peak in the catalog") + ")");
    }
    if (w.weights() != VOCAB_PRECISION) {
      assumptions.add("embedding and LM head kept in " + VOCAB_PRECISION.name().toLowerCase(Locale.ROOT)
          + " (quantised checkpoints keep them: ModelOpt, vLLM fp8, DeepSeek-V3 fp8, msModelSlim W8A8)");
    }
    if (m.moe().isPresent()) {
      assumptions.add(spansDomains(dev, m, layout)
          ? "every expert-parallel rank waits for the busiest: its routed experts and all-to-all carry "
              + fmt(dev.serving().steps().expertLoadImbalance().value()) + " times the mean load (the residual imbalance under EPLB"
              + " measured across nodes) plus routing's per-batch fluctuation"
          : "tokens routed uniformly over experts (perfect load balance, as EPLB approaches; the residual imbalance is applied"
              + " only where the all-to-all spans nodes)");
    }
    assumptions.add("TTFT is one prompt's prefill without queueing; TPOT includes interleaved prefill of new requests");
    assumptions.add("serving recipe " + dev.recipe().describe());
    if (!dev.recipe().moe().eplb() && m.moe().isPresent()) {
      assumptions.add("the recipe runs without EPLB; routing is modelled as uniform or with the residual imbalance measured under EPLB,"
          + " so real expert imbalance would make decode slower");
    }
    if (dev.speculation() instanceof Speculation.Mtp || dev.speculation() instanceof Speculation.Draft) {
      assumptions.add("speculative decoding: acceptance length " + fmt(dev.speculation().acceptLength())
          + " tokens per pass as stated by the user, not predicted; " + draftForwards(dev) + " draft forwards per pass in "
          + draftHostCalls(dev, layout, batch, draftForwards(dev)) + " host call(s) of their own (recipe draft launch "
          + dev.recipe().draftLaunch().text() + ")");
    }
    return new InferenceEstimate(hw.chipId(), m.name(), layout, w, cp, batch, max, limit, pre.total(), tpot,
        tokenTime, decode, pre, prefillTps, decodeTps, outputTps,
        new Bytes(m.kvCacheBytesPerToken(w.kv().bytesPerElement())), weights, kv, memory, hw.memory(),
        dev.serving().calibrated() && hw.calibration().calibrated(), dev.serving().software(), serving, assumptions);
  }

  private static ServingSummary.Effect effect(String kind, InferenceDevice dev, TransformerModel m, ServingLayout layout,
      Workload w, int batch, StepTime pass, Bytes extraMemory) {
    double plain = decodePass(dev.with(ServingStack.of(dev.recipe())), m, layout, w, batch, 1).total().seconds();
    return new ServingSummary.Effect(kind, dev.speculation().tokensPerPass(), dev.speculation().acceptLength(), pass.draft(),
        pass.total().seconds() / plain - 1, extraMemory);
  }

  /**
   * The estimate's figures at the low and high ends of the catalog ranges of the chip's rates
   * (same layout and batch); empty when the catalog gives single values for all of them.
   */
  public static Optional<InferenceRange> range(InferenceDevice dev, TransformerModel m, InferenceEstimate e) {
    Hardware hw = dev.hardware();
    if (!hw.hasRanges()) {
      return Optional.empty();
    }
    InferenceDevice loDev = dev.on(hw.atBound(false));
    InferenceEstimate lo = build(loDev, m, e.layout(), e.workload(), e.batch(), e.maxBatch(), e.batchLimit(),
        prefill(loDev, m, e.layout(), e.workload(), 1));
    InferenceDevice hiDev = dev.on(hw.atBound(true));
    InferenceEstimate hi = build(hiDev, m, e.layout(), e.workload(), e.batch(), e.maxBatch(), e.batchLimit(),
        prefill(hiDev, m, e.layout(), e.workload(), 1));
    return Optional.of(new InferenceRange("catalog low/high figures for " + hw.chipId() + ", same layout and batch",
        InferenceRange.Interval.of(lo.ttft().toMillis(), hi.ttft().toMillis()),
        InferenceRange.Interval.of(lo.tpot().toMillis(), hi.tpot().toMillis()),
        InferenceRange.Interval.of(lo.prefillTokensPerSecondPerDevice(), hi.prefillTokensPerSecondPerDevice()),
        InferenceRange.Interval.of(lo.decodeTokensPerSecondPerDevice(), hi.decodeTokensPerSecondPerDevice()),
        InferenceRange.Interval.of(lo.outputTokensPerSecondPerDevice(), hi.outputTokensPerSecondPerDevice())));
  }

  // ---- layouts -----------------------------------------------------------------------

  /** Largest replica the searches consider. */
  public static final int MAX_REPLICA_DEVICES = 1024;

  /**
   * The layouts worth trying for {@code m} on {@code hw}, smallest first: dense models tensor-parallel
   * inside the scale-up domain; MoE models also with expert parallelism, across nodes where the
   * catalog gives a scale-out bandwidth.
   */
  public static List<ServingLayout> candidateLayouts(TransformerModel m, Hardware hw) {
    List<ServingLayout> out = new ArrayList<>();
    int u = hw.scaleUpDomain();
    for (int n = 1; n <= Math.min(u, MAX_REPLICA_DEVICES); n *= 2) {
      addIfValid(out, m, hw, new ServingLayout(n, n, 1));
      if (m.moe().isPresent() && n > 1) {
        addIfValid(out, m, hw, new ServingLayout(n, n, n));
        addIfValid(out, m, hw, new ServingLayout(n, 1, n));
      }
    }
    if (u > 1 && Integer.bitCount(u) != 1) {
      addIfValid(out, m, hw, new ServingLayout(u, u, 1));
    }
    if (m.moe().isPresent() && hw.scaleOutPerDevice().isPresent()) {
      for (long n = 2L * u; n <= MAX_REPLICA_DEVICES; n *= 2) {
        addIfValid(out, m, hw, new ServingLayout((int) n, 1, (int) n));
        addIfValid(out, m, hw, new ServingLayout((int) n, u, (int) n));
      }
    }
    out.sort(Comparator.comparingInt(ServingLayout::devices));
    return out;
  }

  private static void addIfValid(List<ServingLayout> out, TransformerModel m, Hardware hw, ServingLayout l) {
    if (layoutProblems(m, hw, l).isEmpty() && !out.contains(l)) {
      out.add(l);
    }
  }

  /** The smallest candidate replica whose weights leave room for at least one sequence. */
  public static Optional<ServingLayout> smallestFit(InferenceDevice dev, TransformerModel m, Workload w) {
    return candidateLayouts(m, dev.hardware()).stream().filter(l -> maxBatch(dev, m, l, w) >= 1).findFirst();
  }

  static String doesNotFit(InferenceDevice dev, TransformerModel m, ServingLayout layout, Workload w) {
    Hardware hw = dev.hardware();
    double usable = hw.memory().bytes() * (1 - dev.serving().memoryReserveFraction().value());
    String msg = m.name() + " does not fit on " + layout + " of " + hw.chipId() + ": "
        + w.weights().name().toLowerCase(Locale.ROOT) + " weights need " + gib(weightsPerDevice(m, layout, w.weights()).bytes())
        + " GiB per device plus " + gib(kvPerSequencePerDevice(m, layout, w.kv(), w.fullContext()))
        + " GiB of KV cache for one sequence of " + w.fullContext() + " tokens, and " + gib(usable)
        + " GiB are usable (" + gib(hw.memory().bytes()) + " GiB less the runtime reserve)";
    Optional<ServingLayout> fit = smallestFit(dev, m, w);
    return msg + (fit.isPresent()
        ? "; the smallest replica that fits is " + fit.get().devices() + " devices (`devices` " + fit.get().devices()
            + " `tp` " + fit.get().tp() + " `ep` " + fit.get().ep() + ")"
        : "; no replica fits: " + noReplicaFits(dev, m, w));
  }

  /**
   * Why no candidate replica fits {@code w}, naming the largest one considered and what would work
   * instead: the smallest replica that fits with a smaller weight or KV-cache precision, found with the
   * same memory check.
   */
  public static String noReplicaFits(InferenceDevice dev, TransformerModel m, Workload w) {
    Hardware hw = dev.hardware();
    List<ServingLayout> all = candidateLayouts(m, hw);
    int largest = all.isEmpty() ? 1 : all.get(all.size() - 1).devices();
    String scope = m.moe().isPresent()
        ? (hw.scaleOutPerDevice().isPresent() ? "replicas of up to " + largest + " devices were tried"
            : "replicas stay inside one scale-up domain of " + hw.scaleUpDomain() + " devices because the catalog gives "
                + hw.chipId() + " no scale-out bandwidth (give one with `scale_out_gbps`)")
        : "a dense model's replica is one tensor-parallel group of at most " + largest
            + " devices (the scale-up domain; pipeline parallelism is not modelled)";
    for (Workload alt : smallerPrecisions(w)) {
      Optional<ServingLayout> fit = smallestFit(dev, m, alt);
      if (fit.isPresent()) {
        ServingLayout l = fit.get();
        return scope + "; with " + precisionOptions(w, alt) + " the smallest replica that fits is " + l.devices()
            + " devices (`devices` " + l.devices() + " `tp` " + l.tp() + " `ep` " + l.ep() + ")";
      }
    }
    return scope + "; not even int4 weights with an fp8 KV cache fit: try shorter sequences"
        + (m.moe().isPresent() && hw.scaleOutPerDevice().isEmpty() ? "" : " or a chip with more memory");
  }

  /** The workload with smaller weight and KV-cache precisions, least lossy change first. */
  private static List<Workload> smallerPrecisions(Workload w) {
    List<Workload> out = new ArrayList<>();
    Precision[][] tries = {
        {w.weights(), Precision.FP8}, {Precision.FP8, w.kv()}, {Precision.FP8, Precision.FP8},
        {Precision.INT4, w.kv()}, {Precision.INT4, Precision.FP8}};
    for (Precision[] t : tries) {
      boolean smallerWeights = t[0] == w.weights() || t[0].bytesPerElement() < w.weights().bytesPerElement();
      boolean smallerKv = t[1] == w.kv() || t[1].bytesPerElement() < w.kv().bytesPerElement();
      if (!smallerWeights || !smallerKv) {
        continue;
      }
      Workload alt = new Workload(w.promptTokens(), w.outputTokens(), t[0], t[1]);
      if (!alt.equals(w) && !out.contains(alt)) {
        out.add(alt);
      }
    }
    return out;
  }

  private static String precisionOptions(Workload from, Workload to) {
    List<String> opts = new ArrayList<>();
    if (to.weights() != from.weights()) {
      opts.add("`weights` " + to.weights().name().toLowerCase(Locale.ROOT));
    }
    if (to.kv() != from.kv()) {
      opts.add("`kv` " + to.kv().name().toLowerCase(Locale.ROOT));
    }
    return String.join(" ", opts);
  }

  static String gib(double bytes) {
    return fmt(bytes / (1L << 30));
  }

  /** Three significant figures at most, for explanations: 123, 12.3, 1.23. */
  public static String fmt(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
  }
}
