package chipmix.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.scenario.Engines.Finding;
import chipmix.scenario.Engines.Replica;
import chipmix.scenario.Engines.TrainingRate;
import chipmix.scenario.Engines.Verdict;
import chipmix.scenario.Plan.DeliveryResult;
import chipmix.scenario.Plan.MonthCost;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.PoolTimeline;
import chipmix.scenario.Plan.Segment;
import chipmix.scenario.Plan.ServingMonth;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Scenario.Delivery;
import chipmix.scenario.Scenario.Objective;
import chipmix.scenario.Scenario.Order;
import chipmix.scenario.Scenario.Pool;
import chipmix.scenario.Scenario.ServingDemand;
import chipmix.scenario.Scenario.Settings;
import chipmix.scenario.Scenario.TrainingRun;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;

/**
 * Turns a scenario into a {@link Plan}. Pure: no I/O and no clock; the export, training and
 * inference answers come from {@link Engines}. Order of work:
 * <ol>
 *   <li>capacity: fleet pools online from their date; each order's deliveries after the slip
 *       (delay, delivered fraction), checked with the export engine on the date they arrive;
 *       blocked deliveries are not received;</li>
 *   <li>serving, month by month, on the devices online on the first day of the month, pools in
 *       the order the demand lists them (serving goes first: it is the customer-facing load);</li>
 *   <li>training runs by earliest start, on the devices left, one chip type per run (never two
 *       vendors in one collective group), with the best layout from the training search.</li>
 * </ol>
 * When some deliveries are at risk, the plan is made a second time without them.
 */
public final class Planner {
  static final double HOURS_PER_YEAR = 365.25 * 24;
  private static final int FAR_FUTURE_YEARS = 20;

  private final Catalog catalog;
  private final Engines engines;
  private final Consumer<String> progress;

  public Planner(Catalog catalog, Engines engines, Consumer<String> progress) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.engines = Objects.requireNonNull(engines, "engines");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Plans the base scenario (variant empty) or one of its variants. */
  public Plan plan(Scenario scenario, Optional<String> variantName) {
    Scenario s = variantName.map(v -> scenario.apply(scenario.variant(v).orElseThrow(() ->
        chipmix.validation.InvalidInputException.of("--variant", "unknown variant '" + v + "'"
            + chipmix.validation.Suggestions.didYouMean(v, scenario.variants().stream().map(Scenario.Variant::name).toList())
            + (scenario.variants().isEmpty() ? " (the scenario declares no variants)"
                : " (variants: " + String.join(", ", scenario.variants().stream().map(Scenario.Variant::name).toList()) + ")")))))
        .orElse(scenario);
    String description = variantName.flatMap(scenario::variant).map(Scenario.Variant::description)
        .orElse(scenario.description());
    progress.accept("planning " + variantName.map(v -> "variant " + v).orElse("base scenario") + " of " + scenario.name());
    Plan main = new Run(s, false).plan(scenario.name(), variantName, description);
    boolean anyAtRisk = main.orders().stream().anyMatch(o -> o.atRisk() > 0);
    if (!anyAtRisk) {
      return main;
    }
    progress.accept("re-planning without the at-risk deliveries");
    Plan fallback = new Run(s, true).plan(scenario.name(), variantName, description);
    return new Plan(main.scenario(), main.variant(), main.description(), main.months(), main.pools(), main.orders(),
        main.training(), main.serving(), main.costs(), main.notes(), Optional.of(fallback), main.asOf(), main.sources());
  }

  /** The base plan followed by one plan per declared variant. */
  public List<Plan> planAll(Scenario scenario) {
    List<Plan> out = new ArrayList<>();
    out.add(plan(scenario, Optional.empty()));
    for (Scenario.Variant v : scenario.variants()) {
      out.add(plan(scenario, Optional.of(v.name())));
    }
    return out;
  }

  /** One planning pass over a scenario. */
  private final class Run {
    private final Scenario s;
    private final Settings settings;
    private final boolean dropAtRisk;
    private final Map<String, Ledger> ledgers = new LinkedHashMap<>();
    private final Map<String, Chip> chipOf = new HashMap<>();
    private final Map<String, Optional<SystemSpec>> systemOf = new HashMap<>();
    private final Map<String, Double> devicePrice = new HashMap<>();
    private final Map<String, Double> deviceHourly = new HashMap<>();
    private final Map<String, Optional<Double>> scaleOutOf = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<YearMonth, double[]> monthCost = new LinkedHashMap<>();

