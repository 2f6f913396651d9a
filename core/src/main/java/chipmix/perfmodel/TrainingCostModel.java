package chipmix.perfmodel;

import chipmix.model.TransformerModel;
import chipmix.model.TransformerModel.Moe;

/**
 * The analytical training cost model for one (model, hardware, options) triple. Construction
 * precomputes every layout-independent quantity as a primitive; {@link #evaluate} then costs one
 * layout with primitive arithmetic only and no allocation, so the search can call it millions
 * of times per second. Equations (docs/training-model.md):
 *
 * <ul>
 *   <li>GEMM time = max(FLOPs / (peak · e(d)), operand bytes / memory rate) with e(d) = e_max·d/(d + d_half), d the harmonic mean of the GEMM's m, k, n after sharding (a per-GEMM roofline).</li>
 *   <li>Attention score/context FLOPs 2·(a/t)·(d_qk + d_v)·T·s at BF16 peak · attention efficiency.</li>
 *   <li>Memory-bound bytes per token per layer (22h with sequence parallel /t, plus the FFN activation 4f or 6f /t), backward 2x, at HBM bandwidth · memory efficiency.</li>
 *   <li>Collectives alpha-beta (Thakur et al. 2005): ring all-gather/reduce-scatter (t−1)α + (t−1)/t·n/β, ring all-reduce twice that, pairwise all-to-all (p−1)α + (p−1)/p·n/β.</li>
 *   <li>Pipeline: step = m·t_stage + ((p−1)/v)·t_stage (Narayanan et al. 2021 §2.2) + exposed data-parallel traffic + optimizer.</li>
 *   <li>Data parallel: ring reduce-scatters of the gradients in their precision and all-gathers of the 16-bit weights, as often as the sharding needs them (ZeRO-2 every micro-batch's gradients, ZeRO-3 also every micro-batch's weights), each hidden with overlap behind the forward or backward next to it.</li>
 *   <li>Memory: model states by sharding and gradient precision (ZeRO §3.1, Megatron distributed optimizer), activations per Korthikanti et al. 2022 with min(m, p) in-flight micro-batches and the interleaving factor 1 + (p−1)/(p·v), logits, a reserve.</li>
 * </ul>
 *
 * Not thread-safe only in the sense that {@code out} arrays must not be shared; the model itself is immutable.
 */
public final class TrainingCostModel {
  // Breakdown indices in the out array (seconds per step, then bytes per device).
  public static final int T_GEMM = 0;
  public static final int T_ATTENTION = 1;
  public static final int T_MEMORY_BOUND = 2;
  public static final int T_RECOMPUTE = 3;
  public static final int T_TP_COMM = 4;
  public static final int T_CP_COMM = 5;
  public static final int T_EP_COMM = 6;
  public static final int T_PP_COMM = 7;
  public static final int T_BUBBLE = 8;
  public static final int T_DP_COMM = 9;
  public static final int T_OPTIMIZER = 10;
  /** Host-issued work of the routed experts, per local expert (the last step-time term). */
  public static final int T_MOE_HOST = 11;
  public static final int M_WEIGHTS = 12;
  public static final int M_GRADS_OPTIMIZER = 13;
  public static final int M_ACTIVATIONS = 14;
  public static final int M_LOGITS = 15;
  public static final int M_RESERVE = 16;
  public static final int M_TOTAL = 17;
  public static final int STEP = 18;
  public static final int HW_FLOPS_PER_STEP = 19;
  public static final int MICRO_BATCHES = 20;
  public static final int OUT_SIZE = 21;

  /** Reserve per device: runtime context, NCCL buffers and allocator fragmentation (documented assumption). */
  static final double RESERVE_FIXED_BYTES = 2.0 * (1L << 30);
  static final double RESERVE_FRACTION = 0.05;

  private static final double ACT_BYTES = 2; // bf16 activations and communication
  private static final double FP8_BYTES = 1; // an FP8 element
  /** DeepSeek-V3's E5M6 format for the attention output it caches (§3.3.3): 1 sign + 5 exponent + 6 mantissa bits. */
  static final double E5M6_BYTES = 12.0 / 8;
  /**
   * Norms per transformer layer: input_layernorm before attention and pre_mlp_layernorm before the MLP (Megatron-Core
   * transformer_layer.py TransformerLayerSubmodules; Llama and DeepSeek-V3 alike). Selective recompute of
   * {@code layernorm} (Megatron-Core TransformerConfig.recompute_modules, "layernorm": input_layernorm and
   * pre_mlp_layernorm; DeepSeek-V3 §3.3.3 "we recompute all RMSNorm operations") runs both again in the backward.
   */
  static final double NORMS_PER_LAYER = 2;
  /**
   * HBM bytes per token per unit of width one recomputed norm moves: it reads its BF16 input (2 bytes) and writes its
   * BF16 output (2 bytes); the weight vector is h elements per layer, not per token.
   */
  static final double NORM_BYTES_PER_WIDTH = 2 * ACT_BYTES;
  /**
   * Fused element-wise work per token per layer, in bytes per unit of h (norms, residual adds, bias and dropout
   * fusions; the activation function is counted apart): the Megatron accounting the fused recipes keep.
   */
  static final double FUSED_ELEMENTWISE_BYTES_PER_WIDTH = 22;
  /**
   * HBM bytes per element one eager RMSNorm moves (torchtitan/models/norms.py RMSNorm at 9dec370, 2024-12-26):
   * {@code x.float()} reads 2 and writes 4, {@code pow(2)} 4 + 4, {@code mean(-1)} reads 4, {@code x * rsqrt(...)}
   * 4 + 4, {@code .type_as(x)} 4 + 2, {@code * weight} 2 + 2 (the per-token rsqrt and the weight vector are negligible).
   */
  static final double EAGER_RMSNORM_BYTES = 6 + 8 + 4 + 8 + 6 + 4;
  /** A residual add in eager mode ({@code x + attention(...)}, {@code h + feed_forward(...)}): reads two BF16 tensors, writes one. */
  static final double EAGER_RESIDUAL_BYTES = 3 * ACT_BYTES;
  /** Residual adds per layer (Llama TransformerBlock.forward: after attention and after the MLP). */
  static final double RESIDUALS_PER_LAYER = 2;
  /**
   * HBM bytes per query or key element of the eager rotary embedding (torchtitan apply_rotary_emb): {@code .float()}
   * reads 2 and writes 4, the complex multiply by freqs_cis reads 4 and writes 4 (views are free), {@code .type_as}
   * reads 4 and writes 2.
   */
  static final double EAGER_ROPE_BYTES = 6 + 8 + 6;
  /** Eager SwiGLU per FFN unit ({@code F.silu(w1(x)) * w3(x)}): silu reads 2 and writes 2, the product reads 4 and writes 2. */
  static final double EAGER_SWIGLU_BYTES = 4 + 6;
  /**
   * Eager loss per vocabulary entry per token (torchtitan Transformer.forward {@code self.output(h).float()} and
   * {@code cross_entropy} on it): the FP32 cast reads 2 and writes 4, log-softmax reads 4 and writes 4.
   */
  static final double EAGER_LOSS_BYTES = 6 + 8;
  /**
   * Share of the SMs that overlapped expert all-to-all kernels take from compute: DeepSeek-V3 (arXiv 2412.19437
   * §3.2.2) dedicates 20 of the H800's 132 SMs to communication. The overlapped compute runs on the rest. The same
   * share stands for overlapped data-parallel collectives that cross the network (NCCL kernels driving InfiniBand
   * and NVLink; a transferred assumption: no framework publishes its figure).
   */
  static final double EP_COMM_SM_SHARE = 20.0 / 132;
  /**
   * Share of the SMs that overlapped tensor-parallel collectives take from the GEMMs they hide behind. NeMo's
   * Transformer Engine userbuffers configs (tp_overlap_configs/userbuffers.py, userbuffers_bf16_h100_h8192_tp4_mbs1_seqlen8192)
   * reserve num_sm 24 (proj_fprop) and 16 (fc2_fprop) with set_sm_margin, bulk overlaps take 2-24 SMs and ring-exchange
   * overlaps 1 (copy engines); 16 of the H100's 132 SMs stands for them all (a documented simplification).
   */
  static final double TP_COMM_SM_SHARE = 16.0 / 132;

  private final TransformerModel model;
  private final Hardware hardware;
  private final TrainingOptions options;

