package chipmix.units;

/** A bandwidth in bytes per second. Network figures in bits are converted with {@link #ofGbit}. */
public record ByteRate(double bytesPerSecond) implements Comparable<ByteRate> {
  public ByteRate {
    Checks.nonNegativeFinite("bandwidth (B/s)", bytesPerSecond);
  }

  public static ByteRate ofGB(double gigabytesPerSecond) {
    return new ByteRate(gigabytesPerSecond * 1e9);
  }

  public static ByteRate ofTB(double terabytesPerSecond) {
    return new ByteRate(terabytesPerSecond * 1e12);
  }

  /** From gigabits per second, as NICs are quoted (400 Gb/s = 50 GB/s). */
  public static ByteRate ofGbit(double gigabitsPerSecond) {
    return new ByteRate(gigabitsPerSecond * 1e9 / 8);
  }

  public double toGB() {
    return bytesPerSecond / 1e9;
  }

  public double toTB() {
    return bytesPerSecond / 1e12;
  }

  @Override
  public int compareTo(ByteRate o) {
    return Double.compare(bytesPerSecond, o.bytesPerSecond);
  }

  @Override
  public String toString() {
    return toGB() + " GB/s";
  }
}
