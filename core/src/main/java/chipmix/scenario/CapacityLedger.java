package chipmix.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.scenario.Engines.Finding;
import chipmix.scenario.Engines.Verdict;
import chipmix.scenario.Plan.DeliveryResult;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.PoolTimeline;
import chipmix.scenario.Scenario.Delivery;
import chipmix.scenario.Scenario.Order;
import chipmix.scenario.Scenario.Pool;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The capacity ledger of one planning pass: every pool (fleet pools and the pools orders
 * deliver into) with its chip, system and prices, and its devices over time (arrivals after the
 * slip and the export rules, and the reservations of the workloads placed so far). Pays for
 * devices in the {@link CostBook} when they arrive.
 */
final class CapacityLedger {

  /** What the planner knows about one pool besides its devices. */
  record PoolInfo(String id, Chip chip, Optional<SystemSpec> system, Optional<Double> unitPriceUsd,
      Optional<Double> hourlyCostUsd, Optional<Double> scaleOutGbps) {

    /** Thermal design power in kW, when the catalog gives one. */
    Optional<Double> tdpKw() {
      return chip.spec(Metric.TDP).map(Spec::nominal).map(w -> w / 1000);
    }
  }

  private final Catalog catalog;
  private final Map<String, PoolInfo> info = new LinkedHashMap<>();
  private final Map<String, Ledger> ledgers = new LinkedHashMap<>();