  // model constants
  private final int layers;
  private final int denseLayers;
  private final int moeLayers;
  private final double h;
  private final double heads;
  private final double qkv; // d_qk + d_v per head
  private final double qDim; // heads * d_qk (width of the query projection)
  private final double ffn;
  private final double vocab;
  private final double attnParams;
  private final double denseFfnParams;
  private final double expertParams; // one expert
  private final double topK;
  private final double shared;
  private final double experts;
  private final double expertFfn;
  private final double routerParams;
  private final double nonExpertLayerParamsTotal;
  private final double expertParamsTotal;
  private final double embeddingParams;
  private final double kvBytesPerTokenPerLayer;
  private final double attnActCoef;
  private final double attnActCoefSelective; // with fused attention, what selective recompute keeps (norms and MLA up-projections recomputed)
  private final double selectiveRecomputeBytes; // memory-bound bytes per token per layer selective recompute repeats: two norms, read 2h and write 2h each
  private final double selectiveRecomputeParams; // matmul parameters per layer selective recompute repeats (MLA up-projections)
  private final double causalFraction; // share of the non-causal score/context FLOPs the attention kernel executes
  private final double denseMlpActCoef;
  private final double moeMlpActCoef;
  private final double denseMlpActCoefSelective;
  private final double moeMlpActCoefSelective;
  private final double replicatedWithoutSp;
  private final double replicatedWithoutSpSelective;
  private final double actFnBytesDense; // per token, before /tp
  private final double actFnBytesMoe;
  private final double permuteBytes; // memory-bound bytes per token per MoE layer of the token permutation (forward)
  private final double elemSeqBytes; // element-wise bytes per token per layer on the sequence-parallel path (norms, residuals), before /sp
  private final double elemHeadBytes; // eager element-wise bytes per token per layer sharded by heads (RoPE, kv repeat, output copy), before /tp
  private final double lossBytes; // eager loss bytes per token (FP32 logits cast and log-softmax), before /tp
  private final double modelFlopsPerToken;
  private final double[] recomputeFlopsPerToken; // by Recompute ordinal: the forward work each mode repeats
  private final boolean everyOtherMm; // TorchTitan op-level selective recompute
  private final boolean fp8ParamGather; // FP8 runs gather the layers' weights in FP8 (the recipe's fp8_param_gather)
  private final double moeHostPerLocalExpert; // s per local expert, MoE layer and micro-batch (forward and backward); 0 when graphed
  // tensor-parallel collectives (train8): the GEMMs each one can be fused with, as parameters per layer before /tp
  private final double qkvParams; // the projections that take the attention input (all-gathered with SP)
  private final double outParams; // the attention output projection (its output reduce-scattered)
  private final double kParams; // the projection TorchTitan's op-level SAC recomputes from the attention input (wk); 0 for MLA
  private final double ffnInParams; // fc1 (w1 and w3 gated)
  private final double ffnInRecomputedParams; // the one of them op-level SAC recomputes (w3 gated; none plain)
  private final double ffnOutParams; // fc2
  private final double tpGatherBytes; // bytes per element of a TP all-gather: 1 with the recipe's FP8 all-gather in FP8 current-scaling runs
  private final TpOverlap tpOverlap; // how the TP collectives overlap the GEMMs when they do (userbuffers, async TP)

  // hardware constants
  private final double gemmPeak;
  private final double attnRate;
  private final double memRate;
  private final double gemmInputBytes; // bytes of a GEMM operand element: 1 for FP8 matmuls, 2 for BF16
  private final double gemmMax;
  private final double gemmHalf;
  private final double upBw;
  private final double upAlpha;
  private final double outBw;
  private final double outAlpha;
  private final boolean hasScaleOut;
  private final int scaleUpDomain;
  private final double capacity;
  private final double reserve;

  // options
  private final int seq;
  private final double globalBatch;
  private final boolean overlapGrad;
  private final boolean overlapTp;
  private final boolean overlapEp;
  private final boolean flash;
  private final boolean nodeDedup;
  private final boolean sequenceParallel;
  private final double dispatchBytes;
  private final double gradBytes;
  private final double optBytes; // optimizer bytes per parameter: FP32 master weight and the two moments
  private final double nodeLimit;
  private final boolean dualPipe;
  private final DpBucketing bucketing;
  private final double epContention; // compute slowdown while overlapped expert all-to-alls run: SMs taken by communication kernels
  private final double tpContention; // the same for overlapped tensor-parallel collectives

