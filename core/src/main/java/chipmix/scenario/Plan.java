package chipmix.scenario;

import chipmix.scenario.Engines.Finding;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the planner worked out for one scenario (or one of its variants): capacity per pool per
 * month, the compliance finding for every delivery, where and when each training run goes, how
 * much serving demand is met each month, and costs by month. Money in US dollars, energy in kWh.
 *
 * @param withoutAtRisk the same plan when no at-risk delivery arrives (present only when some are at risk)
 * @param sources the catalog's entries for every source id the findings cite, in catalog order
 * @param outlook P10/P50/P90 over Monte Carlo samples, when asked for ({@code --samples})
 */
public record Plan(
    String scenario,
    Optional<String> variant,
    String description,
    List<YearMonth> months,
    List<PoolTimeline> pools,
    List<OrderResult> orders,
    List<TrainingResult> training,
    List<ServingResult> serving,
    List<MonthCost> costs,
    List<String> notes,
    Optional<Plan> withoutAtRisk,
    Map<String, String> asOf,
    List<chipmix.catalog.Source> sources,
    Optional<MonteCarlo.Outlook> outlook) {

  public Plan {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(description, "description");
    months = List.copyOf(months);
    pools = List.copyOf(pools);
    orders = List.copyOf(orders);
    training = List.copyOf(training);
    serving = List.copyOf(serving);
    costs = List.copyOf(costs);
    notes = List.copyOf(notes);
    Objects.requireNonNull(withoutAtRisk, "withoutAtRisk");
    asOf = Map.copyOf(asOf);
    sources = List.copyOf(sources);
    Objects.requireNonNull(outlook, "outlook");
  }

  /** This plan with what the Monte Carlo samples say about it. */
  public Plan withOutlook(MonteCarlo.Outlook o) {
    return new Plan(scenario, variant, description, months, pools, orders, training, serving, costs, notes, withoutAtRisk,
        asOf, sources, Optional.of(o));
  }

  /** The label of this plan in reports: the variant's name, or "base". */
  public String label() {
    return variant.orElse(Scenario.BASE);
  }

  public double totalCapital() {
    return costs.stream().mapToDouble(MonthCost::capital).sum();
  }

  public double totalEnergyCost() {
    return costs.stream().mapToDouble(MonthCost::energy).sum();
  }

  public double totalRental() {
    return costs.stream().mapToDouble(MonthCost::rental).sum();
  }

  public double totalCost() {
    return totalCapital() + totalEnergyCost() + totalRental();
  }

  /**
   * Devices online in a pool (fleet pool or order) on the first day of each month of the horizon.
   *
   * @param kind {@code fleet} or {@code order}
   */
  public record PoolTimeline(String id, String kind, String chipId, String chipName, String vendor, List<Integer> online) {
    public PoolTimeline {
      online = List.copyOf(online);
    }
  }

  /** An order's deliveries as they fare under the slip and the rules. */
  public record OrderResult(String id, String chipId, String chipName, int quantity, int scheduled, int received,
      int blocked, int atRisk, int lostToSlip, int neverScheduled, List<DeliveryResult> deliveries, double spendUsd) {
    public OrderResult {
      deliveries = List.copyOf(deliveries);
    }
  }

  /**
   * @param promised the date in the schedule; {@code arrives} is after the slip's delay
   * @param arriving devices that arrive after the slip's delivered fraction (before the rules)
   * @param received whether the plan counts them (false when blocked, or at risk in the fallback plan)
   */
  public record DeliveryResult(LocalDate promised, LocalDate arrives, int promisedCount, int arriving, String destination,
      Finding finding, boolean received) {}

  /** Where and when a training run goes, or why it does not. */
  public record TrainingResult(String id, String model, double tokens, Optional<LocalDate> deadline,
      Optional<Placement> placement, List<String> notes) {
    public TrainingResult {
      notes = List.copyOf(notes);
    }

    /** Days the run finishes after its deadline (negative: early); empty without a deadline or placement. */
    public Optional<Long> daysLate() {
      if (deadline.isEmpty() || placement.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(java.time.temporal.ChronoUnit.DAYS.between(deadline.get(), placement.get().finish()));
    }
  }

  /**
   * @param finishesInHorizon false when the run is still going at the end of the horizon (the
   *     finish date is then extrapolated with the devices it held last)
   */
  public record Placement(String chipId, String chipName, String vendor, List<String> pools, LocalDate start,
      LocalDate finish, boolean finishesInHorizon, List<Segment> segments, double deviceHours, Optional<Double> energyKwh,
      double energyUsd, double capitalUsd, double rentalUsd) {
    public Placement {
      pools = List.copyOf(pools);
      segments = List.copyOf(segments);
    }

    public double costUsd() {
      return energyUsd + capitalUsd + rentalUsd;
    }

    public int peakDevices() {
      return segments.stream().mapToInt(Segment::devices).max().orElse(0);
    }
  }

  /** A stretch of a run on a fixed number of devices. */
  public record Segment(LocalDate from, LocalDate to, int devices, double tokensPerSecond, String layout) {}

  /**
   * @param curves the serving-capacity curve of each serving pool's replica (one per chip and layout), for the report
   */
  public record ServingResult(String id, String model, List<ServingMonth> months, List<String> notes,
      List<ServingCurve> curves) {
    public ServingResult {
      months = List.copyOf(months);
      notes = List.copyOf(notes);
      curves = List.copyOf(curves);
    }

    /** A result without capacity curves. */
    public ServingResult(String id, String model, List<ServingMonth> months, List<String> notes) {
      this(id, model, months, notes, List.of());
    }

    public double maxUnmet() {
      return months.stream().mapToDouble(ServingMonth::unmetRps).max().orElse(0);
    }
  }

  /**
   * The serving-capacity curve of the replica a pool runs for one serving demand.
   *
   * @param pools the pools whose replica this is (pools of one chip share it)
   * @param chip the chip's display name
   * @param layout the replica's layout in words
   */
  public record ServingCurve(List<String> pools, String chip, String layout, List<Engines.CurvePoint> points) {
    public ServingCurve {
      pools = List.copyOf(pools);
      Objects.requireNonNull(chip, "chip");
      Objects.requireNonNull(layout, "layout");
      points = List.copyOf(points);
    }
  }

  /**
   * @param capacityRps what every free device of the serving pools could sustain this month
   * @param servedRps demand met
   * @param devicesByPool devices reserved per pool
   */
  public record ServingMonth(YearMonth month, double demandRps, double capacityRps, double servedRps, int devices,
      Map<String, Integer> devicesByPool, double energyKwh) {
    public ServingMonth {
      devicesByPool = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(devicesByPool));
    }

    public double unmetRps() {
      return Math.max(0, demandRps - servedRps);
    }
  }

  /** Spend in a month: devices paid on delivery, electricity of busy devices, rented device-hours. */
  public record MonthCost(YearMonth month, double capital, double energy, double rental) {
    public double total() {
      return capital + energy + rental;
    }
  }
}
