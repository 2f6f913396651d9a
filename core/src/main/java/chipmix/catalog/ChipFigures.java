package chipmix.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Figures derived from a chip's sourced specs, computed, never stored. Each carries the range
 * its inputs imply and the weakest confidence among them.
 *
 * <p>TPP (Total Processing Performance, EAR 15 CFR 772 / ECCN 3A090 note): 2 x MacTOPS x bit
 * length, maximised over precisions. A dense rate in TFLOP/s (or TOPS) already counts 2 ops per
 * MAC, so TPP = rate x bit length (H100: 1979 FP8 x 8 = 15832; reference chips-and-rules.md
 * B.1). Where a chip states no compute rate, the published TPP ({@link Metric#TPP_REPORTED}) is
 * used. TF32 is not counted (see {@code TPP_TERMS}).
 */
public final class ChipFigures {
  private ChipFigures() {}

  /** Bit length counted for each precision in the TPP definition. */
  private static final List<Weighted> TPP_TERMS = List.of(
      new Weighted(Metric.FP4, 4),
      new Weighted(Metric.FP8, 8),
      new Weighted(Metric.INT8, 8),
      new Weighted(Metric.BF16, 16),
      new Weighted(Metric.FP16, 16),
      // TF32 is left out: the published TPPs the reference uses as oracles never count it.
      // Counted at 32 bits it would exceed them (Trainium2: 667 x 32 = 21344, L2: 48.3 x 32 =
      // 1545.6) and even at its 19 significant bits it would (Trainium2 667 x 19 = 12673)
      // against the published 10672 = 667 x 16 (chips-and-rules.md B.6 #23) and 1544 (#12).
      new Weighted(Metric.FP32, 32));

  private record Weighted(Metric metric, int bits) {}

  /** TPP in bit-TOPS (the unit of the 4800/1600/2400 thresholds), if any compute rate or a published TPP is known. */
  public static Optional<Spec> tpp(Chip chip) {
    Spec best = null;
    for (Weighted t : TPP_TERMS) {
      Optional<Spec> s = chip.spec(t.metric());
      if (s.isPresent()) {
        Spec candidate = s.get().scaled(t.bits());
        best = best == null ? candidate : max(best, candidate);
      }
    }
    if (best == null) {
      return chip.spec(Metric.TPP_REPORTED);
    }
    return Optional.of(best);
  }

  /** Performance density: TPP / die area (mm²), where the die area is known. */
  public static Optional<Spec> performanceDensity(Chip chip) {
    return ratio(tpp(chip), chip.spec(Metric.DIE_AREA), 1);
  }

  /** Ridge point of the roofline: dense BF16 FLOP per byte of device memory traffic. */
  public static Optional<Spec> ridgePoint(Chip chip) {
    // TFLOP/s / (TB/s) = FLOP per byte.
    return ratio(chip.spec(Metric.BF16), chip.spec(Metric.MEMORY_BANDWIDTH), 1);
  }

  /** Dense BF16 GFLOP/s per watt of TDP. */
  public static Optional<Spec> bf16GflopsPerWatt(Chip chip) {
    return ratio(chip.spec(Metric.BF16), chip.spec(Metric.TDP), 1000);
  }

  /** Dense BF16 GFLOP/s per dollar of unit price. */
  public static Optional<Spec> bf16GflopsPerDollar(Chip chip) {
    return ratio(chip.spec(Metric.BF16), chip.spec(Metric.PRICE), 1000);
  }

  /** The larger of two ranges, bound by bound (the TPP maximum over precisions). */
  private static Spec max(Spec a, Spec b) {
    Spec nominalWinner = a.nominal() >= b.nominal() ? a : b;
    double low = Math.max(a.low(), b.low());
    double high = Math.max(a.high(), b.high());
    return new Spec(nominalWinner.nominal(), Math.min(low, nominalWinner.nominal()), high,
        nominalWinner.sources(), nominalWinner.confidence(), nominalWinner.note());
  }

  /** numerator / denominator x scale, with the widest range the two ranges imply. */
  private static Optional<Spec> ratio(Optional<Spec> numerator, Optional<Spec> denominator, double scale) {
    if (numerator.isEmpty() || denominator.isEmpty()) {
      return Optional.empty();
    }
    Spec n = numerator.get();
    Spec d = denominator.get();
    if (d.low() <= 0) {
      return Optional.empty();
    }
    List<String> sources = new ArrayList<>(n.sources());
    d.sources().stream().filter(s -> !sources.contains(s)).forEach(sources::add);
    return Optional.of(new Spec(n.nominal() / d.nominal() * scale, n.low() / d.high() * scale,
        n.high() / d.low() * scale, sources, n.confidence().weakest(d.confidence()), "calc"));
  }
}
