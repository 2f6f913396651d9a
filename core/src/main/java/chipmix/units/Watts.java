package chipmix.units;

/** Electrical power in watts. */
public record Watts(double watts) implements Comparable<Watts> {
  public Watts {
    Checks.nonNegativeFinite("power (W)", watts);
  }

  @Override
  public int compareTo(Watts o) {
    return Double.compare(watts, o.watts);
  }

  @Override
  public String toString() {
    return watts + " W";
  }
}