  public TrainingCostModel(TransformerModel model, Hardware hardware, TrainingOptions options) {
    this.model = model;
    this.hardware = hardware;
    this.options = options;
    layers = model.layers();
    denseLayers = model.denseLayerCount();
    moeLayers = model.moeLayerCount();
    h = model.hidden();
    heads = model.heads();
    qkv = model.qkHeadDim() + model.vHeadDim();
    qDim = heads * model.qkHeadDim();
    ffn = model.ffnHidden();
    vocab = model.vocab();
    attnParams = model.attentionParams();
    denseFfnParams = model.ffnParams(model.ffnHidden());
    Moe moe = model.moe().orElse(null);
    experts = moe == null ? 1 : moe.experts();
    topK = moe == null ? 0 : moe.topK();
    shared = moe == null ? 0 : moe.sharedExperts();
    expertFfn = moe == null ? 1 : moe.expertFfnHidden();
    expertParams = moe == null ? 0 : model.ffnParams(moe.expertFfnHidden());
    routerParams = moe == null ? 0 : h * moe.experts();
    // Non-expert parameters in all layers (attention, dense FFNs, shared experts, router, norms) and routed experts.
    nonExpertLayerParamsTotal = layers * (attnParams + 2 * h) + denseLayers * denseFfnParams
        + moeLayers * (shared * expertParams + routerParams);
    expertParamsTotal = moeLayers * experts * expertParams;
    embeddingParams = model.embeddingParams();
    kvBytesPerTokenPerLayer = model.kvCacheElementsPerToken() / layers * ACT_BYTES;
    // Activations per token per layer, in units of h bytes: Korthikanti et al. 2022 Eq. 1 generalised term by term to
    // the model's widths. Attention: LayerNorm input 2, QKV input (norm output) 2, Q 2·a·d_qk/h, K 2·kv·d_qk/h,
    // V 2·kv·d_v/h, context (flash output O = output-projection input) 2·a·d_v/h, output dropout mask 1; MLA also
    // stores its latents 2·(q_lora + kv_lora + rope)/h and K, V after up-projection (kv = a). MLP: LayerNorm input 2,
    // MLP input 2, FC1 output 2f/h (4f/h gated), FC2 input 2f/h, dropout mask 1; a MoE layer stores each of the
    // k + shared expert copies' inputs 2 and FC1/FC2 tensors (the permuted tokens the grouped GEMMs keep for wgrad).
    // GPT with dropout: 11 + 19 + 4 = 34 (Korthikanti Table 2; Megatron-Core theoretical_memory_usage.py 18 + 4f/h).
    // Without dropout (modern recipes) the masks go. With FP8 GEMMs the inputs kept for the weight-gradient GEMMs
    // are the FP8 copies (Transformer Engine's Linear saves its quantised input; DeepSeek-V3 §3.3.3), 1 byte;
    // the flash output O stays BF16 and the projection keeps its own FP8 copy. Selective recompute with fused
    // attention (Megatron-Core recompute_modules layernorm, mla_up_proj, moe_act; DeepSeek-V3 §3.3.3 recomputes
    // RMSNorm, the MLA up-projections and SwiGLU) drops the norm outputs, MLA's Q/K/V and the MoE FC2 input.
    double dropMask = options.settings().kernels().dropout() ? 1 : 0;
    double gin = options.precision() == Precision.FP8 ? 0.5 : 1; // bytes of a kept GEMM input, relative to BF16
    double aq = heads * model.qkHeadDim();
    double kvHeadsEff = model.mla().isPresent() ? heads : model.kvHeads();
    double latents = model.mla().map(ml -> 2.0 * (ml.qLoraRank() + ml.kvLoraRank() + ml.ropeHeadDim())).orElse(0.0) / h;
    double qkvCore = (2 * aq + 2 * kvHeadsEff * model.qkHeadDim() + 2 * kvHeadsEff * model.vHeadDim()) / h;
    double context = 2 * heads * model.vHeadDim() / h;
    // DeepSeek-V3's extended FP8 caching (§3.3.3) keeps the attention output once, in E5M6 (12 bits, 1.5 bytes), for
    // both the attention backward and the output projection's weight gradient, and the MoE SwiGLU input in FP8
    boolean extendedFp8 = options.precision() == Precision.FP8
        && options.settings().numerics().fp8Activations() == Fp8ActivationCache.EXTENDED;
    double contextFp8Copy = 0;
    if (extendedFp8) {
      context = context * E5M6_BYTES / ACT_BYTES;
    } else if (options.precision() == Precision.FP8) {
      contextFp8Copy = context / 2;
    }
    double norms = 4;
    attnActCoef = norms + gin * 2 + qkvCore + context + contextFp8Copy + gin * latents + dropMask;
    double attnSelective = norms + (model.mla().isPresent() ? 0 : qkvCore) + context + contextFp8Copy + gin * latents + dropMask;
    double fc1Out = (model.gatedFfn() ? 4 : 2) / h;
    double expertFc1Out = extendedFp8 ? fc1Out * gin : fc1Out; // the SwiGLU input of a routed or shared expert
    double fc2In = 2 / h;
    denseMlpActCoef = gin * 2 + ffn * (fc1Out + gin * fc2In) + dropMask;
    // A routed copy's input is the permuted (dispatched) token each grouped GEMM keeps; the shared experts and the router
    // take the norm output itself (Megatron-Core MoELayer: shared_experts(hidden_states)), already counted as the MLP
    // input, or recomputed with the norm under selective recompute.
    double copies = topK + shared;
    moeMlpActCoef = gin * 2 + topK * gin * 2 + copies * expertFfn * (expertFc1Out + gin * fc2In) + dropMask;
    moeMlpActCoefSelective = topK * gin * 2 + copies * expertFfn * expertFc1Out + dropMask;
    double denseSelective = ffn * (fc1Out + gin * fc2In) + dropMask;
    if (options.settings().kernels().selectiveRecompute() == SelectiveRecompute.EVERY_OTHER_MM) {
      // TorchTitan's op-level selective checkpointing keeps only what its policy saves (torchtitan parallelize_llama.py
      // _save_list @9dec370: mm outputs "except every second mm", SDPA outputs, reduce-scatter outputs) plus the layer's
      // input, the checkpoint's own. In a Llama layer the mms run wq, wk, wv, wo, w1, w3, w2, so the 1st, 3rd, 5th and
      // 7th are kept: Q, V, the SwiGLU gate input and the MLP output (with a plain MLP fc1, fc2: the fc1 output). BF16,
      // whatever the matmul precision (the kept tensors are mm outputs, not FP8 inputs). MLA and MoE layers keep the
      // Megatron-style accounting above (a simplification: TorchTitan's MoE and MLA code paths were not read here).
      if (model.mla().isEmpty()) {
        attnSelective = 2 + (2 * aq + 2 * kvHeadsEff * model.vHeadDim() + 2 * heads * model.vHeadDim()) / h;
      }
      denseSelective = model.gatedFfn() ? 2 * ffn / h + 2 : 2 * ffn / h;
    }
    attnActCoefSelective = attnSelective;
    denseMlpActCoefSelective = denseSelective;
    // without sequence parallel the norm inputs, the QKV and MLP inputs and the dropout masks are replicated on
    // every tensor-parallel rank (Korthikanti Eq. 2: 10 of the 34 with dropout)
    replicatedWithoutSp = norms + 2 * gin * 2 + 2 * dropMask;
    replicatedWithoutSpSelective = norms + 2 * dropMask;
    selectiveRecomputeBytes = NORMS_PER_LAYER * NORM_BYTES_PER_WIDTH * h;
    selectiveRecomputeParams = model.mla().map(ml -> (double) ml.qLoraRank() * aq + (double) ml.kvLoraRank() * heads
        * (ml.nopeHeadDim() + ml.vHeadDim())).orElse(0.0);
    // FlashAttention-2 (Dao 2023 §3.1) skips key blocks wholly above the causal diagonal: with n = s/128 blocks per
    // row it executes (n + 1)/(2n) of the non-causal score and context FLOPs (the diagonal blocks run masked).
    double blocks = Math.max(1, Math.ceil(options.seqLen() / 128.0));
    causalFraction = options.settings().kernels().causalSkip() ? (blocks + 1) / (2 * blocks) : 1;
    // memory-bound bytes per FFN unit: activation function in and out (fused), or eager SwiGLU's two ops
    ElementwiseKernels kernels = options.settings().kernels().elementwise();
    double perWidth = model.gatedFfn() ? (kernels.eager() ? EAGER_SWIGLU_BYTES : 6) : 4;
    // Element-wise work outside the FFN activation. Fused: the 22h accounting. Eager (PyTorch ops one by one, each an
    // HBM round trip; TorchTitan's Llama code): two RMSNorms (FP32, five ops, or TorchTitan's Triton kernel reading and
    // writing once), two residual adds, the rotary embedding of Q and K in FP32 complex numbers, the key and value
    // heads repeated to the query heads (repeat_kv's expand + reshape copies when kv < a) and the attention output's
    // transpose().contiguous() copy; plus the loss once per token.
    double kDim = kvHeadsEff * model.qkHeadDim();
    double vDim = kvHeadsEff * model.vHeadDim();
    double ctxDim = heads * model.vHeadDim();
    if (kernels.eager()) {
      double norm = kernels == ElementwiseKernels.EAGER ? EAGER_RMSNORM_BYTES : NORM_BYTES_PER_WIDTH;
      elemSeqBytes = (NORMS_PER_LAYER * norm + RESIDUALS_PER_LAYER * EAGER_RESIDUAL_BYTES) * h;
      double repeat = kvHeadsEff < heads ? ACT_BYTES * (kDim + aq) + ACT_BYTES * (vDim + ctxDim) : 0;
      elemHeadBytes = EAGER_ROPE_BYTES * (aq + kDim) + repeat + 2 * ACT_BYTES * ctxDim;
      lossBytes = EAGER_LOSS_BYTES * vocab;
    } else {
      elemSeqBytes = FUSED_ELEMENTWISE_BYTES_PER_WIDTH * h;
      elemHeadBytes = 0;
      lossBytes = 0;
    }
    actFnBytesDense = perWidth * ffn;
    actFnBytesMoe = perWidth * expertFfn * (topK + shared);
    // Token permutation around the experts (Megatron-Core moe_utils.py permute / unpermute, used by every token
    // dispatcher): permute reads each token (h) and writes one copy per routed expert (k·h); unpermute reads the k
    // expert outputs, weights them by the routing probabilities and writes the combined token (h). BF16 elements.
    permuteBytes = moe == null ? 0 : (2 + 2 * topK) * h * ACT_BYTES;
    modelFlopsPerToken = model.modelFlopsPerToken(options.seqLen());
    everyOtherMm = options.settings().kernels().selectiveRecompute() == SelectiveRecompute.EVERY_OTHER_MM;
    fp8ParamGather = options.precision() == Precision.FP8 && options.settings().numerics().fp8ParamGather();
    // Host-issued expert work (train7, issue #11): Transformer Engine's GroupedLinear (the grouped MLP Megatron-Core
    // builds with moe_grouped_gemm) splits the permuted tokens by a host list of tokens per expert (m_splits, which the
    // token dispatcher brings to the host) and, per local expert, quantises the input, prepares the weight and issues
    // one cuBLAS GEMM each for fc1 and fc2 forward, and dgrad and wgrad backward (general_grouped_gemm over per-expert
    // lists). Unless the recipe's CUDA graph scope covers the experts, that host time is spent on every MoE layer pass
    // of every micro-batch; the published Megatron-Bridge runs show it added, not hidden (docs/training-model.md).
    moeHostPerLocalExpert = moe == null || options.settings().kernels().expertCudaGraph() ? 0
        : hardware.calibration().moeHostPerLocalExpertUs().value() * 1e-6;
    outParams = (double) heads * model.vHeadDim() * h;
    qkvParams = attnParams - outParams;
    kParams = model.mla().isPresent() ? 0 : h * model.kvHeads() * model.qkHeadDim();
    ffnInParams = (model.gatedFfn() ? 2.0 : 1.0) * h * ffn;
    ffnInRecomputedParams = model.gatedFfn() ? h * ffn : 0;
    ffnOutParams = h * ffn;
    tpGatherBytes = options.precision() == Precision.FP8 && options.settings().communication().tpFp8AllGather()
        && gathersFp8OverTp(options.settings().numerics().fp8Recipe()) ? FP8_BYTES : ACT_BYTES;
    tpOverlap = options.settings().communication().tpOverlap();
    recomputeFlopsPerToken = new double[Recompute.values().length];
    for (Recompute r : Recompute.values()) {
      recomputeFlopsPerToken[r.ordinal()] = switch (r) {
        case NONE -> 0;
        case SELECTIVE -> !options.flashAttention() ? layers * model.attentionScoreFlopsPerToken(options.seqLen())
            : everyOtherMm ? 0.5 * (model.forwardFlopsPerToken(options.seqLen()) - 2.0 * vocab * h
                - layers * model.attentionScoreFlopsPerToken(options.seqLen()))
            : layers * 2 * selectiveRecomputeParams;
        case FULL -> model.forwardFlopsPerToken(options.seqLen()) - 2.0 * vocab * h;
      };
    }

    Calibration c = hardware.calibration();
    gemmPeak = hardware.peak(options.precision()).flopsPerSecond();
    gemmInputBytes = options.precision() == Precision.FP8 ? 1 : ACT_BYTES;
    attnRate = hardware.peak(Precision.BF16).flopsPerSecond()
        * (options.flashAttention() ? c.attentionEfficiency() : c.unfusedAttentionEfficiency()).value();
    memRate = hardware.memoryBandwidth().bytesPerSecond() * c.memoryEfficiency().value();
    gemmMax = c.gemmMaxEfficiency().value();
    gemmHalf = c.gemmHalfDim().value();
    upBw = hardware.scaleUpPerDirection().bytesPerSecond() * c.scaleUpBusEfficiency().value();
    upAlpha = c.scaleUpLatencyUs().value() * 1e-6;
    hasScaleOut = hardware.scaleOutPerDevice().isPresent();
    outBw = hardware.scaleOutPerDevice().map(r -> r.bytesPerSecond()).orElse(0.0) * c.scaleOutBusEfficiency().value();
    outAlpha = c.scaleOutLatencyUs().value() * 1e-6;
    scaleUpDomain = hardware.scaleUpDomain();
    capacity = hardware.memory().bytes();
    reserve = RESERVE_FIXED_BYTES + RESERVE_FRACTION * capacity;

    seq = options.seqLen();
    globalBatch = options.globalBatch();
    overlapGrad = options.overlapGradReduce();
    overlapTp = options.overlapTensorParallel();
    overlapEp = options.overlapExpertParallel();
    flash = options.flashAttention();
    nodeDedup = options.expertNodeDedup();
    sequenceParallel = options.sequenceParallel();
    dispatchBytes = options.expertDispatchPrecision() == Precision.FP8 ? 1 : ACT_BYTES;
    gradBytes = options.gradientPrecision().bytes();
    optBytes = options.settings().numerics().optimizerMoments().optimizerBytesPerParam();
    nodeLimit = moe == null ? 0 : moe.nodeLimit();
    dualPipe = options.settings().parallelism().schedule() == PipelineSchedule.DUALPIPE;
    bucketing = options.settings().communication().dpBucketing();
    epContention = EP_COMM_SM_SHARE / (1 - EP_COMM_SM_SHARE);
    tpContention = TP_COMM_SM_SHARE / (1 - TP_COMM_SM_SHARE);
  }

