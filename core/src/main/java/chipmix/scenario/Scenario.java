package chipmix.scenario;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A company's situation as one scenario file describes it: who it is, the fleet it has, what it
 * has ordered, what it wants to train and serve, and the settings of the plan. Loaded and
 * validated by {@link ScenarioLoader}; planned by {@link Planner}. Chip references are resolved
 * catalog ids; every cross-reference (pools of a run, pools of a demand) is checked at load time.
 */
public record Scenario(
    String name,
    String description,
    Organisation organisation,
    List<Pool> pools,
    List<Order> orders,
    List<TrainingRun> training,
    List<ServingDemand> serving,
    Settings settings,
    List<Variant> variants) {
  /** What reports call the scenario without variants; no variant may take this name. */
  public static final String BASE = "base";


  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(settings, "settings");
    pools = List.copyOf(pools);
    orders = List.copyOf(orders);
    training = List.copyOf(training);
    serving = List.copyOf(serving);
    variants = List.copyOf(variants);
  }

  /** The scenario as a named variant sees it (the variant's items replace or add to the base by id). */
  public Scenario apply(Variant v) {
    return new Scenario(name, description, organisation,
        Variant.merge(pools, v.pools(), v.remove(), Pool::id),
        Variant.merge(orders, v.orders(), v.remove(), Order::id),
        Variant.merge(training, v.training(), v.remove(), TrainingRun::id).stream().map(t -> t.withoutPools(v.remove())).toList(),
        Variant.merge(serving, v.serving(), v.remove(), ServingDemand::id).stream().map(d -> d.withoutPools(v.remove())).toList(),
        settings, List.of());
  }

  public Optional<Variant> variant(String variantName) {
    return variants.stream().filter(v -> v.name().equals(variantName)).findFirst();
  }

  /**
   * Who buys and where the devices go. Countries are ISO 3166 alpha-2 codes ({@code CN}). */
  public record Organisation(String name, String headquarters, List<String> dataCentres, List<String> parties) {
    public Organisation {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(headquarters, "headquarters");
      dataCentres = List.copyOf(dataCentres);
      parties = List.copyOf(parties);
      if (dataCentres.isEmpty()) {
        throw new IllegalArgumentException("an organisation needs at least one data-centre country (organisation " + name + ")");
      }
    }

    /** Where deliveries go unless an order names its own destination. */
    public String primaryDataCentre() {
      return dataCentres.get(0);
    }
  }

  /**
   * Devices the organisation already has (or rents): {@code count} of one chip, online from a
   * date. {@code unitPrice} is what one device cost (for capital cost), {@code hourlyCost} what one
   * device-hour costs when rented; either, both or neither may be given. {@code scaleOutGbps} is
   * the network bandwidth per device (Gb/s) where the catalog's system states none.
   */
  public record Pool(String id, String chipId, Optional<String> systemId, int count, LocalDate online,
      Optional<Double> unitPriceUsd, Optional<Double> hourlyCostUsd, Optional<Double> scaleOutGbps, String note) {
    public Pool {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(chipId, "chipId");
      Objects.requireNonNull(systemId, "systemId");
      Objects.requireNonNull(online, "online");
      Objects.requireNonNull(unitPriceUsd, "unitPriceUsd");
      Objects.requireNonNull(hourlyCostUsd, "hourlyCostUsd");
      Objects.requireNonNull(scaleOutGbps, "scaleOutGbps");
      Objects.requireNonNull(note, "note");
      if (count < 1) {
        throw new IllegalArgumentException("pool count must be at least 1, got " + count + " (pool " + id + ")");
      }
    }
  }

  /**
   * Devices bought but not all delivered: a chip, a quantity, a unit price and a schedule. The
   * delivered devices form a pool named by the order's id. The slip applies to every delivery.
   * {@code shipsFrom} is the country the devices are exported from (US unless given).
   */
  public record Order(String id, String chipId, Optional<String> systemId, int quantity, Optional<Double> unitPriceUsd,
      List<Delivery> deliveries, Slip slip, Optional<String> destination, String shipsFrom, Optional<Double> scaleOutGbps,
      String note, Optional<SlipRange> slipRange) {
    public Order {
      Objects.requireNonNull(slipRange, "slipRange");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(chipId, "chipId");
      Objects.requireNonNull(systemId, "systemId");
      Objects.requireNonNull(unitPriceUsd, "unitPriceUsd");
      Objects.requireNonNull(slip, "slip");
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(shipsFrom, "shipsFrom");
      Objects.requireNonNull(scaleOutGbps, "scaleOutGbps");
      Objects.requireNonNull(note, "note");
      deliveries = List.copyOf(deliveries);
      if (quantity < 1) {
        throw new IllegalArgumentException("order quantity must be at least 1, got " + quantity + " (order " + id + ")");
      }
      int scheduled = deliveries.stream().mapToInt(Delivery::count).sum();
      if (scheduled > quantity) {
        throw new IllegalArgumentException("deliveries of order " + id + " sum to " + scheduled + ", more than its quantity " + quantity);
      }
    }

    public int scheduled() {
      return deliveries.stream().mapToInt(Delivery::count).sum();
    }
  }

  /**
   * What the Monte Carlo samples draw an order's slip from ({@code slip_range}): a delay in whole
   * days and a delivered fraction, each uniform between its bounds, one draw per order and sample.
   */
  public record SlipRange(int delayDaysLow, int delayDaysHigh, double fractionLow, double fractionHigh) {
    public SlipRange {
      if (delayDaysLow < 0 || delayDaysHigh < delayDaysLow) {
        throw new IllegalArgumentException("slip range delay must be 0 <= low <= high, got " + delayDaysLow + ".." + delayDaysHigh);
      }
      if (!(fractionLow > 0 && fractionLow <= fractionHigh && fractionHigh <= 1)) {
        throw new IllegalArgumentException("slip range fraction must be 0 < low <= high <= 1, got " + fractionLow + ".." + fractionHigh);
      }
    }
  }

  /**
   * What the Monte Carlo samples assume beyond the orders' slip ranges: the chance that an at-risk
   * delivery still to come is stopped, per export-engine outcome ({@code license-required}), and
   * the performance model's relative error (one standard deviation of throughput) when declared.
   */
  public record Uncertainty(Map<String, Double> stopProbability, Optional<Double> modelError) {
    public static final Uncertainty NONE = new Uncertainty(Map.of(), Optional.empty());

    public Uncertainty {
      stopProbability = Map.copyOf(stopProbability);
      Objects.requireNonNull(modelError, "modelError");
      stopProbability.forEach((k, v) -> {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("stop probability of " + k + " must be in [0, 1], got " + v);
        }
      });
    }
  }

  /** Devices promised for a date. */
  public record Delivery(LocalDate date, int count) {
    public Delivery {
      Objects.requireNonNull(date, "date");
      if (count < 1) {
        throw new IllegalArgumentException("delivery count must be at least 1, got " + count);
      }
    }
  }

  /**
   * What may go wrong with an order's deliveries: each arrives {@code delayDays} late, and only
   * {@code deliveredFraction} of each one arrives (rounded down to whole devices).
   */
  public record Slip(int delayDays, double deliveredFraction) {
    public static final Slip NONE = new Slip(0, 1.0);

    public Slip {
      if (!chipmix.validation.Limits.SLIP_DELAY_DAYS.contains(delayDays)) {
        throw new IllegalArgumentException("slip delay " + chipmix.validation.Limits.SLIP_DELAY_DAYS.problem(delayDays).orElseThrow());
      }
      if (!(deliveredFraction > 0 && deliveredFraction <= 1)) {
        throw new IllegalArgumentException("delivered fraction must be in (0, 1], got " + deliveredFraction);
      }
    }

    public boolean isNone() {
      return delayDays == 0 && deliveredFraction == 1.0;
    }

    /** Devices of {@code d} that arrive under this slip (may be zero). */
    public int arrivingCount(Delivery d) {
      return (int) Math.floor(d.count() * deliveredFraction + 1e-9);
    }
  }

  /**
   * A training run: a model (preset name from the training model), a token budget, the
   * sequence length and global batch in sequences, an earliest start and optional deadline, and
   * the pools it may use. {@code devices} fixes the device count; otherwise the run takes every
   * free device of the chosen chip. With {@code grow} it starts as soon as the model fits and
   * takes devices as they arrive.
   */
  public record TrainingRun(String id, String model, double tokens, int sequenceLength, int globalBatch,
      LocalDate earliestStart, Optional<LocalDate> deadline, List<String> pools, Optional<Integer> devices,
      boolean grow, Optional<String> recipe, Scale scale, Optional<Double> lateUsdPerDay) {
    public TrainingRun {
      Objects.requireNonNull(scale, "scale");
      Objects.requireNonNull(lateUsdPerDay, "lateUsdPerDay");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(earliestStart, "earliestStart");
      Objects.requireNonNull(deadline, "deadline");
      Objects.requireNonNull(devices, "devices");
      Objects.requireNonNull(recipe, "recipe");
      pools = List.copyOf(pools);
      if (!(tokens > 0)) {
        throw new IllegalArgumentException("training tokens must be positive, got " + tokens + " (run " + id + ")");
      }
      if (pools.isEmpty()) {
        throw new IllegalArgumentException("training run " + id + " needs at least one pool");
      }
    }

    /** This run without the pools a variant removes. */
    public TrainingRun withoutPools(java.util.Collection<String> removed) {
      return new TrainingRun(id, model, tokens, sequenceLength, globalBatch, earliestStart, deadline,
          pools.stream().filter(p -> !removed.contains(p)).toList(), devices, grow, recipe, scale, lateUsdPerDay);
    }
  }

  /**
   * The device counts a training run may use when the allocation solver sizes it ({@code
   * min_devices}, {@code max_devices}); empty bounds leave it to the training model (the smallest
   * count the model fits on) and the devices free.
   */
  public record Scale(Optional<Integer> minDevices, Optional<Integer> maxDevices) {
    public static final Scale OPEN = new Scale(Optional.empty(), Optional.empty());

    public Scale {
      Objects.requireNonNull(minDevices, "minDevices");
      Objects.requireNonNull(maxDevices, "maxDevices");
      if (minDevices.isPresent() && maxDevices.isPresent() && minDevices.get() > maxDevices.get()) {
        throw new IllegalArgumentException("min_devices " + minDevices.get() + " is more than max_devices " + maxDevices.get());
      }
    }

    public boolean isOpen() {
      return minDevices.isEmpty() && maxDevices.isEmpty();
    }
  }

  /**
   * A serving demand: a model, peak requests per second by month (a month not listed keeps the
   * previous month's value; months before the first listed have none), request shape and latency
   * targets, the number formats of weights and KV cache, and the pools that may serve it.
   */
  public record ServingDemand(String id, String model, SortedMap<YearMonth, Double> requestsPerSecond,
      int promptTokens, int outputTokens, double ttftMs, double tpotMs, NumberFormat weights, NumberFormat kvCache,
      List<String> pools, Optional<Double> unmetUsdPerRequestHour) {
    public ServingDemand {
      Objects.requireNonNull(unmetUsdPerRequestHour, "unmetUsdPerRequestHour");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(weights, "weights");
      Objects.requireNonNull(kvCache, "kvCache");
      Objects.requireNonNull(model, "model");
      requestsPerSecond = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(requestsPerSecond));
      pools = List.copyOf(pools);
      if (pools.isEmpty()) {
        throw new IllegalArgumentException("serving demand " + id + " needs at least one pool");
      }
    }

    /** This demand without the pools a variant removes. */
    public ServingDemand withoutPools(java.util.Collection<String> removed) {
      return new ServingDemand(id, model, requestsPerSecond, promptTokens, outputTokens, ttftMs, tpotMs, weights, kvCache,
          pools.stream().filter(p -> !removed.contains(p)).toList(), unmetUsdPerRequestHour);
    }

    /** Peak requests per second in {@code month}: the latest listed month at or before it, else zero. */
    public double demandIn(YearMonth month) {
      SortedMap<YearMonth, Double> head = requestsPerSecond.headMap(month.plusMonths(1));
      return head.isEmpty() ? 0 : head.get(head.lastKey());
    }
  }

  /**
   * Plan settings: the horizon (whole months, inclusive), PUE, electricity price and, optionally,
   * the years over which bought devices are amortised (without it, capital is reported as spend
   * but not charged to workloads); {@code importSide}: what an import-side finding does to a
   * delivery ({@code import_side: ignore | at_risk | block}, default at_risk).
   */
  public record Settings(YearMonth start, YearMonth end, double pue, double electricityUsdPerKwh,
      Optional<Double> amortizationYears, Objective objective, ImportSidePolicy importSide, Allocation allocation,
      Priorities priorities, Uncertainty uncertainty) {
    /** Settings with the default import-side policy (at risk), allocation (solver), priorities (in order) and no uncertainty. */
    public Settings(YearMonth start, YearMonth end, double pue, double electricityUsdPerKwh,
        Optional<Double> amortizationYears, Objective objective) {
      this(start, end, pue, electricityUsdPerKwh, amortizationYears, objective, ImportSidePolicy.AT_RISK,
          Allocation.SOLVER, Priorities.ORDERED, Uncertainty.NONE);
    }

    public Settings {
      Objects.requireNonNull(importSide, "importSide");
      Objects.requireNonNull(uncertainty, "uncertainty");
      Objects.requireNonNull(allocation, "allocation");
      Objects.requireNonNull(priorities, "priorities");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(amortizationYears, "amortizationYears");
      Objects.requireNonNull(objective, "objective");
      if (end.isBefore(start)) {
        throw new IllegalArgumentException("horizon end " + end + " is before its start " + start);
      }
      chipmix.validation.Limits.PUE.problem(pue).ifPresent(p -> {
        throw new IllegalArgumentException("PUE " + p);
      });
      chipmix.validation.Limits.USD_PER_KWH.problem(electricityUsdPerKwh).ifPresent(p -> {
        throw new IllegalArgumentException("electricity price " + p);
      });
      amortizationYears.flatMap(chipmix.validation.Limits.AMORTIZATION_YEARS::problem).ifPresent(p -> {
        throw new IllegalArgumentException("amortization years " + p);
      });
    }

    public LocalDate firstDay() {
      return start.atDay(1);
    }

    /** The day after the horizon. */
    public LocalDate endExclusive() {
      return end.plusMonths(1).atDay(1);
    }

    public List<YearMonth> months() {
      List<YearMonth> out = new java.util.ArrayList<>();
      for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
        out.add(m);
      }
      return out;
    }
  }

  /** How the workloads share the devices. */
  public enum Allocation {
    /** One integer model over the whole horizon, solved with CP-SAT: the declared priorities decide (default). */
    SOLVER,
    /** Serving sized first each month, training runs by earliest start on the devices left (chipmix 0.1). */
    SERVING_FIRST
  }

  /**
   * What the allocation solver weighs, in US dollars: a day a training run finishes after its
   * deadline, a request per second of serving demand left unmet for an hour, and the hours a run
   * loses to each checkpoint restart (a pause and resume, or a change of size). A run's or a
   * demand's own key overrides the default here. Without declared weights the solver keeps
   * chipmix's old order: serving first, then deadlines, then cost.
   */
  public record Priorities(Optional<Double> lateUsdPerDay, Optional<Double> unmetUsdPerRequestHour, double restartHours) {
    public static final Priorities ORDERED = new Priorities(Optional.empty(), Optional.empty(), 0);

    public Priorities {
      Objects.requireNonNull(lateUsdPerDay, "lateUsdPerDay");
      Objects.requireNonNull(unmetUsdPerRequestHour, "unmetUsdPerRequestHour");
      if (restartHours < 0) {
        throw new IllegalArgumentException("restart hours must not be negative, got " + restartHours);
      }
    }
  }

  /** Number formats of served weights and KV cache (the inference model's precisions). */
  public enum NumberFormat {
    BF16,
    FP8,
    INT8
  }

  /** What the planner prefers when a run could go several ways (chip, start date). */
  public enum Objective {
    /** Earliest finish; ties go to the cheaper option. */
    FINISH,
    /** Lowest cost; ties go to the earlier finish. */
    COST
  }

  /**
   * A named alternative: its pools, orders, training runs and serving demands replace the base
   * items with the same id or are added; {@code remove} drops base items by id.
   */
  public record Variant(String name, String description, List<Pool> pools, List<Order> orders,
      List<TrainingRun> training, List<ServingDemand> serving, Set<String> remove) {
    public Variant {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      pools = List.copyOf(pools);
      orders = List.copyOf(orders);
      training = List.copyOf(training);
      serving = List.copyOf(serving);
      remove = Set.copyOf(remove);
    }

    static <T> List<T> merge(List<T> base, List<T> override, Set<String> remove, java.util.function.Function<T, String> id) {
      Map<String, T> byId = new java.util.LinkedHashMap<>();
      for (T t : base) {
        byId.put(id.apply(t), t);
      }
      for (T t : override) {
        byId.put(id.apply(t), t);
      }
      byId.keySet().removeAll(remove);
      return List.copyOf(byId.values());
    }
  }
}
