package chipmix.units;

/** A duration in seconds (double precision; the model works in fractions of a second). */
public record Seconds(double seconds) implements Comparable<Seconds> {
  public static final Seconds ZERO = new Seconds(0);

  public Seconds {
    Checks.nonNegativeFinite("seconds", seconds);
  }

  public static Seconds ofMillis(double millis) {
    return new Seconds(millis / 1000);
  }

  public static Seconds ofHours(double hours) {
    return new Seconds(hours * 3600);
  }

  public static Seconds ofDays(double days) {
    return new Seconds(days * 86400);
  }

  public double toMillis() {
    return seconds * 1000;
  }

  public double toHours() {
    return seconds / 3600;
  }

  public double toDays() {
    return seconds / 86400;
  }

  public Seconds plus(Seconds other) {
    return new Seconds(seconds + other.seconds);
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
