package chipmix.units;

/** Electrical power in watts. */
public record Watts(double watts) implements Comparable<Watts> {
  public Watts {
    Checks.nonNegativeFinite("power (W)", watts);
  }

  public static Watts ofKilo(double kilowatts) {
    return new Watts(kilowatts * 1000);
  }

  public double toKilo() {
    return watts / 1000;
  }

  /** Energy in kilowatt-hours drawn at this power for {@code duration}. */
  public double kilowattHoursOver(Seconds duration) {
    return toKilo() * duration.toHours();
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
