package chipmix.serving;

/**
 * How device cost turns into cost per token. These are planning assumptions, not sourced
 * figures: the defaults are round numbers a user should replace with their own.
 *
 * @param amortizationYears years over which the catalog unit price is spread (straight line, 24/7)
 * @param usdPerKwh electricity price, applied to the device TDP (no host, network or cooling)
 */
public record CostAssumptions(double amortizationYears, double usdPerKwh) {
  /** Default assumptions: 4 years, 0.10 USD/kWh. Not sourced; shown with every result. */
  public static final CostAssumptions DEFAULT = new CostAssumptions(4, 0.10);

  public CostAssumptions {
    if (!(amortizationYears > 0) || !Double.isFinite(amortizationYears)) {
      throw new IllegalArgumentException("amortizationYears must be positive, got " + amortizationYears);
    }
    if (!(usdPerKwh >= 0) || !Double.isFinite(usdPerKwh)) {
      throw new IllegalArgumentException("usdPerKwh must not be negative, got " + usdPerKwh);
    }
  }

  /** USD per device-hour: price over the amortisation period plus energy at TDP. */
  public double usdPerDeviceHour(double priceUsd, double tdpWatts) {
    return priceUsd / (amortizationYears * 365 * 24) + tdpWatts / 1000 * usdPerKwh;
  }

  public String describe() {
    return "unit price amortised over " + fmt(amortizationYears) + " years, running 24/7, plus device TDP at "
        + fmt(usdPerKwh) + " USD/kWh (assumptions, not sourced figures; change with "
        + chipmix.validation.FieldRef.of("amortization_years") + " and " + chipmix.validation.FieldRef.of("usd_per_kwh") + ")";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
