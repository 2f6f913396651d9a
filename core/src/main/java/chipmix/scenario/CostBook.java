package chipmix.scenario;

import chipmix.scenario.CapacityLedger.PoolInfo;
import chipmix.scenario.Plan.MonthCost;
import chipmix.scenario.Plan.Segment;
import chipmix.scenario.Scenario.Settings;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cash by month (devices paid when they arrive, electricity of busy devices, rented device-hours)
 * and what a workload costs (device-hours, energy, electricity, amortised devices, rent). Money
 * in US dollars, energy in kWh.
 */
final class CostBook {
  static final double HOURS_PER_YEAR = 365.25 * 24;

  private final Settings settings;
  private final Map<YearMonth, double[]> monthCost = new LinkedHashMap<>();

  private static final int CAPITAL = 0;
  private static final int ENERGY = 1;
  private static final int RENTAL = 2;

  /**
   * What a workload costs over its segments.
   *
   * @param energyKwh empty when a chip it used has no TDP in the catalog
   */
  record WorkloadCost(double energyUsd, double amortisedUsd, double rentalUsd, double deviceHours, Optional<Double> energyKwh) {
    double totalUsd() {
      return energyUsd + amortisedUsd + rentalUsd;
    }
  }

  CostBook(Settings settings) {
    this.settings = settings;
    for (YearMonth m : settings.months()) {
      monthCost.put(m, new double[3]);
    }
  }

  void addCapital(YearMonth m, double usd) {
    add(m, CAPITAL, usd);
  }

  void addRental(YearMonth m, double usd) {
    add(m, RENTAL, usd);
  }

  private void add(YearMonth m, int slot, double usd) {
    double[] c = monthCost.get(m);
    if (c != null) {
      c[slot] += usd;
    }
  }

  /** Electricity of {@code devices} busy devices of a pool over {@code [from, to)}, charged to the months; kWh, NaN without a TDP. */
  double chargeBusy(PoolInfo pool, int devices, LocalDate from, LocalDate to) {
    Optional<Double> kw = pool.tdpKw();
    if (kw.isEmpty()) {
      return Double.NaN;
    }
    double total = 0;
    for (YearMonth m : settings.months()) {
      LocalDate a = max(from, m.atDay(1));
      LocalDate b = min(to, m.plusMonths(1).atDay(1));
      if (a.isBefore(b)) {
        double kwh = devices * ChronoUnit.DAYS.between(a, b) * 24.0 * kw.get() * settings.pue();
        total += kwh;
        add(m, ENERGY, kwh * settings.electricityUsdPerKwh());
      }
    }
    return total;
  }

  /** Electricity of {@code devices} busy devices of a pool for the whole of month {@code m}, charged to it; kWh (zero without a TDP). */
  double chargeMonth(PoolInfo pool, int devices, YearMonth m) {
    Optional<Double> kw = pool.tdpKw();
    if (kw.isEmpty()) {
      return 0;
    }
    double hours = ChronoUnit.DAYS.between(m.atDay(1), m.plusMonths(1).atDay(1)) * 24.0;
    double e = devices * kw.get() * hours * settings.pue();
    add(m, ENERGY, e * settings.electricityUsdPerKwh());
    return e;
  }

  /** What a workload costs: {@code split.get(i)} holds the devices per pool of {@code segments.get(i)}. */
  WorkloadCost cost(List<Segment> segments, List<Map<String, Integer>> split, java.util.function.Function<String, PoolInfo> pools) {
    double energyUsd = 0;
    double capital = 0;
    double rental = 0;
    double deviceHours = 0;
    double kwh = 0;
    boolean allTdp = true;
    for (int i = 0; i < segments.size(); i++) {
      Segment seg = segments.get(i);
      double hours = ChronoUnit.DAYS.between(seg.from(), seg.to()) * 24.0;
      for (Map.Entry<String, Integer> e : split.get(i).entrySet()) {
        PoolInfo pool = pools.apply(e.getKey());
        double dh = e.getValue() * hours;
        deviceHours += dh;
        Optional<Double> kw = pool.tdpKw();
        if (kw.isPresent()) {
          double k = dh * kw.get() * settings.pue();
          kwh += k;
          energyUsd += k * settings.electricityUsdPerKwh();
        } else {
          allTdp = false;
        }
        if (pool.hourlyCostUsd().isPresent()) {
          rental += dh * pool.hourlyCostUsd().get();
        } else if (pool.unitPriceUsd().isPresent() && settings.amortizationYears().isPresent()) {
          capital += dh * pool.unitPriceUsd().get() / (settings.amortizationYears().get() * HOURS_PER_YEAR);
        }
      }
    }
    return new WorkloadCost(energyUsd, capital, rental, deviceHours, allTdp ? Optional.of(kwh) : Optional.empty());
  }

  List<MonthCost> months() {
    List<MonthCost> out = new ArrayList<>();
    monthCost.forEach((m, c) -> out.add(new MonthCost(m, c[CAPITAL], c[ENERGY], c[RENTAL])));
    return out;
  }

  static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
