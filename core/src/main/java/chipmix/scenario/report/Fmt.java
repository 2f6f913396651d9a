package chipmix.scenario.report;

import java.util.Locale;

/** Number formats shared by the renderers (Locale.ROOT, so reports do not depend on the machine). */
final class Fmt {
  private Fmt() {}

  /** {@code d}, when finite: a NaN or an infinity in a report is a bug (exit code 4), never printed. */
  static double finite(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalStateException("a report value is not finite (" + d + "): a bug in chipmix, no report may show"
          + " NaN or Infinity");
    }
    return d;
  }

  static String count(long n) {
    if (n < 0) {
      throw new IllegalStateException("a report count is negative (" + n + "): a bug in chipmix");
    }
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String usd(double d) {
    finite(d);
    double a = Math.abs(d);
    if (a >= 1e9) {
      return String.format(Locale.ROOT, "$%.2fB", d / 1e9);
    }
    if (a >= 1e6) {
      return String.format(Locale.ROOT, "$%.1fM", d / 1e6);
    }
    return String.format(Locale.ROOT, "$%,.0f", d);
  }

  static String num(double d) {
    finite(d);
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) d);
    }
    return String.format(Locale.ROOT, "%,.1f", d);
  }

  /** Token counts as 14.8T, 300B. */
  static String tokens(double t) {
    finite(t);
    if (t >= 1e12) {
      return String.format(Locale.ROOT, "%.3gT", t / 1e12);
    }
    if (t >= 1e9) {
      return String.format(Locale.ROOT, "%.3gB", t / 1e9);
    }
    return String.format(Locale.ROOT, "%,.0f", t);
  }

  static String gwh(double kwh) {
    finite(kwh);
    return kwh >= 1e6 ? String.format(Locale.ROOT, "%.1f GWh", kwh / 1e6) : String.format(Locale.ROOT, "%,.0f MWh", kwh / 1e3);
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
