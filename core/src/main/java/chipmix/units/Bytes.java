package chipmix.units;

/** An amount of memory or data, in bytes. */
public record Bytes(double bytes) implements Comparable<Bytes> {
  private static final double GIB = 1024.0 * 1024 * 1024;

  public Bytes {
    Checks.nonNegativeFinite("bytes", bytes);
  }

  public static Bytes ofGB(double gigabytes) {
    return new Bytes(gigabytes * 1e9);
  }

  public static Bytes ofGiB(double gibibytes) {
    return new Bytes(gibibytes * GIB);
  }

  public double toGB() {
    return bytes / 1e9;
  }

  public double toGiB() {
    return bytes / GIB;
  }

  @Override
  public int compareTo(Bytes o) {
    return Double.compare(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toGB() + " GB";
  }
}
