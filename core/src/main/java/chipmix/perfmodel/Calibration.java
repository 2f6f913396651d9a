package chipmix.perfmodel;

import java.util.List;
import java.util.Objects;

/**
 * Efficiency constants of one chip, per kernel class. Never per model or per case: the same
 * numbers serve every model and layout on the chip.
 *
 * <ul>
 *   <li>GEMM: efficiency {@code e(d) = gemmMax · d / (d + gemmHalfDim)} of the dense peak, where
 *       {@code d} is the GEMM's smallest dimension after sharding; large matmuls approach
 *       {@code gemmMax}, thin ones (high tensor parallelism, small hidden) fall off.</li>
 *   <li>Attention, two kernel classes: fused (FlashAttention-class kernels, scores never in memory)
 *       and unfused (score GEMM, softmax and context GEMM as separate kernels, as Megatron ran
 *       before fused attention): fraction of the dense BF16 peak their FLOPs reach.</li>
 *   <li>Memory-bound ops (norms, activations, dropout, residuals, optimizer): fraction of HBM bandwidth.</li>
 *   <li>Collectives: bus efficiency (fraction of link bandwidth) and per-step latency alpha, for
 *       the scale-up link and the scale-out network.</li>
 *   <li>Host-issued MoE expert work: microseconds of host time per local expert, per MoE layer and micro-batch
 *       (forward and backward together), that Transformer Engine's GroupedLinear spends issuing each expert's GEMMs
 *       and quantisations when the recipe's CUDA graphs do not cover the experts. Fitted across chips to its own fit
 *       cases (calibration-fit.yaml {@code cross_chip}), so it is not among {@link #constants()}.</li>
 * </ul>
 *
 * @param chipIds chip ids or aliases these constants apply to; empty for the default
 * @param calibrated false for the documented default used for chips without data
 */
public record Calibration(
    List<String> chipIds,
    boolean calibrated,
    Calibrated gemmMaxEfficiency,
    Calibrated gemmHalfDim,
    Calibrated attentionEfficiency,
    Calibrated unfusedAttentionEfficiency,
    Calibrated memoryEfficiency,
    Calibrated scaleUpBusEfficiency,
    Calibrated scaleUpLatencyUs,
    Calibrated scaleOutBusEfficiency,
    Calibrated scaleOutLatencyUs,
    Calibrated moeHostPerLocalExpertUs,
    String note) {

  public Calibration {
    chipIds = List.copyOf(chipIds);
    Objects.requireNonNull(note, "note");
    fraction("gemm_max_efficiency", gemmMaxEfficiency);
    fraction("attention_efficiency", attentionEfficiency);
    fraction("unfused_attention_efficiency", unfusedAttentionEfficiency);
    fraction("memory_efficiency", memoryEfficiency);
    fraction("scale_up_bus_efficiency", scaleUpBusEfficiency);
    fraction("scale_out_bus_efficiency", scaleOutBusEfficiency);
    Objects.requireNonNull(gemmHalfDim, "gemmHalfDim");
    Objects.requireNonNull(scaleUpLatencyUs, "scaleUpLatencyUs");
    Objects.requireNonNull(scaleOutLatencyUs, "scaleOutLatencyUs");
    Objects.requireNonNull(moeHostPerLocalExpertUs, "moeHostPerLocalExpertUs");
  }

  private static void fraction(String name, Calibrated c) {
    Objects.requireNonNull(c, name);
    if (c.value() <= 0 || c.value() > 1) {
      throw new IllegalArgumentException(name + " must be in (0, 1], got " + c.value());
    }
  }

  /** A calibration from its constants in the order of {@link Calibrations#CONSTANTS} and the MoE host constant. */
  public static Calibration of(List<String> chipIds, boolean calibrated, List<Calibrated> c, Calibrated moeHostPerLocalExpertUs,
      String note) {
    if (c.size() != Calibrations.CONSTANTS.size()) {
      throw new IllegalArgumentException("expected " + Calibrations.CONSTANTS.size() + " constants, got " + c.size());
    }
    return new Calibration(chipIds, calibrated, c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6), c.get(7),
        c.get(8), moeHostPerLocalExpertUs, note);
  }

  /** These constants with the MoE host constant replaced. */
  public Calibration withMoeHostPerLocalExpertUs(Calibrated v) {
    return new Calibration(chipIds, calibrated, gemmMaxEfficiency, gemmHalfDim, attentionEfficiency, unfusedAttentionEfficiency,
        memoryEfficiency, scaleUpBusEfficiency, scaleUpLatencyUs, scaleOutBusEfficiency, scaleOutLatencyUs, v, note);
  }

  /** These constants with {@code ids} as the chips they apply to (the file's ids or aliases resolved to catalog ids). */
  public Calibration withChipIds(List<String> ids) {
    return new Calibration(ids, calibrated, gemmMaxEfficiency, gemmHalfDim, attentionEfficiency, unfusedAttentionEfficiency,
        memoryEfficiency, scaleUpBusEfficiency, scaleUpLatencyUs, scaleOutBusEfficiency, scaleOutLatencyUs,
        moeHostPerLocalExpertUs, note);
  }

  /** The constants in the order of the calibration file's keys. */
  public List<Calibrated> constants() {
    return List.of(gemmMaxEfficiency, gemmHalfDim, attentionEfficiency, unfusedAttentionEfficiency, memoryEfficiency,
        scaleUpBusEfficiency, scaleUpLatencyUs, scaleOutBusEfficiency, scaleOutLatencyUs);
  }

  /** GEMM efficiency for a matmul whose smallest dimension is {@code d}. */
  public double gemmEfficiency(double d) {
    return gemmMaxEfficiency.value() * d / (d + gemmHalfDim.value());
  }

  /** The text results show when the default is in use. */
  public static final String UNCALIBRATED = "uncalibrated: default efficiencies";
}
