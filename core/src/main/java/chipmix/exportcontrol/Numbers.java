package chipmix.exportcontrol;

import chipmix.catalog.Spec;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting and threshold comparison shared by the engine and its renderers. */
public final class Numbers {
  private Numbers() {}

  /** Thresholds are "X or more": a value a rounding error below X still meets it. */
  private static final double EPSILON = 1e-9;

  /** The most decimals {@link #fmtAgainst} prints to show a value differs from a threshold. */
  private static final int MAX_DECIMALS = 6;

  public static boolean atLeast(double x, double threshold) {
    return x >= threshold - EPSILON * Math.max(1, Math.abs(threshold));
  }

  /** Whole numbers without decimals, others with at most two (5.92, 2.91, 4988.8). */
  public static String fmt(double d) {
    return fmt(d, 2);
  }

  private static String fmt(double d, int decimals) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    if (Math.abs(d - Math.rint(d)) < 1e-9 && Math.abs(d) < 1e15) {
      return Long.toString(Math.round(d));
    }
    return BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /**
   * {@code value} printed with enough decimals that it does not read as equal to {@code threshold}
   * unless it is (within the "or more" tolerance): 5.9199 against 5.92 prints 5.9199, not 5.92.
   */
  public static String fmtAgainst(double value, double threshold) {
    boolean equal = atLeast(value, threshold) && atLeast(threshold, value);
    String t = fmt(threshold, MAX_DECIMALS);
    for (int decimals = 2; decimals <= MAX_DECIMALS; decimals++) {
      String v = fmt(value, decimals);
      if (equal || !v.equals(t)) {
        return v;
      }
    }
    return fmt(value, MAX_DECIMALS + 3);
  }

  /** A spec as {@code 2368} or {@code 5120-6016}. */
  public static String fmt(Spec s) {
    return s.isRange() ? fmt(s.low()) + "-" + fmt(s.high()) : fmt(s.nominal());
  }

  /** A spec against a threshold, each end with enough decimals to show the comparison. */
  public static String fmtAgainst(Spec s, double threshold) {
    return s.isRange() ? fmtAgainst(s.low(), threshold) + "-" + fmtAgainst(s.high(), threshold)
        : fmtAgainst(s.nominal(), threshold);
  }
}