  public TransformerModel model() {
    return model;
  }

  public Hardware hardware() {
    return hardware;
  }

  public TrainingOptions options() {
    return options;
  }

  public double capacityBytes() {
    return capacity;
  }

  public boolean hasScaleOut() {
    return hasScaleOut;
  }

  /** Memory kept back per device (runtime, communication buffers, fragmentation). */
  public double reserveBytes() {
    return reserve;
  }

  /** PaLM-style model FLOPs per token (6N + attention). */
  public double modelFlopsPerToken() {
    return modelFlopsPerToken;
  }

  /**
   * Time of {@code flops} of GEMMs with dimensions m x k x n: the longer of the compute time (its size d the harmonic
   * mean of m, k, n, so thin GEMMs run slower) and the time to move each GEMM's operands once at the memory rate (a
   * per-GEMM roofline: Williams et al. 2009; the expert GEMMs of many small experts, m = tokens per expert, have the
   * lowest arithmetic intensity). The operands are read at the matmul precision (1 byte for FP8, 2 for BF16) and
   * the product written in BF16 (Transformer Engine's GEMM output); {@code flops / (2·m·k·n)} such GEMMs.
   */
  private double gemmTime(double flops, double m, double k, double n) {
    double d = 3 / (1 / m + 1 / k + 1 / n);
    double compute = flops * (d + gemmHalf) / (gemmPeak * gemmMax * d);
    double operandBytes = gemmInputBytes * (m * k + k * n) + ACT_BYTES * m * n;
    double memory = flops / (2 * m * k * n) * operandBytes / memRate;
    return Math.max(compute, memory);
  }

  /**
   * Layers on the busiest pipeline device: ceil(L/p). The L layers are spread as evenly as the device count allows;
   * with virtual stages a device's v chunks need not be equal (Megatron-Core --pipeline-model-parallel-layout;
   * Llama 3 405B's 126 layers on 16 stages, §3.3.2), each holding at least one layer (p·v ≤ L, checked by the caller).
   */
  public int layersOnBusiestStage(int pp, int vpp) {
    return (layers + pp - 1) / pp;
  }

  /**
   * Model-state bytes per device (weights, gradients, optimizer) on the busiest stage; depends
   * only on tp, pp, dp, cp, ep, vpp and sharding, so the search prunes with it before costing time.
   */
  public double modelStateBytes(int tp, int pp, int dp, int cp, int ep, int vpp, Sharding sharding) {
    // the largest over the devices evaluate() considers (never more than the peak it reports, so pruning stays exact)
    int n = layersOnBusiestStage(pp, vpp);
    int shortfall = pp * n - layers;
    int first = pp > 1 && shortfall >= 1 ? n - 1 : n;
    int last = pp > 1 && shortfall >= 2 ? n - 1 : n;
    double g = (double) dp * cp;
    if (pp == 1) {
      return stateBytesOf(layers, embeddingParams, tp, g, ep, sharding);
    }
    if (dualPipe) {
      double d0 = stateBytesOf(first + last, 2 * vocab * h, tp, g, ep, sharding);
      return pp > 2 ? Math.max(d0, stateBytesOf(2 * n, 0, tp, g, ep, sharding)) : d0;
    }
    double ends = Math.max(stateBytesOf(first, vocab * h, tp, g, ep, sharding), stateBytesOf(last, vocab * h, tp, g, ep, sharding));
    return pp > 2 ? Math.max(ends, stateBytesOf(n, 0, tp, g, ep, sharding)) : ends;
  }

  private double stateBytesOf(double paramLayers, double vocabParams, int tp, double g, int ep, Sharding sharding) {
    double nonExpert = nonExpertLayerParamsTotal * paramLayers / layers / tp + vocabParams / tp;
    double expert = expertParamsTotal * paramLayers / layers / ((double) ep * tp);
    return stateBytes(nonExpert, expert, g, ep, sharding);
  }

  /**
   * Micro-batches whose activations pipeline rank {@code rank} holds at its peak under 1F1B: min(m, p − r)
   * (Megatron theoretical_memory_usage.py: the first stage x min(1, m/p)); interleaved, the warm-up of
   * Megatron-Core's forward_backward_pipelining_with_interleaving, 2(p − r − 1) + (v − 1)p forward chunks plus the
   * one in flight, in micro-batch units (/v; rank 0: p·(1 + (p−1)/(p·v))), and never more than all m (with m = p
   * every forward runs first).
   */
  static double inflight(int rank, int pp, int vpp, double m) {
    if (vpp > 1) {
      return Math.min(m, (2.0 * (pp - rank - 1) + (vpp - 1.0) * pp + 1) / vpp);
    }
    return Math.min(m, pp - rank);
  }

  /** Model-state bytes of the device's non-expert and expert parameters (experts shard over g/ep ranks). */
  private double stateBytes(double nonExpert, double expert, double g, int ep, Sharding sharding) {
    double bytes = nonExpert * sharding.bytesPerParam(g, gradBytes, optBytes);
    if (expert > 0) {
      bytes += expert * sharding.bytesPerParam(Math.max(1.0, g / ep), gradBytes, optBytes);
    }
    return bytes;
  }

