package chipmix.perfmodel;

import java.util.Objects;
import java.util.Optional;

/**
 * Workload and run options of a training estimate.
 *
 * @param seqLen tokens per sequence
 * @param globalBatch sequences per step
 * @param precision matmul precision (attention kernels run at BF16)
 * @param tokens optional token budget for days, device-hours, energy and cost
 * @param overlapGradReduce data-parallel traffic overlaps compute: gradient reductions the backward they follow, weight gathers the forward they precede
 * @param overlapTensorParallel tensor-parallel collectives overlap the GEMMs (Megatron --tp-comm-overlap)
 * @param overlapExpertParallel expert all-to-alls of one micro-batch overlap another micro-batch's layer compute (DualPipe, DeepSeek-V3 §3.2.1)
 * @param expertNodeDedup cross-node expert dispatch sends each token once per destination node and forwards it over the scale-up link (DeepEP-style, DeepSeek-V3 §3.2.2)
 * @param expertDispatchPrecision element precision of the dispatch all-to-all (and of its backward counterpart); combine stays BF16 (DeepSeek-V3 §3.3.2: FP8 dispatch, BF16 combine)
 * @param sequenceParallel with tp > 1, norms, dropout and their activations are split over the tensor-parallel ranks (Korthikanti et al. 2022 §4.2.2); off = Megatron before 2022: replicated
 * @param flashAttention attention scores are not stored (fused attention kernels)
 * @param gradientPrecision element precision of the gradient buffer and of the data-parallel gradient reduction
 * @param pue facility power usage effectiveness applied to TDP energy (1.0 = device energy only)
 * @param usdPerDeviceHour optional rental price; else the catalog price amortised over {@code amortisationYears}
 */
public record TrainingOptions(
    int seqLen,
    long globalBatch,
    Precision precision,
    Optional<Double> tokens,
    boolean overlapGradReduce,
    boolean overlapTensorParallel,
    boolean overlapExpertParallel,
    boolean expertNodeDedup,
    Precision expertDispatchPrecision,
    boolean sequenceParallel,
    boolean flashAttention,
    GradientPrecision gradientPrecision,
    double pue,
    Optional<Double> usdPerDeviceHour,
    double amortisationYears) {

  public TrainingOptions {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(expertDispatchPrecision, "expertDispatchPrecision");
    Objects.requireNonNull(gradientPrecision, "gradientPrecision");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(usdPerDeviceHour, "usdPerDeviceHour");
    if (seqLen < 1 || globalBatch < 1 || !(pue >= 1) || !(amortisationYears > 0)) {
      throw new IllegalArgumentException("invalid training options: seqLen=" + seqLen + " globalBatch=" + globalBatch
          + " pue=" + pue + " amortisationYears=" + amortisationYears + "\nMaybe validate user input with TrainingInput first.");
    }
  }

  /**
   * Defaults: BF16, overlapped gradient reduce, no TP or EP overlap, flat BF16 expert dispatch, sequence parallel,
   * fused attention, FP32 gradients (Megatron's BF16 default), PUE 1.0, 4-year amortisation.
   */
  public static TrainingOptions of(int seqLen, long globalBatch) {
    return new TrainingOptions(seqLen, globalBatch, Precision.BF16, Optional.empty(), true, false, false, false, Precision.BF16, true, true,
        GradientPrecision.FP32, 1.0, Optional.empty(), 4.0);
  }

  public TrainingOptions withPrecision(Precision p) {
    return new TrainingOptions(seqLen, globalBatch, p, tokens, overlapGradReduce, overlapTensorParallel, overlapExpertParallel, expertNodeDedup, expertDispatchPrecision, sequenceParallel, flashAttention, gradientPrecision,
        pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withOverlap(boolean gradReduce, boolean tensorParallel) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, gradReduce, tensorParallel, overlapExpertParallel, expertNodeDedup, expertDispatchPrecision, sequenceParallel, flashAttention, gradientPrecision, pue,
        usdPerDeviceHour, amortisationYears);
  }


  /** Expert-parallel communication: overlap (DualPipe), node dedup (DeepEP) and dispatch precision. */
  public TrainingOptions withExpertComm(boolean overlap, boolean nodeDedup, Precision dispatch) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, overlapGradReduce, overlapTensorParallel, overlap,
        nodeDedup, dispatch, sequenceParallel, flashAttention, gradientPrecision, pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withSequenceParallel(boolean sp) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, overlapGradReduce, overlapTensorParallel, overlapExpertParallel,
        expertNodeDedup, expertDispatchPrecision, sp, flashAttention, gradientPrecision, pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withFlashAttention(boolean flash) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, overlapGradReduce, overlapTensorParallel, overlapExpertParallel, expertNodeDedup, expertDispatchPrecision, sequenceParallel, flash, gradientPrecision,
        pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withGradientPrecision(GradientPrecision g) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, overlapGradReduce, overlapTensorParallel, overlapExpertParallel,
        expertNodeDedup, expertDispatchPrecision, sequenceParallel, flashAttention, g, pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withTokens(double t) {
    return new TrainingOptions(seqLen, globalBatch, precision, Optional.of(t), overlapGradReduce, overlapTensorParallel,
        overlapExpertParallel, expertNodeDedup, expertDispatchPrecision, sequenceParallel, flashAttention, gradientPrecision, pue, usdPerDeviceHour, amortisationYears);
  }
}