    Run(Scenario s, boolean dropAtRisk) {
      this.s = s;
      this.settings = s.settings();
      this.dropAtRisk = dropAtRisk;
      for (YearMonth m : settings.months()) {
        monthCost.put(m, new double[3]);
      }
    }

    Plan plan(String scenarioName, Optional<String> variant, String description) {
      double sunk = 0;
      for (Pool p : s.pools()) {
        register(p.id(), p.chipId(), p.systemId(), p.unitPriceUsd(), p.hourlyCostUsd(), p.scaleOutGbps());
        ledgers.get(p.id()).arrive(p.online(), p.count());
        if (p.unitPriceUsd().isPresent()) {
          if (p.online().isBefore(settings.firstDay())) {
            sunk += p.count() * p.unitPriceUsd().get();
          } else {
            addCost(YearMonth.from(p.online()), 0, p.count() * p.unitPriceUsd().get());
          }
        }
      }
      if (sunk > 0) {
        notes.add(String.format(java.util.Locale.ROOT,
            "Fleet pools bought before the horizon cost $%,.0f; that spend is not in the monthly costs.", sunk));
      }
      List<OrderResult> orders = new ArrayList<>();
      for (Order o : s.orders()) {
        register(o.id(), o.chipId(), o.systemId(), o.unitPriceUsd(), Optional.empty(), o.scaleOutGbps());
        orders.add(receive(o));
      }
      addRentalCosts();
      List<ServingResult> serving = new ArrayList<>();
      for (ServingDemand d : s.serving()) {
        progress.accept("sizing serving demand " + d.id());
        serving.add(serve(d));
      }
      List<TrainingResult> training = new ArrayList<>();
      List<TrainingRun> runs = new ArrayList<>(s.training());
      runs.sort(Comparator.comparing(TrainingRun::earliestStart));
      Map<String, TrainingResult> byId = new HashMap<>();
      for (TrainingRun r : runs) {
        progress.accept("placing training run " + r.id());
        byId.put(r.id(), train(r));
      }
      for (TrainingRun r : s.training()) {
        training.add(byId.get(r.id()));
      }
      if (!s.serving().isEmpty() && !s.training().isEmpty()) {
        notes.add("Serving is sized first each month (it is the customer-facing load); training runs use the devices left.");
      }
      List<PoolTimeline> timelines = new ArrayList<>();
      for (Pool p : s.pools()) {
        timelines.add(timeline(p.id(), "fleet"));
      }
      for (Order o : s.orders()) {
        timelines.add(timeline(o.id(), "order"));
      }
      List<MonthCost> costs = new ArrayList<>();
      monthCost.forEach((m, c) -> costs.add(new MonthCost(m, c[0], c[1], c[2])));
      java.util.Set<String> cited = new java.util.HashSet<>();
      for (OrderResult o : orders) {
        for (DeliveryResult d : o.deliveries()) {
          d.finding().reasons().forEach(r -> cited.addAll(r.citations()));
          d.finding().importSide().forEach(r -> cited.addAll(r.citations()));
        }
      }
      List<chipmix.catalog.Source> sources = catalog.sources().values().stream().filter(x -> cited.contains(x.id())).toList();
      return new Plan(scenarioName, variant, description, settings.months(), timelines, orders, training, serving, costs,
          notes, Optional.empty(), engines.asOf(), sources);
    }

    private void register(String id, String chipId, Optional<String> systemId, Optional<Double> price, Optional<Double> hourly,
        Optional<Double> scaleOut) {
      scaleOutOf.put(id, scaleOut);
      Chip chip = catalog.findChip(chipId).orElseThrow(() -> new IllegalStateException(
          "chip " + chipId + " of pool " + id + " is not in the catalog\nMaybe the scenario was loaded with another catalog."));
      ledgers.put(id, new Ledger(id));
      chipOf.put(id, chip);
      systemOf.put(id, systemId.flatMap(catalog::findSystem).or(() -> catalog.defaultSystemFor(chip)));
      price.ifPresent(v -> devicePrice.put(id, v));
      hourly.ifPresent(v -> deviceHourly.put(id, v));
    }