  /**
   * Costs one layout; fills {@code out} (length {@link #OUT_SIZE}) with the step-time breakdown
   * and memory per device, and returns the step time in seconds. The caller guarantees the
   * layout is structurally valid (degrees divide as {@code TrainingInput} checks).
   */
  public double evaluate(int tp, int pp, int dp, int cp, int ep, int vpp, int mb, Recompute recompute, Sharding sharding,
      double[] out) {
    final double t = tp;
    final double T = (double) mb * seq / cp; // tokens per micro-batch on this device (before SP split)
    final double m = globalBatch / ((double) dp * mb);
    final int nStage = layersOnBusiestStage(pp, vpp);
    final double fracDense = (double) denseLayers / layers;
    final double nDense = nStage * fracDense;
    final double nMoe = nStage - nDense;

    // --- compute per layer, forward ---
    double gemmAttn = gemmTime(2 * T * attnParams / t, T, h, qDim / t);
    double gemmDenseFfn = gemmTime(2 * T * denseFfnParams / t, T, h, ffn / t);
    double gemmMoeFfn = 0;
    double gemmRoutedF = 0; // the routed experts' GEMMs of one MoE layer, forward
    double gemmRouterF = 0; // the router's GEMM of one MoE layer, forward
    if (moeLayers > 0) {
      double tokensPerExpert = T * topK * ep / experts;
      gemmRoutedF = gemmTime(2 * T * topK * expertParams / t, tokensPerExpert, h, expertFfn / t);
      gemmRouterF = gemmTime(2 * T * routerParams, T, h, experts);
      gemmMoeFfn = gemmRoutedF
          + (shared > 0 ? gemmTime(2 * T * shared * expertParams / t, T, h, expertFfn / t) : 0)
          + gemmRouterF;
    }
    double attn = 2 * (heads / t) * qkv * T * seq * causalFraction / attnRate;
    double spDiv = tp > 1 && sequenceParallel ? t : 1;
    double elemDense = T * (elemSeqBytes / spDiv + (actFnBytesDense + elemHeadBytes) / t) / memRate;
    double elemMoe = T * ((elemSeqBytes + permuteBytes) / spDiv + (actFnBytesMoe + elemHeadBytes) / t) / memRate;

    // --- communication per layer, forward ---
    // Per layer with sequence parallel: forward 2 all-gathers (attention and MLP inputs) and 2 reduce-scatters (their
    // outputs), backward the conjugates (the input gradients reduce-scattered, the output gradients all-gathered)
    // (Korthikanti et al. 2022 §4.2.2). All-gathers move FP8 where the recipe gathers in FP8 (tpGatherBytes).
    double gatherTp = 0; // one all-gather of the layer's T·h activations (or their gradients)
    double scatterTp = 0; // one reduce-scatter, BF16
    if (tp > 1) {
      gatherTp = (t - 1) * upAlpha + (t - 1) / t * T * h * tpGatherBytes / upBw;
      scatterTp = (t - 1) * upAlpha + (t - 1) / t * T * h * ACT_BYTES / upBw;
    }
    double tpComm = 2 * gatherTp + 2 * scatterTp;
    // TorchTitan's op-level SAC saves mm, SDPA and reduce_scatter outputs but not the all-gathers' (parallelize_llama.py
    // _save_list @820504e), so the backward re-runs the two all-gathers of the layer's inputs (their results are the
    // weight-gradient GEMMs' inputs and feed the recomputed mms).
    boolean sacRegathers = tp > 1 && everyOtherMm && flash && recompute == Recompute.SELECTIVE;
    double tpCommB = tpComm + (sacRegathers ? 2 * gatherTp : 0);
    double cpComm = 0;
    if (cp > 1) {
      boolean inside = (long) tp * cp <= scaleUpDomain;
      double bw = inside ? upBw : outBw;
      double alpha = inside ? upAlpha : outAlpha;
      double n = T * kvBytesPerTokenPerLayer / t;
      // Ring attention: cp compute steps of attn/cp each; the cp - 1 K/V transfers each overlap one
      // step, so a transfer longer than its step is exposed per step (not against the whole attention).
      cpComm = (cp - 1) * Math.max(0, alpha + n / bw - attn / cp);
    }
    double epDispatch = 0; // one layer's dispatch all-to-all, forward
    double epCombine = 0; // one layer's combine all-to-all, forward
    if (ep > 1 && moeLayers > 0) {
      epDispatch = expertAllToAll(T / spDiv, (long) tp * cp, ep, dispatchBytes);
      epCombine = expertAllToAll(T / spDiv, (long) tp * cp, ep, ACT_BYTES);
    }
    double epComm = epDispatch + epCombine;

    double gemmDenseLayer = gemmAttn + gemmDenseFfn;
    double gemmMoeLayer = gemmAttn + gemmMoeFfn;
    // Backward moves the same tensor-parallel and expert volume as forward (the conjugate collectives:
    // Shoeybi et al. 2019 §3, Korthikanti et al. 2022 §4.2.2 "four all-reduces in a forward and backward
    // pass"; the gradients of dispatch and combine) while computing twice the FLOPs.
    // With overlap the GEMMs share the SMs with the communication kernels while both run (TP_COMM_SM_SHARE):
    // the overlapped part of the GEMMs is slowed, and what the GEMMs cannot hide stays exposed.
    TpExposed tpExposed;
    if (!overlapTp || tp == 1) {
      tpExposed = new TpExposed(tpComm, tpComm, tpCommB, tpCommB);
    } else {
      tpExposed = switch (tpOverlap) {
        // userbuffers: every collective of the layer hides behind the layer's GEMMs
        case USERBUFFERS -> new TpExposed(overlapped(tpComm, gemmDenseLayer, tpContention),
            overlapped(tpComm, gemmMoeLayer, tpContention), overlapped(tpCommB, 2 * gemmDenseLayer, tpContention),
            overlapped(tpCommB, 2 * gemmMoeLayer, tpContention));
        // PyTorch async TP (micro_pipeline_tp): each collective hides only behind the matmul it is fused with, run as t
        // chunks of T/t rows (fusedMatmul: the exposed part, the SM share taken from it and the smaller chunks' extra time).
        // Forward: the attention input's all-gather with the Q/K/V mms, the output projection's mm with its reduce-scatter,
        // the MLP input's all-gather with fc1 (w1, w3), fc2 with its reduce-scatter. Backward: each output gradient's
        // all-gather with the input-gradient (dgrad) mm of the row-parallel projection (wo, fc2); the reduce-scatter of the
        // column-parallel projections' input gradient is a sum of mms (dX = dQ·Wq + dK·Wk + dV·Wv; w1, w3), not one mm's
        // single use, so it is not fused and stays exposed; the all-gathers SAC re-runs are fused with the mm SAC recomputes
        // from them (wk; w3), where there is one. MoE layers: the experts' grouped GEMMs are no aten.mm, so the MLP's
        // collectives are not fused.
        case MICRO_PIPELINE -> {
          double tpAttnF = fusedMatmul(gatherTp, qkvParams, T, t) + fusedMatmul(scatterTp, outParams, T, t);
          double tpAttnB = fusedMatmul(gatherTp, outParams, T, t) + scatterTp
              + (sacRegathers ? (kParams > 0 ? fusedMatmul(gatherTp, kParams, T, t) : gatherTp) : 0);
          double tpMlpF = fusedMatmul(gatherTp, ffnInParams, T, t) + fusedMatmul(scatterTp, ffnOutParams, T, t);
          double tpMlpB = fusedMatmul(gatherTp, ffnOutParams, T, t) + scatterTp
              + (sacRegathers ? (ffnInRecomputedParams > 0 ? fusedMatmul(gatherTp, ffnInRecomputedParams, T, t) : gatherTp) : 0);
          yield new TpExposed(tpAttnF + tpMlpF, tpAttnF + gatherTp + scatterTp, tpAttnB + tpMlpB,
              tpAttnB + gatherTp + scatterTp + (sacRegathers ? gatherTp : 0));
        }
      };
    }
    double tpExposedDense = tpExposed.dense();
    double tpExposedMoe = tpExposed.moe();
    double tpExposedDenseB = tpExposed.denseBackward();
    double tpExposedMoeB = tpExposed.moeBackward();
    // Expert all-to-all: without overlap fully exposed; with DualPipe's overlap (DeepSeek-V3 §3.2.1) the
    // forward and backward all-to-alls of one micro-batch run under the other micro-batch's forward and
    // backward compute of the whole layer, so per layer only max(0, 2·a2a − 3·compute) is exposed. Megatron-Core's
    // overlap (overlap_moe_expert_parallel_comm, the combined 1F1B schedule) pairs each all-to-all with one piece of the
    // other micro-batch's layer and leaves the warm-up and cool-down unpaired ({@link #combined1f1bExposed}).
    double moeLayerComputeF = gemmMoeLayer + attn + elemMoe;
    double epPair;
    if (!overlapEp || epComm == 0) {
      epPair = 2 * epComm;
    } else if (dualPipe) {
      epPair = overlapped(2 * epComm, 3 * moeLayerComputeF, epContention);
    } else {
      // attention node (input norm, QKV and output projections, attention core) and post-attention node (pre-MLP norm,
      // router, dispatch preprocessing and permutation): the layer's element-wise work is counted here
      double attnSideF = gemmAttn + attn + elemMoe + gemmRouterF;
      double mlpSideF = gemmMoeFfn - gemmRouterF; // routed and shared experts
      // backward: data gradients now, weight gradients delayed (delay_wgrad_compute); attention core and element-wise
      // backward count twice their forward in the data-gradient pass, as the model's backward does
      var pieces = new Combined1f1bPieces(attnSideF, mlpSideF, mlpSideF, mlpSideF,
          gemmAttn + gemmRouterF + 2 * (attn + elemMoe), gemmAttn + gemmRouterF);
      double paired = combined1f1bExposed(pieces, epDispatch, epCombine, epContention);
      double unpaired = combined1f1bUnpairedShare(pp, vpp, m);
      epPair = unpaired * 2 * epComm + (1 - unpaired) * paired;
    }

    // forward per micro-batch on the busiest stage, split by kind (backward = 2x compute, 1x comm)
    double gemmF = nDense * gemmDenseLayer + nMoe * gemmMoeLayer;
    double attnF = nStage * attn;
    double elemF = nDense * elemDense + nMoe * elemMoe;
    double tpF = nDense * tpExposedDense + nMoe * tpExposedMoe;
    double tpB = nDense * tpExposedDenseB + nMoe * tpExposedMoeB;
    double cpF = nStage * cpComm;
    double epF = nMoe * epPair / 2; // forward share; the backward share is equal
    // logits and loss on the last stage: 2·T·h·V/t forward
    double logitsF = gemmTime(2 * T * h * vocab / t, T, h, vocab / t);
    gemmF += logitsF;

    double recomputeF = switch (recompute) {
      case NONE -> 0;
      // unfused: the attention core (Korthikanti); fused: the norms, MLA up-projections and the MoE activation function
      // TorchTitan op-level: half of the layers' forward matmuls and all their element-wise work, not the attention
      case SELECTIVE -> !flash ? attnF
          : everyOtherMm ? 0.5 * (gemmF - logitsF) + elemF
          : nStage * (T * selectiveRecomputeBytes / spDiv / memRate
              + (selectiveRecomputeParams > 0 ? gemmTime(2 * T * selectiveRecomputeParams / t, T, h, qDim / t) : 0))
              + nMoe * T * actFnBytesMoe / t / memRate;
      case FULL -> gemmF - logitsF + attnF + elemF + tpF + cpF + epF;
    };
    // eager loss on the last stage (outside the checkpointed layers, so never recomputed), vocabulary-sharded over tp
    elemF += T * lossBytes / t / memRate;
    double ppComm = 0;
    if (pp > 1) {
      boolean inside = (long) tp * cp * dp * pp <= scaleUpDomain;
      double bw = inside ? upBw : (hasScaleOut ? outBw : upBw);
      double alpha = inside ? upAlpha : outAlpha;
      double n = T * h * ACT_BYTES / t; // scatter/gather optimisation
      ppComm = 2.0 * vpp * (alpha + n / bw);
    }
    // context-parallel ring attention sends K/V forward and K/V plus their gradients backward (3x)
    double commMb = tpF + tpB + 3 * cpF + 2 * epF;
    // Host-issued expert work on the busiest stage, per MoE layer: the local experts' host time (forward and backward: six
    // GEMMs per expert, fc1 and fc2 forward, dgrad and wgrad). Kernel launches are asynchronous, so the GPU runs expert
    // i's GEMMs while the host issues expert i+1's; after the dispatcher's host sync the expert phase takes the longer of
    // the host's issue time and the GPU's expert GEMM time (forward and backward, 3x the forward), and only the host's
    // excess adds. Full recompute issues and runs the two forward GEMMs again (8/6 of both).
    double moeHost = moeHostPerLocalExpert > 0
        ? nMoe * Math.max(0, ((double) experts / ep) * moeHostPerLocalExpert - 3 * gemmRoutedF)
            * (recompute == Recompute.FULL ? 8.0 / 6 : 1)
        : 0;
    double perMb = 3 * (gemmF + attnF + elemF) + commMb + recomputeF + ppComm + moeHost;
    // 1F1B: (p−1)/v micro-batch times (Narayanan et al. 2021 §2.2). DualPipe (DeepSeek-V3 Table 2):
    // (p/2 − 1)(F&B + B − 3W); with F = 1, B = 2, W = 1 (weight gradients half the backward) and F&B = F + B
    // that is (p/2 − 1)·2/3 of a micro-batch time.
    double bubble = dualPipe ? Math.max(0, pp / 2.0 - 1) * perMb * 2 / 3 : (pp - 1.0) / vpp * perMb;

    // --- data parallel gradient traffic, optimizer ---
    double frac = (double) nStage / layers;
    double localNonExpert = nonExpertLayerParamsTotal * frac / t + (pp == 1 ? embeddingParams : vocab * h) / t;
    double localExpert = expertParamsTotal * frac / ((double) ep * t);
    double g = (double) dp * cp;
    double ge = g / ep;
    // Forward and backward of one micro-batch: what data-parallel traffic can hide behind.
    double forwardOneMb = gemmF + attnF + elemF + tpF + cpF + epF;
    double backwardOneMb = 2 * (gemmF + attnF + elemF) + tpB + 2 * cpF + epF;
    double dpExposed = 0;
    if (g > 1) {
      boolean inside = (long) tp * cp * dp <= scaleUpDomain;
      // overlapped collectives over the network take SMs like the expert all-to-all (EP_COMM_SM_SHARE), those inside
      // the scale-up domain like the tensor-parallel ones (TP_COMM_SM_SHARE)
      double slow = inside ? tpContention : epContention;
      if (!inside && hasScaleOut) {
        // Overlapped collectives share the network: while expert, context-parallel and pipeline traffic of the
        // same micro-batch crosses the scale-out links, the data-parallel collectives cannot use them, so that
        // time is no window to hide behind.
        // Per direction: the pipeline sends one activation (forward) or its gradient (backward) per boundary, half of
        // ppComm each way; the expert all-to-alls move the same volume forward and backward (epComm each); ring
        // attention sends K/V forward and K/V plus their gradients backward (once, then twice the forward volume).
        double ppNet = pp > 1 && (long) tp * cp * dp * pp > scaleUpDomain ? ppComm / 2 : 0;
        double epNet = ep > 1 && moeLayers > 0 && (long) tp * cp * ep > scaleUpDomain ? nMoe * epComm : 0;
        double cpNet = cp > 1 && (long) tp * cp > scaleUpDomain
            ? nStage * (cp - 1) * (outAlpha + T * kvBytesPerTokenPerLayer / t / outBw) : 0;
        forwardOneMb = forwardWindow(forwardOneMb, ppNet, epNet, cpNet);
        backwardOneMb = backwardWindow(backwardOneMb, ppNet, epNet, cpNet);
      }
      double bw = inside ? upBw : outBw;
      double alpha = inside ? upAlpha : outAlpha;
      double expertRanks = localExpert > 0 && ge > 1 ? ge : 1;
      // One ring reduce-scatter of the gradients (gradient precision) and one ring all-gather of the
      // 16-bit weights, non-expert parameters over g ranks and expert ones over g/ep.
      // each bucket is its own collective and pays its own latency (the recipe's DP bucketing)
      double bNon = bucketing.buckets(localNonExpert, g, nStage);
      double bExp = bucketing.buckets(localExpert, expertRanks, nStage);
      double reduceScatter = ringTime(g, localNonExpert, gradBytes, alpha, bw, bNon)
          + ringTime(expertRanks, localExpert, gradBytes, alpha, bw, bExp);
      // the updated weights are gathered in 16 bits, or with FP8 weight gathers (the recipe's fp8_param_gather:
      // Megatron-Bridge's FP8 precision configs, torchao's FSDP float8 all-gather) the layers' weights in FP8, one byte;
      // the embedding and output head stay 16-bit
      double layerGatherBytes = fp8ParamGather ? FP8_BYTES : ACT_BYTES;
      double localVocab = (pp == 1 ? embeddingParams : vocab * h) / t;
      double nonExpertGatherBytes = localNonExpert > 0
          ? ((localNonExpert - localVocab) * layerGatherBytes + localVocab * ACT_BYTES) / localNonExpert : ACT_BYTES;
      double allGather = ringTime(g, localNonExpert, nonExpertGatherBytes, alpha, bw, bNon)
          + ringTime(expertRanks, localExpert, layerGatherBytes, alpha, bw, bExp);
      // With overlap (Megatron --overlap-grad-reduce --overlap-param-gather, DeepSpeed overlap_comm) a
      // gradient reduction hides behind the backward it follows, a weight gather behind the forward it precedes.
      dpExposed = switch (sharding) {
        // an all-reduce (reduce-scatter + all-gather of the gradients) after the last micro-batch
        case NONE -> exposed(2 * reduceScatter, backwardOneMb, slow);
        // gradients reduce-scattered after the last micro-batch, updated weights gathered once
        case DIST_OPT, ZERO1 -> exposed(reduceScatter, backwardOneMb, slow) + exposed(allGather, forwardOneMb, slow);
        // only a gradient shard is kept, so every micro-batch's gradients are reduce-scattered
        case ZERO2 -> m * exposed(reduceScatter, backwardOneMb, slow) + exposed(allGather, forwardOneMb, slow);
        // weights gathered for every micro-batch's forward and again for its backward
        case ZERO3 -> m * (exposed(allGather, forwardOneMb, slow) + exposed(allGather + reduceScatter, backwardOneMb, slow));
      };
    }
    double local = localNonExpert + localExpert;
    // Adam reads and writes the master weights and moments (2 x optBytes), reads the gradient (4) and writes the
    // 16-bit weights (2): 30 bytes per parameter with FP32 moments, 22 with BF16 ones
    double perOwned = 2 * optBytes + 4;
    double optStepBytes = sharding == Sharding.NONE ? local * (perOwned + 2)
        : localNonExpert * (perOwned / g + 2) + localExpert * (perOwned / Math.max(1, g / ep) + 2);
    double optimizer = optStepBytes / memRate;

    double step = m * perMb + bubble + dpExposed + optimizer;

    // --- memory per device ---
    // The devices that can hold the peak: the first pipeline rank (embedding, most micro-batches in flight), the
    // second (a full stage of ceil(L/p) layers, one micro-batch fewer) and the last (output head, logits). Where p does
    // not divide the layers, the frameworks take the missing layers from the stages that carry the embedding and the
    // head (Llama 3, arXiv 2407.21783 §3.3.2: "reduce one Transformer layer each from the first and the last stages";
    // Megatron-Core TransformerConfig account_for_embedding_in_pipeline_split / account_for_loss_in_pipeline_split).
    // DualPipe puts stage i and stage p−1−i on one device (DeepSeek-V3 Table 2: Parameter 2x, p + 1 micro-batches in
    // flight): the first device holds the first and last stages, the second two full stages.
    boolean dual = dualPipe && pp > 1;
    boolean combined1f1b = overlapEp && !dualPipe && epComm > 0; // Megatron-Core's combined 1F1B schedule
    int shortfall = pp * nStage - layers;
    int firstLayers = pp > 1 && shortfall >= 1 ? nStage - 1 : nStage;
    int lastLayers = pp > 1 && shortfall >= 2 ? nStage - 1 : nStage;
    // attention scores, softmax and dropout mask: 5·a·s/t bytes per token (Korthikanti Eq. 2), unless fused or recomputed
    double scoreBytes = (flash || recompute != Recompute.NONE) ? 0 : T * 5 * heads * seq / t;
    // Without sequence parallel 10·h bytes per token (layer-norm inputs, dropout masks, attention and MLP
    // inputs) are replicated on every tensor-parallel rank (Korthikanti Eq. 2: sbh(10 + 24/t + 5as/ht)).
    boolean selectiveFused = recompute == Recompute.SELECTIVE && flash;
    double replicated = tp > 1 && !sequenceParallel ? (selectiveFused ? replicatedWithoutSpSelective : replicatedWithoutSp) : 0;
    double attnCoef = selectiveFused ? attnActCoefSelective : attnActCoef;
    double denseCoef = selectiveFused ? denseMlpActCoefSelective : denseMlpActCoef;
    double moeCoef = selectiveFused ? moeMlpActCoefSelective : moeMlpActCoef;
    double perLayerDense = T * h * (replicated + (attnCoef + denseCoef - replicated) / t) + scoreBytes;
    double perLayerMoe = T * h * (replicated + (attnCoef + moeCoef - replicated) / t) + scoreBytes;
    double perLayerMix = fracDense * perLayerDense + (1 - fracDense) * perLayerMoe;
    double logitsBytes = 4 * T * vocab / t;
    double peakTotal = 0;
    double peakWeights = 0;
    double peakStates = 0;
    double peakAct = 0;
    double peakLogits = 0;
    for (int d = 0; d < 3; d++) {
      // d: 0 the first device, 1 the second, 2 the last (1F1B only; DualPipe's last stage sits on the first device)
      if ((d == 1 && pp < 3) || (d == 2 && (pp == 1 || dual))) {
        continue;
      }
      double paramLayers; // layers whose parameters the device holds
      double actLayers; // layers per in-flight micro-batch
      double vocabParams; // embedding and output-head parameters
      double inflight;
      boolean logits;
      if (pp == 1) {
        paramLayers = layers;
        actLayers = layers;
        vocabParams = embeddingParams;
        inflight = 1;
        logits = true;
      } else if (dual) {
        paramLayers = d == 0 ? firstLayers + lastLayers : 2.0 * nStage;
        actLayers = paramLayers / 2;
        vocabParams = d == 0 ? 2 * vocab * h : 0;
        inflight = Math.min(m, pp + 1.0);
        logits = d == 0;
      } else {
        int rank = d == 0 ? 0 : d == 1 ? 1 : pp - 1;
        paramLayers = d == 0 ? firstLayers : d == 1 ? nStage : lastLayers;
        actLayers = paramLayers;
        vocabParams = d == 1 ? 0 : vocab * h;
        inflight = inflight(rank, pp, vpp, m);
        if (combined1f1b && vpp > 1) {
          // the overlap schedules one more warm-up forward chunk (get_pp_rank_microbatches, schedules.py at 92c8482)
          inflight = Math.min(m, inflight + 1.0 / vpp);
        }
        logits = d == 2;
      }
      double nonExpertDev = nonExpertLayerParamsTotal * paramLayers / layers / t + vocabParams / t;
      double expertDev = expertParamsTotal * paramLayers / layers / ((double) ep * t);
      double statesDev = stateBytes(nonExpertDev, expertDev, g, ep, sharding);
      double weightsDev = nonExpertDev * (sharding == Sharding.ZERO3 ? 2 / g : 2)
          + expertDev * (sharding == Sharding.ZERO3 ? 2 / Math.max(1, g / ep) : 2);
      double actDev = recompute == Recompute.FULL
          ? actLayers * 2 * T * h / spDiv * inflight + Math.max(perLayerDense, moeLayers > 0 ? perLayerMoe : 0)
          : actLayers * perLayerMix * inflight;
      double logitsDev = logits ? logitsBytes : 0;
      // 16-bit gradients are copied to FP32 for the optimizer step, on the shard each rank updates, and
      // freed before the next forward (Megatron's zero_grad(set_to_none=True)); that copy is held while
      // the activations are not, so the device's peak is the larger of the two moments (Megatron's
      // distributed-optimizer table: 20 bytes/param unsharded, 4 + 16/d sharded, for fp16 weights and gradients).
      double fp32GradCopy = gradBytes >= 4 ? 0
          : 4 * (sharding == Sharding.NONE ? nonExpertDev + expertDev : nonExpertDev / g + expertDev / Math.max(1, ge));
      double totalDev = Math.max(statesDev + actDev + logitsDev, statesDev + fp32GradCopy) + reserve;
      if (totalDev > peakTotal) {
        peakTotal = totalDev;
        peakWeights = weightsDev;
        peakStates = statesDev;
        peakAct = actDev;
        peakLogits = logitsDev;
      }
    }
    double total = peakTotal;
    double weights = peakWeights;
    double states = peakStates;
    double act = peakAct;
    double logitsMem = peakLogits;

    if (out != null) {
      out[T_GEMM] = m * 3 * (gemmF);
      out[T_ATTENTION] = m * 3 * attnF;
      out[T_MEMORY_BOUND] = m * 3 * elemF;
      out[T_RECOMPUTE] = m * recomputeF;
      out[T_TP_COMM] = m * (tpF + tpB);
      out[T_CP_COMM] = m * 3 * cpF;
      out[T_EP_COMM] = m * 2 * epF;
      out[T_PP_COMM] = m * ppComm;
      out[T_BUBBLE] = bubble;
      out[T_DP_COMM] = dpExposed;
      out[T_OPTIMIZER] = optimizer;
      out[T_MOE_HOST] = m * moeHost;
      out[M_WEIGHTS] = weights;
      out[M_GRADS_OPTIMIZER] = states - weights;
      out[M_ACTIVATIONS] = act;
      out[M_LOGITS] = logitsMem;
      out[M_RESERVE] = reserve;
      out[M_TOTAL] = total;
      out[STEP] = step;
      double tokensPerStep = globalBatch * seq;
      out[HW_FLOPS_PER_STEP] = tokensPerStep * (modelFlopsPerToken + recomputeFlopsPerToken[recompute.ordinal()]);
      out[MICRO_BATCHES] = m;
    }
    return step;
  }

