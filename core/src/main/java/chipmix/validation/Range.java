package chipmix.validation;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The accepted values of one kind of numeric input: finite, from {@code min} (included, or
 * excluded when {@code minExcluded}) to {@code max} (included), optionally whole. Every numeric
 * input of chipmix (command-line option, catalog spec, scenario value, REST field) is checked
 * against one of these (the named ones are in {@link Limits}), so a NaN, an infinity or a value
 * far outside physics is reported naming the field, the value and the accepted range, together
 * with the other problems of the input, instead of reaching the model.
 *
 * @param unit shown after the bounds ({@code GB/s}); empty for none
 * @param why one sentence on where the bounds come from, for the documentation
 */
public record Range(double min, boolean minExcluded, double max, boolean whole, String unit, String why) {
  public Range {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(why, "why");
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException("a range needs finite bounds, min <= max: " + min + ", " + max);
    }
  }

  /** Values from {@code min} to {@code max}, both included. */
  public static Range of(double min, double max, String unit, String why) {
    return new Range(min, false, max, false, unit, why);
  }

  /** Values above {@code min} (excluded) up to {@code max} (included): a positive quantity has {@code min} 0. */
  public static Range above(double min, double max, String unit, String why) {
    return new Range(min, true, max, false, unit, why);
  }

  /** Whole numbers from {@code min} to {@code max}, both included. */
  public static Range whole(long min, long max, String unit, String why) {
    return new Range(min, false, max, true, unit, why);
  }

  public boolean contains(double v) {
    return Double.isFinite(v) && (minExcluded ? v > min : v >= min) && v <= max && (!whole || v == Math.rint(v));
  }

  /** The largest accepted whole number. */
  public long maxLong() {
    return (long) Math.floor(max);
  }

  /** The accepted values in words: {@code a number above 0 and at most 1,000,000 Gb/s}. */
  public String accepted() {
    String kind = whole ? "a whole number" : "a number";
    String u = unit.isEmpty() ? "" : " " + unit;
    return kind + (minExcluded ? " above " + fmt(min) + " and at most " : " from " + fmt(min) + " to ") + fmt(max) + u;
  }

  /** The problem with {@code v}, or empty when it is accepted. */
  public Optional<String> problem(double v) {
    if (contains(v)) {
      return Optional.empty();
    }
    return Optional.of("must be " + accepted() + ", got " + fmt(v));
  }

  /** Records the problem with {@code v} at {@code path}; the value when it is accepted, else empty. */
  public OptionalDouble check(Issues issues, String path, double v) {
    Optional<String> p = problem(v);
    if (p.isPresent()) {
      issues.add(path, p.get());
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(v);
  }

  /** {@link #check} for an optional value: empty stays empty (nothing recorded). */
  public Optional<Double> check(Issues issues, String path, Optional<Double> v) {
    if (v.isEmpty()) {
      return v;
    }
    OptionalDouble d = check(issues, path, v.get());
    return d.isPresent() ? v : Optional.empty();
  }

  /** Throws an {@link InvalidInputException} at {@code path} unless {@code v} is accepted. */
  public double require(String path, double v) {
    Issues issues = new Issues();
    check(issues, path, v);
    issues.throwIfAny();
    return v;
  }

  /**
   * A number as users write it: whole values without decimals and with thousands separators
   * ({@code 10,000,000}), very large or small ones in exponent form ({@code 1.0E308}), and
   * {@code NaN}/{@code Infinity} as such.
   */
  public static String fmt(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) d);
    }
    double a = Math.abs(d);
    if (a >= 1e-3 && a < 1e15) {
      return String.format(Locale.ROOT, "%,.6f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return Double.toString(d);
  }
}
