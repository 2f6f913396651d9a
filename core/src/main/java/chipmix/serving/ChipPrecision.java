package chipmix.serving;

import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which weight precision each chip runs: the one asked for where the chip has a catalog peak for
 * it, else (for {@code --weights auto}, and as a noted substitution when sizing) the best it has:
 * FP8, else INT8 (W8A8, as Ascend serving stacks run), else BF16. INT4 is weight-only (matmuls in
 * BF16) and runs everywhere.
 */
public final class ChipPrecision {
  private ChipPrecision() {}

  /**
   * The precision {@code hw} runs for {@code asked}, and the sentence that says why when it is not
   * exactly what was asked (auto, or a substitution).
   */
  public record Choice(Precision weights, Optional<String> note) {}

  /** The best matmul precision {@code hw} has a catalog peak for: FP8, else INT8, else BF16. */
  public static Precision best(Hardware hw) {
    if (hw.supports(Precision.FP8)) {
      return Precision.FP8;
    }
    return hw.supports(Precision.INT8) ? Precision.INT8 : Precision.BF16;
  }

  /** True when {@code hw} can run {@code p} as asked: INT4 and BF16 always, FP8 and INT8 where the catalog gives a peak. */
  public static boolean runs(Hardware hw, Precision p) {
    return p == Precision.INT4 || p == Precision.BF16 || hw.supports(p);
  }

  /** The precisions {@code hw} can run, lower case, for messages. */
  public static String supported(Hardware hw) {
    List<String> out = new ArrayList<>();
    for (Precision p : Precision.values()) {
      if (runs(hw, p)) {
        out.add(key(p));
      }
    }
    return String.join(", ", out);
  }

  /** The choice for sizing: asked where the chip runs it, else the best it has, with a note. */
  public static Choice forSizing(Hardware hw, WeightsRequest asked) {
    Precision best = best(hw);
    if (asked.fixed().isEmpty()) {
      return new Choice(best, Optional.of(autoNote(hw, best)));
    }
    Precision p = asked.fixed().get();
    if (runs(hw, p)) {
      return new Choice(p, Optional.empty());
    }
    return new Choice(best, Optional.of(hw.chipId() + ": " + key(p) + " weights asked, but the catalog gives " + hw.chipId()
        + " no " + key(p) + " peak; sized with " + key(best) + (best == Precision.INT8 ? " (W8A8)" : "") + " instead"));
  }

  /** Why {@code --weights auto} picked {@code p} on {@code hw}. */
  static String autoNote(Hardware hw, Precision p) {
    return hw.chipId() + ": `weights` auto runs " + switch (p) {
      case FP8 -> "fp8 (W8A8 FP8; the chip has an FP8 peak in the catalog)";
      case INT8 -> "int8 (W8A8; the catalog gives the chip an INT8 peak but no FP8 peak)";
      case BF16, INT4 -> key(p) + " (the catalog gives the chip no FP8 or INT8 peak)";
    };
  }

  static String key(Precision p) {
    return p.name().toLowerCase(Locale.ROOT);
  }
}
