package chipmix.cli.chips;

import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import java.math.BigDecimal;
import java.util.Optional;

/** Text forms of sourced values for tables. */
final class Cells {
  /** Shown for a value no source gives. */
  static final String UNKNOWN = "-";
  static final String LEGEND = "a (b–c): nominal with the range the sources span; * medium, ** low confidence;"
      + " - unknown.";

  private Cells() {}

  /** A stored value as written in the catalog (trailing zeros dropped). */
  static String stored(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  /** A computed value, rounded for reading: whole from 1000, one decimal from 100, two below. */
  static String derived(double d) {
    double a = Math.abs(d);
    int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
    BigDecimal b = new BigDecimal(d).setScale(decimals, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
  }

  static String marker(Confidence c) {
    return switch (c) {
      case HIGH -> "";
      case MEDIUM -> "*";
      case LOW -> "**";
    };
  }

  /** {@code 320 (320–376)**}: nominal, range where sources disagree, confidence marker. */
  static String full(Optional<Spec> spec, boolean computed) {
    if (spec.isEmpty()) {
      return UNKNOWN;
    }
    Spec s = spec.get();
    String v = num(s.nominal(), computed);
    if (s.isRange()) {
      v += " (" + num(s.low(), computed) + "–" + num(s.high(), computed) + ")";
    }
    return v + marker(s.confidence());
  }

  /** {@code 320~**}: nominal only, {@code ~} when the sources span a range. */
  static String brief(Optional<Spec> spec, boolean computed) {
    if (spec.isEmpty()) {
      return UNKNOWN;
    }
    Spec s = spec.get();
    return num(s.nominal(), computed) + (s.isRange() ? "~" : "") + marker(s.confidence());
  }

  /** {@code 320–376} or {@code 148}, without marker. */
  static String range(Spec s, boolean computed) {
    String v = num(s.nominal(), computed);
    return s.isRange() ? v + " (" + num(s.low(), computed) + "–" + num(s.high(), computed) + ")" : v;
  }

  private static String num(double d, boolean computed) {
    return computed ? derived(d) : stored(d);
  }
}
