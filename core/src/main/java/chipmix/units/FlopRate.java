package chipmix.units;

/** A compute rate in floating-point (or integer) operations per second. */
public record FlopRate(double flopsPerSecond) implements Comparable<FlopRate> {
  public FlopRate {
    Checks.nonNegativeFinite("flop rate (FLOP/s)", flopsPerSecond);
  }

  public static FlopRate ofTera(double teraFlops) {
    return new FlopRate(teraFlops * 1e12);
  }

  public double toTera() {
    return flopsPerSecond / 1e12;
  }

  @Override
  public int compareTo(FlopRate o) {
    return Double.compare(flopsPerSecond, o.flopsPerSecond);
  }

  @Override
  public String toString() {
    return toTera() + " TFLOP/s";
  }
}
