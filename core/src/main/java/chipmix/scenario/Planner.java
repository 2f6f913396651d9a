package chipmix.scenario;

import chipmix.catalog.Catalog;
import chipmix.scenario.Plan.DeliveryResult;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.PoolTimeline;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Scenario.Order;
import chipmix.scenario.Scenario.Pool;
import chipmix.scenario.Scenario.ServingDemand;
import chipmix.scenario.Scenario.Settings;
import chipmix.scenario.Scenario.TrainingRun;
import chipmix.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
    return plan(scenario, variantName, true);
  }

  /**
   * As {@link #plan(Scenario, Optional)} without the second plan that leaves out the at-risk
   * deliveries ({@link Plan#withoutAtRisk()} is empty): everything else is the same plan. For callers
   * that read only the main plan, such as a sweep's rows (docs/sweeps.md), it saves that second
   * allocation, about half of a plan's time when some delivery is at risk.
   */
  public Plan planWithoutFallback(Scenario scenario, Optional<String> variantName) {
    return plan(scenario, variantName, false);
  }

  private Plan plan(Scenario scenario, Optional<String> variantName, boolean withFallback) {
    Scenario s = variantName.map(v -> scenario.apply(scenario.variant(v).orElseThrow(() ->
        chipmix.validation.InvalidInputException.of("`variant`", "unknown variant '" + v + "'"
            + chipmix.validation.Suggestions.didYouMean(v, scenario.variants().stream().map(Scenario.Variant::name).toList())
            + (scenario.variants().isEmpty() ? " (the scenario declares no variants)"
                : " (variants: " + String.join(", ", scenario.variants().stream().map(Scenario.Variant::name).toList()) + ")")))))
        .orElse(scenario);
    String description = variantName.flatMap(scenario::variant).map(Scenario.Variant::description)
        .orElse(scenario.description());
    progress.accept("planning " + variantName.map(v -> "variant " + v).orElse("base scenario") + " of " + scenario.name());
    Plan main = new Run(s, false).plan(scenario.name(), variantName, description);
    boolean anyAtRisk = main.orders().stream().anyMatch(o -> o.atRisk() > 0);
    if (!anyAtRisk || !withFallback) {
      return main;
    }
    progress.accept("re-planning without the at-risk deliveries");
    Plan fallback = new Run(s, true).plan(scenario.name(), variantName, description);
    return new Plan(main.scenario(), main.variant(), main.description(), main.months(), main.pools(), main.orders(),
        main.training(), main.serving(), main.costs(), main.notes(), Optional.of(fallback), main.asOf(), main.sources(),
        Optional.empty());
  }

  /**
   * {@code plan} (the base or the variant it names) with P10/P50/P90 over {@code samples} Monte
   * Carlo samples from {@code seed} (see {@link MonteCarlo}); the same seed gives the same numbers.
   */
  public Plan sample(Scenario scenario, Plan plan, int samples, long seed) {
    Scenario s = plan.variant().map(v -> scenario.apply(scenario.variant(v).orElseThrow())).orElse(scenario);
    progress.accept("sampling " + plan.label() + ": " + samples + " samples, seed " + seed);
    return plan.withOutlook(MonteCarlo.sample(s, plan, catalog, samples, seed));
  }

  /** Sample {@code i} of {@code plan} from {@code seed}, as {@link #sample} draws it (see {@link MonteCarlo#draw}). */
  public MonteCarlo.Draw draw(Scenario scenario, Plan plan, long seed, int i) {
    Scenario s = plan.variant().map(v -> scenario.apply(scenario.variant(v).orElseThrow())).orElse(scenario);
    return MonteCarlo.draw(s, plan, catalog, seed, i);
  }

  /** The base plan followed by one plan per declared variant. */
  public List<Plan> planAll(Scenario scenario) {
    List<Plan> out = new ArrayList<>();
    out.add(plan(scenario, Optional.empty()));
    for (Scenario.Variant v : scenario.variants()) {
      chipmix.cancel.Cancellation.check(); // the engines check within a plan; this stops between plans
      out.add(plan(scenario, Optional.of(v.name())));
    }
    return out;
  }

  /** One planning pass over a scenario: the capacity ledger, the cost book and the allocation of the workloads. */
  private final class Run {
    private final Scenario s;
    private final Settings settings;
    private final boolean dropAtRisk;
    private final CapacityLedger capacity;
    private final CostBook costs;

    Run(Scenario s, boolean dropAtRisk) {
      this.s = s;
      this.settings = s.settings();
      this.dropAtRisk = dropAtRisk;
      this.capacity = new CapacityLedger(catalog);
      this.costs = new CostBook(settings);
    }

    Plan plan(String scenarioName, Optional<String> variant, String description) {
      List<String> notes = new ArrayList<>();
      double sunk = 0;
      for (Pool p : s.pools()) {
        sunk += capacity.addFleetPool(p, settings, costs);
      }
      if (sunk > 0) {
        notes.add(String.format(java.util.Locale.ROOT,
            "Fleet pools bought before the horizon cost $%,.0f; that spend is not in the monthly costs.", sunk));
      }
      List<OrderResult> orders = new ArrayList<>();
      for (Order o : s.orders()) {
        orders.add(capacity.addOrder(o, s, engines.compliance(), dropAtRisk, costs, notes));
      }
      capacity.chargeRent(settings.months(), costs);
      List<ServingResult> serving = new ArrayList<>();
      List<TrainingResult> training = new ArrayList<>();
      Optional<SolverAllocation.Outcome> solved = Optional.empty();
      if (settings.allocation() == Scenario.Allocation.SOLVER) {
        progress.accept("allocating devices (CP-SAT)");
        solved = SolverAllocation.allocate(s, capacity, costs, engines);
        if (solved.isEmpty()) {
          notes.add("Allocation: CP-SAT found no answer within its deterministic limit, so this plan uses the"
              + " serving-first rule (allocation: serving-first).");
        }
      }
      if (solved.isPresent()) {
        SolverAllocation.Outcome out = solved.get();
        serving.addAll(out.serving());
        s.training().forEach(r -> training.add(out.training().get(r.id())));
        notes.addAll(out.notes());
      } else {
        for (ServingDemand d : s.serving()) {
          progress.accept("sizing serving demand " + d.id());
          serving.add(ServingAllocation.serve(d, capacity, costs, engines.serving(), settings.months(), Optional.empty(),
              List.of()));
        }
        List<TrainingRun> runs = new ArrayList<>(s.training());
        runs.sort(Comparator.comparing(TrainingRun::earliestStart));
        Map<String, TrainingResult> byId = new HashMap<>();
        TrainingPlacement placement = new TrainingPlacement(capacity, costs, engines.training(), s);
        for (TrainingRun r : runs) {
          progress.accept("placing training run " + r.id());
          byId.put(r.id(), placement.place(r));
        }
        for (TrainingRun r : s.training()) {
          training.add(byId.get(r.id()));
        }
        if (!s.serving().isEmpty() && !s.training().isEmpty()) {
          notes.add("Serving is sized first each month (it is the customer-facing load); training runs use the devices left.");
        }
      }
      List<PoolTimeline> timelines = new ArrayList<>();
      for (Pool p : s.pools()) {
        timelines.add(capacity.timeline(p.id(), "fleet", settings.months()));
      }
      for (Order o : s.orders()) {
        timelines.add(capacity.timeline(o.id(), "order", settings.months()));
      }
      java.util.Set<String> cited = new java.util.HashSet<>();
      for (OrderResult o : orders) {
        for (DeliveryResult d : o.deliveries()) {
          d.finding().reasons().forEach(r -> cited.addAll(r.citations()));
          d.finding().importSide().forEach(r -> cited.addAll(r.citations()));
        }
      }
      List<chipmix.catalog.Source> sources = catalog.sources().values().stream().filter(x -> cited.contains(x.id())).toList();
      return new Plan(scenarioName, variant, description, settings.months(), timelines, orders, training, serving,
          costs.months(), notes, Optional.empty(), engines.asOf(), sources, Optional.empty());
    }
  }

  static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(java.util.Locale.ROOT, "%.3g", d);
  }
}
