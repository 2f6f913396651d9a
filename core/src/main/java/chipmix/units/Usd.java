package chipmix.units;

/** An amount of money in US dollars (nominal, not inflation-adjusted). */
public record Usd(double dollars) implements Comparable<Usd> {

  public Usd {
    Checks.nonNegativeFinite("amount (USD)", dollars);
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