    private PoolTimeline timeline(String id, String kind) {
      Chip chip = chipOf.get(id);
      List<Integer> online = settings.months().stream().map(m -> ledgers.get(id).online(m.atDay(1))).toList();
      return new PoolTimeline(id, kind, chip.id(), chip.name(), chip.vendor(), online);
    }

    private void addCost(YearMonth m, int slot, double usd) {
      double[] c = monthCost.get(m);
      if (c != null) {
        c[slot] += usd;
      }
    }

    private static final int CAPITAL = 0;
    private static final int ENERGY = 1;
    private static final int RENTAL = 2;

    private OrderResult receive(Order o) {
      Chip chip = chipOf.get(o.id());
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
        Finding f = engines.compliance().check(chip, o.shipsFrom(), destination, s.organisation().headquarters(),
            s.organisation().parties(), arrives, settings.importSide());
        // A delivery before the horizon is history: it counts as received whatever the finding, and
        // the fallback plan only drops at-risk deliveries still to come.
        boolean past = arrives.isBefore(settings.firstDay());
        // A delivery slipped past the horizon end is not received within the horizon.
        boolean inHorizon = arrives.isBefore(settings.endExclusive());
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
          o.unitPriceUsd().ifPresent(p -> addCost(YearMonth.from(arrives), CAPITAL, arriving * p));
          conditionCosts(o, d, f, arriving, conditionCost);
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
    private void conditionCosts(Order o, Delivery d, Finding f, int arriving, Map<String, double[]> acc) {
      for (Engines.ConditionCost c : f.costs()) {
        double usd = o.unitPriceUsd().map(p -> arriving * p * c.fraction()).orElse(0.0);
        if (c.tariff()) {
          addCost(YearMonth.from(d.date().plusDays(o.slip().delayDays())), CAPITAL, usd);
        }
        String key = c.text() + " " + c.citations() + (c.tariff() ? "" : " (remitted by the vendor out of the price; not"
            + " added to the plan's cost)") + (o.unitPriceUsd().isEmpty() ? " (no unit price: amount unknown)" : "");
        double[] a = acc.computeIfAbsent(key, k -> new double[2]);
        a[0] += usd;
        a[1] += arriving;
      }
    }

    /** Rented pools are paid for every online device-hour, busy or not. */
    private void addRentalCosts() {
      for (Map.Entry<String, Double> e : deviceHourly.entrySet()) {
        Ledger l = ledgers.get(e.getKey());
        for (YearMonth m : settings.months()) {
          double hours = 0;
          for (LocalDate d = m.atDay(1); d.isBefore(m.plusMonths(1).atDay(1)); d = d.plusDays(1)) {
            hours += l.online(d) * 24.0;
          }
          addCost(m, RENTAL, hours * e.getValue());
        }
      }
    }

    private Optional<Double> tdpKw(Chip chip) {
      return chip.spec(Metric.TDP).map(Spec::nominal).map(w -> w / 1000);
    }

    // ---------------------------------------------------------------- serving

    private ServingResult serve(ServingDemand d) {
      Map<String, Optional<Replica>> replicas = new LinkedHashMap<>();
      List<String> notesHere = new ArrayList<>();
      for (String pool : d.pools()) {
        Chip chip = chipOf.get(pool);
        Optional<Replica> r;
        try {
          r = engines.serving().replica(d.model(), d.promptTokens(), d.outputTokens(), d.ttftMs(), d.tpotMs(),
              d.weights(), d.kvCache(), chip, systemOf.get(pool), scaleOutOf.get(pool));
        } catch (InvalidInputException | InfeasibleException e) {
          notesHere.add("Pool " + pool + " (" + chip.name() + ") does not serve " + d.model() + ": the inference model"
              + " cannot estimate it: " + e.getMessage());
          replicas.put(pool, Optional.empty());
          continue;
        }
        replicas.put(pool, r);
        if (r.isEmpty()) {
          notesHere.add("No replica of " + d.model() + " on " + chip.name() + " (pool " + pool + ") meets TTFT "
              + fmt(d.ttftMs()) + " ms and TPOT " + fmt(d.tpotMs()) + " ms; that pool does not serve it.");
        } else {
          notesHere.add("Pool " + pool + " (" + chip.name() + "): one replica sustains " + fmt(r.get().requestsPerSecond())
              + " requests/s within the targets on " + r.get().layout() + ".");
        }
      }
      List<ServingMonth> months = new ArrayList<>();
      for (YearMonth m : settings.months()) {
        LocalDate from = m.atDay(1);
        LocalDate to = m.plusMonths(1).atDay(1);
        double demand = d.demandIn(m);
        double remaining = demand;
        double capacity = 0;
        double served = 0;
        int devices = 0;
        double kwh = 0;
        Map<String, Integer> byPool = new LinkedHashMap<>();
        for (String pool : d.pools()) {
          Optional<Replica> r = replicas.get(pool);
          if (r.isEmpty()) {
            continue;
          }
          Ledger l = ledgers.get(pool);
          int free = l.minFree(from, to);
          int possible = free / r.get().devices();
          capacity += possible * r.get().requestsPerSecond();
          if (remaining <= 1e-9) {
            continue;
          }
          int need = (int) Math.ceil(remaining / r.get().requestsPerSecond() - 1e-9);
          int use = Math.min(need, possible);
          if (use <= 0) {
            continue;
          }
          int n = use * r.get().devices();
          l.reserve(from, to, n, "serving " + d.id());
          byPool.put(pool, n);
          devices += n;
          double got = Math.min(remaining, use * r.get().requestsPerSecond());
          served += got;
          remaining -= got;
          double hours = ChronoUnit.DAYS.between(from, to) * 24.0;
          Optional<Double> kw = tdpKw(chipOf.get(pool));
          if (kw.isPresent()) {
            double e = n * kw.get() * hours * settings.pue();
            kwh += e;
            addCost(m, ENERGY, e * settings.electricityUsdPerKwh());
          }
        }
        months.add(new ServingMonth(m, demand, capacity, served, devices, byPool, kwh));
      }
      long unmetMonths = months.stream().filter(x -> x.unmetRps() > 1e-9).count();
      if (unmetMonths > 0) {
        notesHere.add("Demand is not fully met in " + unmetMonths + " of " + months.size() + " months.");
      }
      return new ServingResult(d.id(), d.model(), months, notesHere);
    }

    // ---------------------------------------------------------------- training

    private TrainingResult train(TrainingRun r) {
      List<String> notesHere = new ArrayList<>();
      Map<String, List<String>> byChip = new LinkedHashMap<>();
      for (String pool : r.pools()) {
        byChip.computeIfAbsent(chipOf.get(pool).id(), k -> new ArrayList<>()).add(pool);
      }
      List<String> vendors = byChip.keySet().stream().map(c -> chipOf.get(byChip.get(c).get(0)).vendor()).distinct().toList();
      if (vendors.size() > 1) {
        notesHere.add("The run lists pools of " + String.join(" and ", vendors) + ". A run never spans vendors in one"
            + " collective group (their collective libraries do not interoperate), so each vendor's pools were tried"
            + " on their own and the best was kept.");
      } else if (byChip.size() > 1) {
        notesHere.add("The run lists pools of " + byChip.size() + " chip types; the training model is homogeneous, so"
            + " each chip type was tried on its own and the best was kept.");
      }
      LocalDate earliest = r.earliestStart();
      if (earliest.isBefore(settings.firstDay())) {
        notesHere.add("Earliest start " + earliest + " is before the horizon; the run is planned from " + settings.firstDay() + ".");
        earliest = settings.firstDay();
      }
      Candidate best = null;
      for (Map.Entry<String, List<String>> group : byChip.entrySet()) {
        Candidate c = r.grow() ? growing(r, group.getValue(), earliest) : fixed(r, group.getValue(), earliest);
        if (c == null) {
          Chip chip = chipOf.get(group.getValue().get(0));
          notesHere.add("On " + chip.name() + " (pools " + String.join(", ", group.getValue()) + ") the run cannot be"
              + " placed: " + (lastFailure == null ? "no devices are free" : lastFailure) + ".");
          continue;
        }
        if (byChip.size() > 1) {
          Chip chip = chipOf.get(group.getValue().get(0));
          Segment last = c.segments.get(c.segments.size() - 1);
          notesHere.add("On " + chip.name() + " (pools " + String.join(", ", group.getValue()) + "): "
              + c.segments.get(0).from() + " to " + last.to() + " on up to "
              + String.format(java.util.Locale.ROOT, "%,d", c.segments.stream().mapToInt(Segment::devices).max().orElse(0))
              + " devices.");
        }
        if (best == null || better(c, best)) {
          best = c;
        }
      }
      if (best == null) {
        return new TrainingResult(r.id(), r.model(), r.tokens(), r.deadline(), Optional.empty(), notesHere);
      }
      if (byChip.size() > 1) {
        notesHere.add("Placed on " + chipOf.get(best.pools.get(0)).name() + " (" + best.chipVendor() + "), the "
            + (settings.objective() == Objective.FINISH ? "earliest finish" : "lowest cost") + ".");
      }
      return new TrainingResult(r.id(), r.model(), r.tokens(), r.deadline(), Optional.of(commit(r, best)), notesHere);
    }

    private String lastFailure;

    private boolean better(Candidate a, Candidate b) {
      int byFinish = a.finish().compareTo(b.finish());
      int byCost = Double.compare(a.costEstimate, b.costEstimate);
      return settings.objective() == Objective.FINISH
          ? (byFinish < 0 || (byFinish == 0 && byCost < 0))
          : (byCost < 0 || (byCost == 0 && byFinish < 0));
    }

    /** A tentative placement: segments and per-segment per-pool device counts. */
    private final class Candidate {
      final List<String> pools;
      final List<Segment> segments = new ArrayList<>();
      final List<Map<String, Integer>> split = new ArrayList<>();
      double costEstimate;

      Candidate(List<String> pools) {
        this.pools = pools;
      }

      LocalDate finish() {
        return segments.get(segments.size() - 1).to();
      }

      String chipVendor() {
        return chipOf.get(pools.get(0)).vendor();
      }
    }

    private final Map<String, Optional<TrainingRate>> rates = new HashMap<>();

    private Optional<TrainingRate> rate(TrainingRun r, String pool, int devices) {
      Chip chip = chipOf.get(pool);
      Optional<SystemSpec> sys = systemOf.get(pool);
      Optional<Double> scaleOut = scaleOutOf.get(pool);
      String key = r.id() + "|" + chip.id() + "|" + sys.map(SystemSpec::id).orElse("") + "|" + scaleOut + "|" + devices;
      if (!rates.containsKey(key)) {
        Optional<TrainingRate> rate;
        try {
          rate = engines.training().best(r.model(), r.sequenceLength(), r.globalBatch(), chip, sys, scaleOut, devices, r.recipe());
        } catch (InvalidInputException | InfeasibleException e) {
          // The model cannot say (a chip lacks a figure it needs, no system): a visible note, not a failed plan.
          engineProblems.put(key, e.getMessage());
          rate = Optional.empty();
        }
        rates.put(key, rate);
      }
      lastEngineProblem = engineProblems.containsKey(key)
          ? "the training model cannot estimate it: " + engineProblems.get(key) : null;
      return rates.get(key);
    }

    private final Map<String, String> engineProblems = new HashMap<>();
    private String lastEngineProblem;

    private int freeOn(List<String> pools, LocalDate day) {
      return pools.stream().mapToInt(p -> ledgers.get(p).free(day)).sum();
    }

    private int minFree(List<String> pools, LocalDate from, LocalDate to) {
      return pools.stream().mapToInt(p -> ledgers.get(p).minFree(from, to)).sum();
    }

    private NavigableSet<LocalDate> changePoints(List<String> pools, LocalDate after) {
      TreeSet<LocalDate> out = new TreeSet<>();
      out.add(after);
      for (String p : pools) {
        out.addAll(ledgers.get(p).changePoints().tailSet(after, false));
      }
      return out;
    }

    private static String fmtCount(int n) {
      return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    private LocalDate plusSeconds(LocalDate from, double seconds) {
      long days = (long) Math.ceil(seconds / 86400 - 1e-9);
      return from.plusDays(Math.max(days, 1));
    }

    /** The run on a fixed device count (the {@code devices} given, else all free devices at its start). */
    private Candidate fixed(TrainingRun r, List<String> pools, LocalDate earliest) {
      Candidate best = null;
      lastFailure = null;
      int mostFree = 0;
      LocalDate mostFreeOn = earliest;
      boolean notFree = false;
      for (LocalDate t : changePoints(pools, earliest)) {
        if (!t.isBefore(settings.endExclusive())) {
          break;
        }
        if (best != null && settings.objective() == Objective.FINISH && !t.isBefore(best.finish())) {
          break;
        }
        int free = freeOn(pools, t);
        if (free > mostFree) {
          mostFree = free;
          mostFreeOn = t;
        }
        int offer = r.devices().orElse(free);
        if (free <= 0 || offer > free) {
          lastFailure = "no devices are free";
          notFree = true;
          continue;
        }
        for (int attempt = 0; attempt < 6 && offer > 0; attempt++) {
          Optional<TrainingRate> rate = rate(r, pools.get(0), offer);
          if (rate.isEmpty()) {
            lastFailure = lastEngineProblem != null ? lastEngineProblem
                : "the model does not fit on " + offer + " devices in any layout";
            notFree = false;
            break;
          }
          int used = rate.get().devicesUsed();
          LocalDate end = plusSeconds(t, r.tokens() / rate.get().tokensPerSecond());
          int avail = minFree(pools, t, end);
          if (avail >= used) {
            Candidate c = new Candidate(pools);
            c.segments.add(new Segment(t, end, used, rate.get().tokensPerSecond(), rate.get().layout()));
            c.split.add(split(pools, t, end, used));
            c.costEstimate = estimateCost(c);
            if (best == null || better(c, best)) {
              best = c;
            }
            break;
          }
          if (r.devices().isPresent()) {
            notFree = true;
            break;
          }
          offer = avail;
        }
      }
      if (best == null && notFree && r.devices().isPresent()) {
        int asked = r.devices().get();
        String holders = !s.serving().isEmpty() ? "; other workloads hold the rest, and serving is sized first"
            : s.training().size() > 1 ? "; other runs hold the rest" : "";
        lastFailure = "the " + fmtCount(asked) + " devices asked for are "
            + (mostFree < asked
                ? "never free at once within the horizon (" + (mostFree <= 0 ? "none is free from " + earliest
                    : "at most " + fmtCount(mostFree) + " are free, from " + mostFreeOn) + holders + ")"
                : "free at once (" + fmtCount(mostFree) + " from " + mostFreeOn + ") but never for the whole length of"
                    + " the run within the horizon" + (!s.serving().isEmpty()
                        ? " (serving is sized first, and other workloads hold them later)"
                        : s.training().size() > 1 ? " (other runs hold them later)" : ""));
      }
      return best;
    }

    /** The run starting as soon as the model fits and taking devices as they arrive. */
    private Candidate growing(TrainingRun r, List<String> pools, LocalDate earliest) {
      lastFailure = "no devices are free";
      LocalDate farFuture = settings.endExclusive().plusYears(FAR_FUTURE_YEARS);
      for (LocalDate t : changePoints(pools, earliest)) {
        if (!t.isBefore(settings.endExclusive())) {
          break;
        }
        int offer = Math.min(freeOn(pools, t), r.devices().orElse(Integer.MAX_VALUE));
        if (offer <= 0) {
          continue;
        }
        if (rate(r, pools.get(0), offer).isEmpty()) {
          lastFailure = lastEngineProblem != null ? lastEngineProblem
              : "the model does not fit on the " + offer + " devices free on " + t + " in any layout";
          continue;
        }
        Candidate c = new Candidate(pools);
        double remaining = r.tokens();
        LocalDate cur = t;
        while (remaining > 0 && cur.isBefore(farFuture)) {
          LocalDate next = Optional.ofNullable(changePoints(pools, cur).higher(cur)).orElse(farFuture);
          int n = Math.min(freeOn(pools, cur), r.devices().orElse(Integer.MAX_VALUE));
          Optional<TrainingRate> rate = n > 0 ? rate(r, pools.get(0), n) : Optional.empty();
          if (rate.isEmpty()) {
            cur = next;
            continue;
          }
          double seconds = ChronoUnit.DAYS.between(cur, next) * 86400.0;
          double tps = rate.get().tokensPerSecond();
          LocalDate end = next;
          if (tps * seconds >= remaining) {
            end = plusSeconds(cur, remaining / tps);
            if (end.isAfter(next)) {
              end = next;
            }
            remaining = 0;
          } else {
            remaining -= tps * seconds;
          }
          int used = rate.get().devicesUsed();
          c.segments.add(new Segment(cur, end, used, tps, rate.get().layout()));
          c.split.add(split(pools, cur, end, used));
          cur = end;
        }
        if (remaining > 0 || c.segments.isEmpty()) {
          lastFailure = "it does not finish within " + FAR_FUTURE_YEARS + " years of the horizon end";
          return null;
        }
        c.costEstimate = estimateCost(c);
        return c;
      }
      return null;
    }

    /** Devices per pool for a stretch, filling pools in the order the run lists them. */
    private Map<String, Integer> split(List<String> pools, LocalDate from, LocalDate to, int devices) {
      Map<String, Integer> out = new LinkedHashMap<>();
      int left = devices;
      for (String p : pools) {
        int take = Math.min(left, ledgers.get(p).minFree(from, to));
        if (take > 0) {
          out.put(p, take);
          left -= take;
        }
      }
      return out;
    }

    private double estimateCost(Candidate c) {
      double[] k = costs(c);
      return k[0] + k[1] + k[2];
    }

    /** {energy USD, amortised capital USD, rental USD, device-hours, kWh (NaN when a TDP is missing)}. */
    private double[] costs(Candidate c) {
      double energyUsd = 0;
      double capital = 0;
      double rental = 0;
      double deviceHours = 0;
      double kwh = 0;
      for (int i = 0; i < c.segments.size(); i++) {
        Segment seg = c.segments.get(i);
        double hours = ChronoUnit.DAYS.between(seg.from(), seg.to()) * 24.0;
        for (Map.Entry<String, Integer> e : c.split.get(i).entrySet()) {
          double dh = e.getValue() * hours;
          deviceHours += dh;
          Optional<Double> kw = tdpKw(chipOf.get(e.getKey()));
          double k = kw.map(v -> dh * v * settings.pue()).orElse(Double.NaN);
          kwh += k;
          if (!Double.isNaN(k)) {
            energyUsd += k * settings.electricityUsdPerKwh();
          }
          if (deviceHourly.containsKey(e.getKey())) {
            rental += dh * deviceHourly.get(e.getKey());
          } else if (devicePrice.containsKey(e.getKey()) && settings.amortizationYears().isPresent()) {
            capital += dh * devicePrice.get(e.getKey()) / (settings.amortizationYears().get() * HOURS_PER_YEAR);
          }
        }
      }
      return new double[] {energyUsd, capital, rental, deviceHours, kwh};
    }

    private Placement commit(TrainingRun r, Candidate c) {
      for (int i = 0; i < c.segments.size(); i++) {
        Segment seg = c.segments.get(i);
        for (Map.Entry<String, Integer> e : c.split.get(i).entrySet()) {
          ledgers.get(e.getKey()).reserve(seg.from(), seg.to(), e.getValue(), "training " + r.id());
          Optional<Double> kw = tdpKw(chipOf.get(e.getKey()));
          if (kw.isPresent()) {
            for (YearMonth m : settings.months()) {
              LocalDate a = max(seg.from(), m.atDay(1));
              LocalDate b = min(seg.to(), m.plusMonths(1).atDay(1));
              if (a.isBefore(b)) {
                double kwh = e.getValue() * ChronoUnit.DAYS.between(a, b) * 24.0 * kw.get() * settings.pue();
                addCost(m, ENERGY, kwh * settings.electricityUsdPerKwh());
              }
            }
          }
        }
      }
      double[] k = costs(c);
      Chip chip = chipOf.get(c.pools.get(0));
      Optional<Double> kwh = Double.isNaN(k[4]) ? Optional.empty() : Optional.of(k[4]);
      List<String> used = c.split.stream().flatMap(m -> m.keySet().stream()).distinct().toList();
      LocalDate finish = c.finish();
      return new Placement(chip.id(), chip.name(), chip.vendor(), used, c.segments.get(0).from(), finish,
          !finish.isAfter(settings.endExclusive()), c.segments, k[3], kwh, k[0], k[1], k[2]);
    }
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(java.util.Locale.ROOT, "%.3g", d);
  }
}