  /** Memory per device without costing time (for pruning). */
  public double memoryBytes(int tp, int pp, int dp, int cp, int ep, int vpp, int mb, Recompute recompute, Sharding sharding) {
    double[] out = new double[OUT_SIZE];
    evaluate(tp, pp, dp, cp, ep, vpp, mb, recompute, sharding, out);
    return out[M_TOTAL];
  }

  /**
   * One expert all-to-all (dispatch or combine) of {@code tokens} tokens per rank at {@code bytesPerElem},
   * over {@code ep} ranks each of which sits beside {@code inner} = tp·cp ranks of its replica.
   * Inside the scale-up domain: pairwise exchange, (e−1)α + k·(e−1)/e·n/β. Across nodes without
   * node dedup: every copy crosses the network. With node dedup (DeepEP-style hierarchical
   * dispatch, DeepSeek-V3 §3.2.2) a token crosses the network once per remote destination node
   * and is forwarded to its experts over the scale-up link; the two stages are pipelined, so the
   * slower one sets the time. Destination nodes per token: at most the model's node limit M
   * (node-limited routing, DeepSeek-V3 §2.1.2), expected remote nodes M·(N−1)/N; without a limit
   * the expected distinct remote nodes of k uniform picks, (N−1)·(1 − (1 − 1/N)^k).
   */
  private double expertAllToAll(double tokens, long inner, int ep, double bytesPerElem) {
    double perCopy = tokens * h * bytesPerElem;
    long span = inner * ep;
    if (span <= scaleUpDomain || !hasScaleOut) {
      return (ep - 1) * upAlpha + topK * (ep - 1.0) / ep * perCopy / upBw;
    }
    if (!nodeDedup) {
      return (ep - 1) * outAlpha + topK * (ep - 1.0) / ep * perCopy / outBw;
    }
    double perNode = Math.max(1, scaleUpDomain / inner); // EP ranks per node
    double nodes = Math.ceil(ep / perNode);
    double uniform = (nodes - 1) * (1 - Math.pow(1 - 1 / nodes, topK));
    double remote = nodeLimit > 0 ? Math.min(uniform, Math.min(nodeLimit, nodes) * (nodes - 1) / nodes) : uniform;
    double network = (nodes - 1) * outAlpha + remote * perCopy / outBw;
    double forward = (perNode - 1) * upAlpha + topK * (perNode - 1) / perNode * perCopy / upBw;
    return Math.max(network, forward);
  }

