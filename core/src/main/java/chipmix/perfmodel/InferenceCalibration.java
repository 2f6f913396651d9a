package chipmix.perfmodel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inference kernel classes of one chip, next to the training ones in {@link Calibration}. Never
 * per model or per case. Prefill GEMMs and attention reuse the chip's {@link Calibration} GEMM
 * curve and attention efficiency (same kernel classes); these constants cover what only serving
 * has.
 *
 * <ul>
 *   <li>{@code decodeMemoryEfficiency}: fraction of HBM bandwidth a decode step reaches while
 *       streaming the weights and the KV cache (paged attention, grouped expert GEMMs at small M).</li>
 *   <li>{@code forwardOverheadMs}: fixed time per forward pass (a decode step or a prefill batch) that does not scale with bytes or
 *       FLOPs (kernel launches, scheduling, sampling, per-layer synchronisation).</li>
 *   <li>{@code memoryReserveFraction}: share of device memory the runtime keeps for itself
 *       (activations, workspace, allocator and graph pools); weights and KV cache get the rest.</li>
 *   <li>{@code prefillGemmEfficiency} (optional): ceiling of the GEMM efficiency curve in prefill,
 *       where the serving stack's GEMMs differ from the training stack's; absent means the
 *       chip's {@link Calibration#gemmMaxEfficiency()}.</li>
 *   <li>{@code prefillAttentionEfficiency} (optional): fraction of the BF16 peak that forward-only
 *       attention kernels reach in prefill; absent means the chip's training
 *       {@link Calibration#attentionEfficiency()} (forward and backward).</li>
 *   <li>{@code prefillAttentionHalfTokens} (optional, only with {@code prefillAttentionEfficiency}): the sequence
 *       length at which the prefill attention kernel reaches half of that ceiling; the efficiency at a prompt of
 *       {@code S} tokens is then {@code ceiling · S / (S + half)}, as a fused attention kernel's per-block work grows
 *       with the key length it iterates (measured on the Ascend 910B: calibration.yaml). Absent: the ceiling at every
 *       length.</li>
 * </ul>
 *
 * @param steps fixed per-step costs and the kernel-size curve ({@link StepCosts})
 * @param defaultRecipe the serving recipe these constants stand for when the user names none
 * @param software the serving software these constants stand for (shown with every result)
 */
public record InferenceCalibration(
    List<String> chipIds,
    boolean calibrated,
    Calibrated decodeMemoryEfficiency,
    Calibrated forwardOverheadMs,
    Calibrated memoryReserveFraction,
    Optional<Calibrated> prefillGemmEfficiency,
    Optional<Calibrated> prefillAttentionEfficiency,
    Optional<Calibrated> prefillAttentionHalfTokens,
    StepCosts steps,
    String defaultRecipe,
    String software,
    String note) {

  public InferenceCalibration {
    chipIds = List.copyOf(chipIds);
    Objects.requireNonNull(software, "software");
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(defaultRecipe, "defaultRecipe");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(forwardOverheadMs, "forwardOverheadMs");
    Objects.requireNonNull(decodeMemoryEfficiency, "decodeMemoryEfficiency");
    Objects.requireNonNull(memoryReserveFraction, "memoryReserveFraction");
    Objects.requireNonNull(prefillGemmEfficiency, "prefillGemmEfficiency");
    Objects.requireNonNull(prefillAttentionEfficiency, "prefillAttentionEfficiency");
    prefillAttentionEfficiency.ifPresent(c -> {
      if (c.value() <= 0 || c.value() > 1) {
        throw new IllegalArgumentException("prefill_attention_efficiency must be in (0, 1], got " + c.value());
      }
    });
    Objects.requireNonNull(prefillAttentionHalfTokens, "prefillAttentionHalfTokens");
    prefillAttentionHalfTokens.ifPresent(c -> {
      if (!(c.value() > 0) || Double.isInfinite(c.value())) {
        throw new IllegalArgumentException("prefill_attention_half_tokens must be a positive number of tokens, got " + c.value());
      }
    });
    if (prefillAttentionHalfTokens.isPresent() && prefillAttentionEfficiency.isEmpty()) {
      throw new IllegalArgumentException("prefill_attention_half_tokens needs prefill_attention_efficiency (the ceiling it is"
          + " half of); add it or remove prefill_attention_half_tokens");
    }
    prefillGemmEfficiency.ifPresent(c -> {
      if (c.value() <= 0 || c.value() > 1) {
        throw new IllegalArgumentException("prefill_gemm_efficiency must be in (0, 1], got " + c.value());
      }
    });
    if (decodeMemoryEfficiency.value() <= 0 || decodeMemoryEfficiency.value() > 1) {
      throw new IllegalArgumentException("decode_memory_efficiency must be in (0, 1], got " + decodeMemoryEfficiency.value());
    }
    if (memoryReserveFraction.value() >= 1) {
      throw new IllegalArgumentException("memory_reserve_fraction must be below 1, got " + memoryReserveFraction.value());
    }
  }

  /** The {@code i}-th per-step constant in {@link StepCosts}' component order. */
  Calibrated stepConstant(int i) {
    return switch (i) {
      case 0 -> steps.kernelLatencyUs();
      case 1 -> steps.layerOverheadUs();
      case 2 -> steps.layerOverheadEagerUs();
      case 3 -> steps.decodeAttentionEfficiency();
      case 4 -> steps.allToAllLatencyUs();
      case 5 -> steps.allToAllLatencyPerDoublingUs();
      case 6 -> steps.groupedGemmBlockRows();
      default -> throw new IllegalArgumentException("no step constant " + i);
    };
  }

  /** Prefill GEMM efficiency at smallest dimension {@code d}: the chip's curve, with this ceiling where given. */
  public double prefillGemmEfficiency(Calibration chip, double d) {
    return prefillGemmEfficiency.map(c -> c.value() * d / (d + chip.gemmHalfDim().value())).orElseGet(() -> chip.gemmEfficiency(d));
  }

  /**
   * Attention efficiency in prefill of prompts of {@code sequenceTokens} tokens: this constant where given (times
   * {@code S / (S + half)} where the half length is given), else the chip's training attention efficiency.
   */
  public double prefillAttentionEfficiency(Calibration chip, double sequenceTokens) {
    return prefillAttentionEfficiency
        .map(c -> c.value() * prefillAttentionHalfTokens.map(h -> sequenceTokens / (sequenceTokens + h.value())).orElse(1.0))
        .orElse(chip.attentionEfficiency().value());
  }
}