  CapacityLedger(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Registers a fleet pool and its devices; returns the spend before the horizon (not in the months). */
  double addFleetPool(Pool p, Scenario.Settings settings, CostBook costs) {
    register(p.id(), p.chipId(), p.systemId(), p.unitPriceUsd(), p.hourlyCostUsd(), p.scaleOutGbps());
    ledgers.get(p.id()).arrive(p.online(), p.count());
    if (p.unitPriceUsd().isPresent()) {
      if (p.online().isBefore(settings.firstDay())) {
        return p.count() * p.unitPriceUsd().get();
      }
      costs.addCapital(YearMonth.from(p.online()), p.count() * p.unitPriceUsd().get());
    }
    return 0;
  }

  /**
   * Registers an order's pool and receives its deliveries: each arrives after the slip and is
   * checked with the export engine on the date it arrives. Blocked deliveries (and, when
   * {@code dropAtRisk}, at-risk ones still to come) are not received.
   */
  OrderResult addOrder(Order o, Scenario s, Engines.Compliance compliance, boolean dropAtRisk, CostBook costs,
      List<String> notes) {
    register(o.id(), o.chipId(), o.systemId(), o.unitPriceUsd(), Optional.empty(), o.scaleOutGbps());
    Chip chip = info.get(o.id()).chip();
    String destination = o.destination().orElse(s.organisation().primaryDataCentre());
    List<DeliveryResult> results = new ArrayList<>();
    int received = 0;
    int blocked = 0;
    int atRisk = 0;
    int lost = 0;
    Map<String, double[]> conditionCost = new LinkedHashMap<>();
    for (Delivery d : o.deliveries()) {
      LocalDate arrives = d.date().plusDays(o.slip().delayDays());
      int arriving = o.slip().arrivingCount(d);
      lost += d.count() - arriving;
      Finding f = compliance.check(chip, o.shipsFrom(), destination, s.organisation().headquarters(),
          s.organisation().parties(), arrives, s.settings().importSide());
      // A delivery before the horizon is history: it counts as received whatever the finding, and
      // the fallback plan only drops at-risk deliveries still to come.
      boolean past = arrives.isBefore(s.settings().firstDay());
      // A delivery slipped past the horizon end is not received within the horizon.
      boolean inHorizon = arrives.isBefore(s.settings().endExclusive());
      boolean ok = inHorizon && switch (f.verdict()) {
        case CLEAR -> true;
        case AT_RISK -> past || !dropAtRisk;
        case BLOCKED -> past;
      };
      if (f.verdict() == Verdict.BLOCKED && !past) {
        blocked += arriving;
      } else if (f.verdict() == Verdict.AT_RISK && !past) {
        atRisk += arriving;
      }
      if (ok) {
        received += arriving;
        ledgers.get(o.id()).arrive(arrives, arriving);
        o.unitPriceUsd().ifPresent(p -> costs.addCapital(YearMonth.from(arrives), arriving * p));
        conditionCosts(o, d, f, arriving, conditionCost, costs);
      }
      results.add(new DeliveryResult(d.date(), arrives, d.count(), arriving, destination, f, ok));
    }
    conditionCost.forEach((text, a) -> notes.add(String.format(java.util.Locale.ROOT,
        "Order %s: export condition %s: %,.0f units, $%,.0f.", o.id(), text, a[1], a[0])));
    double spend = received * o.unitPriceUsd().orElse(0.0);
    return new OrderResult(o.id(), chip.id(), chip.name(), o.quantity(), o.scheduled(), received, blocked, atRisk, lost,
        o.quantity() - o.scheduled(), results, spend);
  }

  /**
   * Costs that the export answer's conditions put on a received delivery, summed per condition
   * into {@code acc} (text to [usd, units]): a tariff is added to capital on the unit price; a
   * revenue share is remitted by the vendor out of the price, so it is counted but not added.
   */
  private static void conditionCosts(Order o, Delivery d, Finding f, int arriving, Map<String, double[]> acc,
      CostBook costs) {
    for (Engines.ConditionCost c : f.costs()) {
      double usd = o.unitPriceUsd().map(p -> arriving * p * c.fraction()).orElse(0.0);
      if (c.tariff()) {
        costs.addCapital(YearMonth.from(d.date().plusDays(o.slip().delayDays())), usd);
      }
      String key = c.text() + " " + c.citations() + (c.tariff() ? "" : " (remitted by the vendor out of the price; not"
          + " added to the plan's cost)") + (o.unitPriceUsd().isEmpty() ? " (no unit price: amount unknown)" : "");
      double[] a = acc.computeIfAbsent(key, k -> new double[2]);
      a[0] += usd;
      a[1] += arriving;
    }
  }

  private void register(String id, String chipId, Optional<String> systemId, Optional<Double> price, Optional<Double> hourly,
      Optional<Double> scaleOut) {
    Chip chip = catalog.findChip(chipId).orElseThrow(() -> new IllegalStateException(
        "chip " + chipId + " of pool " + id + " is not in the catalog\nMaybe the scenario was loaded with another catalog."));
    ledgers.put(id, new Ledger(id));
    info.put(id, new PoolInfo(id, chip, systemId.flatMap(catalog::findSystem).or(() -> catalog.defaultSystemFor(chip)),
        price, hourly, scaleOut));
  }

  PoolInfo pool(String id) {
    return info.get(id);
  }

  Chip chip(String id) {
    return info.get(id).chip();
  }

  /** Every registered pool, fleet pools first, in the order the scenario lists them. */
  List<PoolInfo> pools() {
    return List.copyOf(info.values());
  }

  int online(String pool, LocalDate day) {
    return ledgers.get(pool).online(day);
  }

  int free(String pool, LocalDate day) {
    return ledgers.get(pool).free(day);
  }

  int minFree(String pool, LocalDate from, LocalDate to) {
    return ledgers.get(pool).minFree(from, to);
  }

  int freeOn(List<String> pools, LocalDate day) {
    return pools.stream().mapToInt(p -> free(p, day)).sum();
  }

  int minFree(List<String> pools, LocalDate from, LocalDate to) {
    return pools.stream().mapToInt(p -> minFree(p, from, to)).sum();
  }

  void reserve(String pool, LocalDate from, LocalDate to, int count, String holder) {
    ledgers.get(pool).reserve(from, to, count, holder);
  }

  /** {@code after} and every later day on which the free devices of {@code pools} may change. */
  NavigableSet<LocalDate> changePoints(List<String> pools, LocalDate after) {
    TreeSet<LocalDate> out = new TreeSet<>();
    out.add(after);
    for (String p : pools) {
      out.addAll(ledgers.get(p).changePoints().tailSet(after, false));
    }
    return out;
  }

  PoolTimeline timeline(String id, String kind, List<YearMonth> months) {
    Chip chip = chip(id);
    List<Integer> online = months.stream().map(m -> online(id, m.atDay(1))).toList();
    return new PoolTimeline(id, kind, chip.id(), chip.name(), chip.vendor(), online);
  }

  /** Rented pools are paid for every online device-hour, busy or not. */
  void chargeRent(List<YearMonth> months, CostBook costs) {
    for (PoolInfo p : info.values()) {
      if (p.hourlyCostUsd().isEmpty()) {
        continue;
      }
      for (YearMonth m : months) {
        double hours = 0;
        for (LocalDate d = m.atDay(1); d.isBefore(m.plusMonths(1).atDay(1)); d = d.plusDays(1)) {
          hours += online(p.id(), d) * 24.0;
        }
        costs.addRental(m, hours * p.hourlyCostUsd().get());
      }
    }
  }
}