  /**
   * The part of one micro-batch's forward ({@code forward} seconds) in which the data-parallel collectives have the network
   * to themselves: less the forward pipeline send, the forward expert all-to-alls and the forward ring-attention K/V
   * exchange that cross the same links ({@code ppNet}, {@code epNet}, {@code cpNet}: the forward's network seconds).
   */
  static double forwardWindow(double forward, double ppNet, double epNet, double cpNet) {
    return Math.max(0, forward - (ppNet + epNet + cpNet));
  }

  /**
   * The same window in the backward: the pipeline sends one gradient per boundary (as much as the forward's
   * activation), the expert all-to-alls move the forward's volume again, ring attention sends K/V and their gradients
   * (twice the forward's). Each is taken out once (issue #11: EP and PP time had been taken out twice).
   */
  static double backwardWindow(double backward, double ppNet, double epNet, double cpNet) {
    return Math.max(0, backward - (ppNet + epNet + 2 * cpNet));
  }

  /**
   * Whether a recipe's tensor-parallel all-gathers can move FP8 under this FP8 scaling recipe (with {@code tp_fp8_all_gather}
   * on): only under tensorwise (current) scaling, as torchtitan parallelize_llama.py @820504e says: "float8 all-gather
   * with TP is only supported for tensorwise float8 scaling recipes". The others gather BF16.
   */
  static boolean gathersFp8OverTp(Fp8Recipe recipe) {
    return switch (recipe) {
      case CURRENT -> true;
      case DELAYED, BLOCKWISE, MXFP8 -> false;
    };
  }

