package chipmix.exportcontrol;

import chipmix.catalog.Spec;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting and threshold comparison shared by the engine and its renderers. */
public final class Numbers {
  private Numbers() {}

  /** Thresholds are "X or more": a value a rounding error below X still meets it. */
  private static final double EPSILON = 1e-9;

  public static boolean atLeast(double x, double threshold) {
    return x >= threshold - EPSILON * Math.max(1, Math.abs(threshold));
  }

  /** Whole numbers without decimals, others with at most two (5.92, 2.91, 4988.8). */
  public static String fmt(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    if (Math.abs(d - Math.rint(d)) < 1e-9 && Math.abs(d) < 1e15) {
      return Long.toString(Math.round(d));
    }
    return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /** A spec as {@code 2368} or {@code 5120-6016}. */
  public static String fmt(Spec s) {
    return s.isRange() ? fmt(s.low()) + "-" + fmt(s.high()) : fmt(s.nominal());
  }
}
