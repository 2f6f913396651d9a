package chipmix.units;

/** An amount of money in US dollars (nominal, not inflation-adjusted). */
public record Usd(double dollars) implements Comparable<Usd> {
  public static final Usd ZERO = new Usd(0);

  public Usd {
    Checks.nonNegativeFinite("amount (USD)", dollars);
  }

  public Usd plus(Usd other) {
    return new Usd(dollars + other.dollars);
  }

  public Usd times(double factor) {
    return new Usd(dollars * factor);
  }

  @Override
  public int compareTo(Usd o) {
    return Double.compare(dollars, o.dollars);
  }

  @Override
  public String toString() {
    return "$" + dollars;
  }
}