  /**
   * One MoE layer's compute for the combined 1F1B schedule, forward and backward of one micro-batch, in seconds: the
   * attention side (Megatron-Core's attn and post_attn schedule nodes), the MLP side (the mlp node: routed and shared
   * experts) forward, its data-gradient and delayed weight-gradient passes, and the attention side's data-gradient and
   * weight-gradient passes.
   */
  record Combined1f1bPieces(double attnF, double mlpF, double mlpDgrad, double mlpWgrad, double attnDgrad,
      double attnWgrad) {
    Combined1f1bPieces {
      for (double v : new double[] {attnF, mlpF, mlpDgrad, mlpWgrad, attnDgrad, attnWgrad}) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalStateException("combined 1F1B compute seconds must be finite and non-negative, got " + this);
        }
      }
    }

    double total() {
      return attnF + mlpF + mlpDgrad + mlpWgrad + attnDgrad + attnWgrad;
    }
  }

  /**
   * Expert all-to-all seconds one MoE layer leaves exposed per micro-batch (forward and backward) under Megatron-Core's
   * combined 1F1B schedule (overlap_moe_expert_parallel_comm; megatron/core/models/common/model_chunk_schedule_plan.py
   * TransformerLayerSchedulePlan.run and pipeline_parallel/utils.py ScheduleNode at 92c8482, the commit Megatron-Bridge
   * @00b7660 pins). The forward of one micro-batch's layer runs with the backward of another's: the all-to-alls on a
   * communication stream, the compute on the compute stream, each micro-batch's nodes chained by its own CUDA event. In
   * issue order: combine backward (B) with attention forward (F); expert data gradients (B) then dispatch forward (F);
   * expert weight gradients (B, delayed) and dispatch backward (B) with the experts forward (F); combine forward (F) with
   * the attention data gradients (B), then the attention weight gradients (B). So each all-to-all hides behind one piece
   * of the other micro-batch's layer, not the whole layer. The pair is replayed until its period is steady; what the
   * period exceeds the compute by is exposed, and the compute overlapped with communication is slowed by the SMs the
   * communication kernels take ({@code slowdown}, as {@link #overlapped}). Backward all-to-alls move the forward's
   * volume (dispatch backward as a combine, combine backward as a dispatch).
   */
  static double combined1f1bExposed(Combined1f1bPieces c, double dispatch, double combine, double slowdown) {
    double comp = 0; // compute stream free
    double comm = 0; // communication stream free
    double f = 0; // forward micro-batch's event
    double b = 0; // backward micro-batch's event
    double period = 0;
    double end = 0;
    for (int pair = 0; pair < 8; pair++) {
      double start = end;
      comm = Math.max(comm, b) + dispatch; // combine backward (B), a dispatch-sized all-to-all
      b = comm;
      comp = Math.max(comp, f) + c.attnF(); // attention and post-attention forward (F)
      f = comp;
      comp = Math.max(comp, b) + c.mlpDgrad(); // expert data gradients (B)
      b = comp;
      comm = Math.max(comm, f) + dispatch; // dispatch forward (F)
      f = comm;
      comp += c.mlpWgrad(); // expert weight gradients (B, delayed: stream order only)
      comm = Math.max(comm, b) + combine; // dispatch backward (B), a combine-sized all-to-all
      b = comm;
      comp = Math.max(comp, f) + c.mlpF(); // experts forward (F)
      f = comp;
      comm = Math.max(comm, f) + combine; // combine forward (F)
      f = comm;
      comp = Math.max(comp, b) + c.attnDgrad(); // post-attention and attention data gradients (B)
      b = comp;
      comp += c.attnWgrad(); // attention weight gradients (B)
      end = Math.max(comp, comm);
      period = end - start;
    }
    double hidden = Math.min(dispatch, c.attnF()) + Math.min(dispatch, c.mlpDgrad())
        + Math.min(combine, c.mlpWgrad() + c.mlpF()) + Math.min(combine, c.attnDgrad());
    return Math.max(0, period - c.total()) + hidden * slowdown;
  }

  /**
   * Share of a stage's forward and backward layer passes that the combined 1F1B schedule runs unpaired, so with their
   * all-to-alls exposed: without pipelining the first micro-batch's forward and the last one's backward
   * (combined_1f1b_schedule_for_no_pipelining); interleaved, the first rank's warm-up forwards and cool-down backwards,
   * 2(p − 1) + (v − 1)·p plus the one extra forward the overlap schedules (get_pp_rank_microbatches, schedules.py at
   * 92c8482), of its m·v chunk passes. Megatron-Core requires virtual stages with the overlap when p > 1.
   */
  static double combined1f1bUnpairedShare(int pp, int vpp, double m) {
    if (pp == 1) {
      return Math.min(1, 1 / m);
    }
    return Math.min(1, (2.0 * (pp - 1) + (vpp - 1.0) * pp + 1) / (m * vpp));
  }

  /**
   * What a collective of {@code comm} seconds adds when overlapped with {@code compute} seconds of compute whose
   * kernels lose SMs to it: the overlapped compute is slowed by {@code slowdown} (share/(1 − share)) for as long as
   * both run, and the part of the collective longer than the compute stays exposed.
   */
  private static double overlapped(double comm, double compute, double slowdown) {
    return Math.max(0, comm - compute) + Math.min(comm, compute) * slowdown;
  }

  /**
   * The tensor-parallel time one layer leaves exposed per micro-batch, in seconds: forward and backward, in a dense layer
   * and in an MoE layer.
   */
  private record TpExposed(double dense, double moe, double denseBackward, double moeBackward) {
    TpExposed {
      if (!(dense >= 0 && moe >= 0 && denseBackward >= 0 && moeBackward >= 0) || Double.isInfinite(dense + moe + denseBackward
          + moeBackward)) {
        throw new IllegalStateException("exposed TP seconds must be finite and non-negative, got dense " + dense + ", moe " + moe
            + ", dense backward " + denseBackward + ", moe backward " + moeBackward
            + "\nMaybe a collective or GEMM time upstream (tpComm, fusedMatmul) went negative or NaN.");
      }
    }
  }

  /**
   * What a collective fused with one matmul (PyTorch async TP: fused_all_gather_matmul, fused_matmul_reduce_scatter) adds
   * to the step beyond that matmul's own time: the matmul of {@code params / t} weights per rank over the T gathered rows
   * runs as t chunks of T/t rows, one per shard as it arrives or leaves; the collective hides behind them (the part longer
   * than they are stays exposed, and they are slowed by the SMs the communication takes, {@link #overlapped}); and the
   * smaller chunks run at the efficiency of their size ({@link #gemmTime}), so their extra time is added.
   */
  private double fusedMatmul(double comm, double params, double tokens, double t) {
    double flops = 2 * tokens * params / t;
    double whole = gemmTime(flops, tokens, h, params / h / t);
    double chunked = gemmTime(flops, tokens / t, h, params / h / t);
    return overlapped(comm, chunked, tpContention) + (chunked - whole);
  }

  /**
   * What a data-parallel collective adds to the step: all of it, or with overlap the part longer than the compute it
   * hides behind plus the slowdown of that compute, whose kernels share the SMs with the communication kernels
   * ({@code slowdown}, as {@link #overlapped}).
   */
  private double exposed(double comm, double compute, double slowdown) {
    return overlapGrad ? overlapped(comm, compute, slowdown) : comm;
  }

  /**
   * One ring reduce-scatter or all-gather (Thakur et al. 2005) over g ranks, split into {@code buckets} collectives: buckets·(g−1)·α plus (g−1)/g of
   * {@code params} times {@code bytesPerParam} at {@code bw}. One rank or nothing to send: no time.
   */
  private static double ringTime(double g, double params, double bytesPerParam, double alpha, double bw, double buckets) {
    if (g <= 1 || params == 0) {
      return 0;
    }
    return buckets * (g - 1) * alpha + (g - 1) / g * params * bytesPerParam / bw;
  }
}
