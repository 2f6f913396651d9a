package chipmix.units;

/** A duration in seconds (double precision; the model works in fractions of a second). */
public record Seconds(double seconds) implements Comparable<Seconds> {

  public Seconds {
    Checks.nonNegativeFinite("seconds", seconds);
  }

  public static Seconds ofMillis(double millis) {
    return new Seconds(millis / 1000);
  }

  public double toMillis() {
    return seconds * 1000;
  }

  @Override
  public int compareTo(Seconds o) {
    return Double.compare(seconds, o.seconds);
  }

  @Override
  public String toString() {
    return seconds + " s";
  }
}
