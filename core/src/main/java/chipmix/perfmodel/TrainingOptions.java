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
 * @param overlapGradReduce data-parallel gradient traffic overlaps the last micro-batch's backward
 * @param overlapTensorParallel tensor-parallel collectives overlap the GEMMs (Megatron --tp-comm-overlap)
 * @param overlapExpertParallel expert all-to-alls overlap the expert GEMMs (DualPipe-style, DeepSeek-V3 §3.2.1)
 * @param flashAttention attention scores are not stored (fused attention kernels)
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
    boolean flashAttention,
    double pue,
    Optional<Double> usdPerDeviceHour,
    double amortisationYears) {

  public TrainingOptions {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(usdPerDeviceHour, "usdPerDeviceHour");
    if (seqLen < 1 || globalBatch < 1 || !(pue >= 1) || !(amortisationYears > 0)) {
      throw new IllegalArgumentException("invalid training options: seqLen=" + seqLen + " globalBatch=" + globalBatch
          + " pue=" + pue + " amortisationYears=" + amortisationYears + "\nMaybe validate user input with TrainingInput first.");
    }
  }

  /** Defaults: BF16, overlapped gradient reduce, no TP or EP overlap, fused attention, PUE 1.0, 4-year amortisation. */
  public static TrainingOptions of(int seqLen, long globalBatch) {
    return new TrainingOptions(seqLen, globalBatch, Precision.BF16, Optional.empty(), true, false, false, true, 1.0,
        Optional.empty(), 4.0);
  }

  public TrainingOptions withPrecision(Precision p) {
    return new TrainingOptions(seqLen, globalBatch, p, tokens, overlapGradReduce, overlapTensorParallel, overlapExpertParallel, flashAttention,
        pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withOverlap(boolean gradReduce, boolean tensorParallel) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, gradReduce, tensorParallel, overlapExpertParallel, flashAttention, pue,
        usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withExpertOverlap(boolean overlap) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, overlapGradReduce, overlapTensorParallel, overlap,
        flashAttention, pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withFlashAttention(boolean flash) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, overlapGradReduce, overlapTensorParallel, overlapExpertParallel, flash,
        pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withTokens(double t) {
    return new TrainingOptions(seqLen, globalBatch, precision, Optional.of(t), overlapGradReduce, overlapTensorParallel,
        overlapExpertParallel, flashAttention, pue, usdPerDeviceHour, amortisationYears);
  }

  public TrainingOptions withCost(double pueValue, Optional<Double> usdPerHour, double years) {
    return new TrainingOptions(seqLen, globalBatch, precision, tokens, overlapGradReduce, overlapTensorParallel,
        overlapExpertParallel, flashAttention, pueValue, usdPerHour, years);
  }
}
