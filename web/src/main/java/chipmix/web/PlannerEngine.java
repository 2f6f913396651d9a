package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.io.Resources;
import chipmix.scenario.Engines;
import chipmix.scenario.Plan;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import chipmix.scenario.engines.Planning;
import chipmix.scenario.report.JsonReport;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link ScenarioEngine} over the core planner: the strict {@link ScenarioLoader}, the
 * {@link Planner} with the given engines and the {@link JsonReport}, exactly as {@code chipmix
 * plan --format json} runs them.
 */
public final class PlannerEngine implements ScenarioEngine {
  /** The example loaded into the editor (examples/bytedance-2025.yaml, copied into the jar). */
  static final String EXAMPLE = "/chipmix/examples/bytedance-2025.yaml";

  /** Monte Carlo samples of every web run (a replay each: milliseconds in all), as {@code plan --samples 500 --seed 1}. */
  static final int SAMPLES = 500;
  static final long SEED = 1;

  private final Catalog catalog;
  private final ScenarioLoader loader;
  private final Engines engines;

  public PlannerEngine(Catalog catalog, ScenarioLoader loader, Engines engines) {
    this.catalog = catalog;
    this.loader = loader;
    this.engines = engines;
  }

  /**
   * The planner on the real engines, wired by the core ({@link Planning}): export control,
   * training search and inference sizing, as {@code chipmix plan} uses them.
   *
   * @param catalogFiles the user's extra catalog files the catalog was loaded with (recorded in the as-of data)
   */
  public static PlannerEngine bundled(Catalog catalog, List<Path> catalogFiles) {
    Planning planning = Planning.of(catalog, catalogFiles);
    // The plan catalog also holds the rule data's own sources, so "sources" lists them as chipmix plan does.
    return new PlannerEngine(planning.planCatalog(), planning.loader(), planning.engines());
  }

  @Override
  public String exampleYaml() {
    return Resources.text(EXAMPLE);
  }

  @Override
  public Outline validate(String yaml) {
    Scenario s = load(yaml);
    List<OrderTimeline> orders = s.orders().stream().map(o -> new OrderTimeline(o.id(), o.chipId(), o.quantity(),
        new OrderTimeline.Slip(o.slip().delayDays(), o.slip().deliveredFraction()),
        o.deliveries().stream().map(d -> new OrderTimeline.Delivery(d.date().toString(), d.count(),
            d.date().plusDays(o.slip().delayDays()).toString(), o.slip().arrivingCount(d))).toList())).toList();
    List<PoolItem> pools = s.pools().stream().map(p -> new PoolItem(p.id(), p.chipId(), p.count(), p.online().toString())).toList();
    List<RunItem> training = s.training().stream().map(r -> new RunItem(r.id(), r.model(), r.tokens(), r.devices().orElse(null),
        r.deadline().map(Object::toString).orElse(null), r.pools())).toList();
    List<DemandItem> serving = s.serving().stream().map(d -> new DemandItem(d.id(), d.model(),
        d.requestsPerSecond().values().stream().mapToDouble(Double::doubleValue).max().orElse(0), d.pools())).toList();
    return new Outline(orders, pools, training, serving);
  }

  @Override
  public String runJson(String yaml) {
    Scenario scenario = load(yaml);
    Planner planner = new Planner(catalog, engines, line -> { });
    List<Plan> plans = planner.planAll(scenario).stream()
        .map(p -> {
          chipmix.cancel.Cancellation.check(); // the samples run on the common pool, which no interrupt reaches
          return planner.sample(scenario, p, SAMPLES, SEED);
        }).toList();
    return JsonReport.render(scenario, plans);
  }

  @Override
  public String runHtml(String yaml) {
    Scenario scenario = load(yaml);
    List<Plan> plans = new Planner(catalog, engines, line -> { }).planAll(scenario);
    return chipmix.scenario.report.HtmlReport.render(scenario, plans);
  }

  private Scenario load(String yaml) {
    return loader.loadText(yaml, "scenario");
  }
}
