package chipmix.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as people read them in reports: thousands separators, large values in words
 * ("14.8 trillion", "898 billion"), dollars as $1.86B / $7.6M, never scientific notation.
 * Locale-independent (Locale.ROOT), so output does not depend on the machine.
 */
public final class Human {
  private static final double[] SCALES = {1e12, 1e9, 1e6};
  private static final String[] WORDS = {" trillion", " billion", " million"};

  private Human() {}

  /**
   * A count or amount: below ten million with separators ({@code 332,690}); from ten million up
   * in words with {@code significant} digits ({@code 15.8 million}, {@code 14.8 trillion}).
   */
  public static String count(double v, int significant) {
    requireFinite(v);
    double a = Math.abs(v);
    if (a >= 1e7) {
      for (int i = 0; i < SCALES.length; i++) {
        if (a >= SCALES[i]) {
          return plain(v / SCALES[i], significant) + WORDS[i];
        }
      }
    }
    if (a >= 1000 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return plain(v, significant);
  }

  /** US dollars: $950, $12,400, $7.58M, $1.86B (three significant digits above a million). */
  public static String usd(double v) {
    requireFinite(v);
    double a = Math.abs(v);
    if (a >= 1e9) {
      return "$" + plain(v / 1e9, 3) + "B";
    }
    if (a >= 1e6) {
      return "$" + plain(v / 1e6, 3) + "M";
    }
    return String.format(Locale.ROOT, "$%,.0f", v);
  }

  /** {@code v} rounded to {@code significant} digits, written in full ({@code 0.000125}, {@code 898}). */
  public static String plain(double v, int significant) {
    requireFinite(v);
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(significant)).stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }

  private static void requireFinite(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("a number to print must be finite, got " + v
          + "\nMaybe a model output was not checked: non-finite values are internal errors.");
    }
  }
}
