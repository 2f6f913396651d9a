package chipmix.serving;

import chipmix.perfmodel.Precision;
import java.util.Locale;
import java.util.Optional;

/**
 * The weight precision a user asks for: one precision for every chip, or {@link #AUTO}, each chip at
 * the best precision it has a catalog peak for (FP8, else INT8 W8A8, else BF16).
 */
public enum WeightsRequest {
  AUTO(Optional.empty()),
  BF16(Optional.of(Precision.BF16)),
  FP8(Optional.of(Precision.FP8)),
  INT8(Optional.of(Precision.INT8)),
  INT4(Optional.of(Precision.INT4));

  private final Optional<Precision> fixed;

  WeightsRequest(Optional<Precision> fixed) {
    this.fixed = fixed;
  }

  /** The precision asked for; empty for {@link #AUTO}. */
  public Optional<Precision> fixed() {
    return fixed;
  }

  public static WeightsRequest of(Precision p) {
    return switch (p) {
      case BF16 -> BF16;
      case FP8 -> FP8;
      case INT8 -> INT8;
      case INT4 -> INT4;
    };
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
