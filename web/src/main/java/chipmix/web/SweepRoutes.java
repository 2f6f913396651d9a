package chipmix.web;

import chipmix.io.Node;
import chipmix.io.Yaml;
import chipmix.io.YamlPositions;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import chipmix.scenario.engines.InferenceSizing;
import chipmix.scenario.engines.Planning;
import chipmix.scenario.engines.TrainingSearch;
import chipmix.sweep.SharedAnswers;
import chipmix.sweep.SweepJob;
import chipmix.sweep.SweepReader;
import chipmix.sweep.SweepReport;
import chipmix.sweep.SweepSpec;
import chipmix.web.store.ScenarioStore;
import chipmix.web.store.StoreException;
import chipmix.web.store.StoredScenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/sweeps}: start a sweep (a sweep file's text over a saved scenario or the bundled
 * example) as a background job, follow its progress, read its summary and HTML page, cancel it.
 * The sweep's {@code scenario} key is not read as a path here: the scenario is the saved one
 * named by {@code scenario_id}, or the bundled example. Sizes are capped ({@link Limits}).
 */
final class SweepRoutes implements ApiModule {
  private final ScenarioStore store;
  private final Planning planning;
  private final String example;
  private final SweepRunner runner;

  SweepRoutes(ScenarioStore store, Planning planning, String exampleYaml, SweepRunner runner) {
    this.store = store;
    this.planning = planning;
    this.example = exampleYaml;
    this.runner = runner;
  }

  /** The body of a start: the sweep file's text and, optionally, the saved scenario it sweeps. */
  record Start(String sweep, Optional<String> scenarioId) {}

  /** A sweep's state: progress while it runs, then its summary (the JSON of chipmix sweep --format json) or its error. */
  record View(String id, String name, String status, long done, long total, double plansPerSecond, Double secondsLeft,
      JsonNode summary, String error) {
    static View of(SweepRunner.Job j) {
      return new View(j.id, j.name, j.status.text(), j.done.get(), j.total, Math.round(j.rate() * 10) / 10.0,
          j.secondsLeft().map(s -> (double) Math.round(s)).orElse(null), j.summary.orElse(null), j.error.orElse(null));
    }
  }

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post("/api/sweeps", ctx -> Reply.created(View.of(start(ctx)))).longRunning(),
        ApiRoute.get("/api/sweeps/{id}", ctx -> Reply.ok(View.of(job(ctx.pathParam("id"))))),
        ApiRoute.delete("/api/sweeps/{id}", ctx -> {
          if (!runner.cancel(ctx.pathParam("id"))) {
            throw new StoreException.NotFound("sweep", ctx.pathParam("id"));
          }
          return Reply.noContent();
        }),
        ApiRoute.get("/api/sweeps/{id}/report.html", ctx -> {
          SweepRunner.Job j = job(ctx.pathParam("id"));
          String html = j.html.orElseThrow(() -> Refusal.conflict("no_report", "sweep " + j.id + " is " + j.status.text()
              + "; only a succeeded sweep has a page"));
          return Reply.ok(new WebServer.Download(html, "text/html; charset=utf-8", "chipmix-sweep-" + j.id + ".html"));
        }));
  }

  private SweepRunner.Job job(String id) {
    return runner.find(id).orElseThrow(() -> new StoreException.NotFound("sweep", id));
  }

  private SweepRunner.Job start(Context ctx) {
    Start body = Json.body(ctx, n -> {
      n.expectObject(Set.of("sweep", "scenario_id"));
      Optional<String> sweep = n.requireString("sweep");
      return new Start(sweep.orElse(""), n.string("scenario_id"));
    });
    String scenarioYaml;
    String scenarioLabel;
    if (body.scenarioId().isPresent()) {
      StoredScenario s = store.find(body.scenarioId().get())
          .orElseThrow(() -> new StoreException.NotFound("scenario", body.scenarioId().get()));
      scenarioYaml = s.yaml();
      scenarioLabel = s.name();
    } else {
      scenarioYaml = example;
      scenarioLabel = "the bundled example";
    }
    JsonNode tree = Yaml.parse(body.sweep(), "sweep");
    SweepSpec spec = YamlPositions.placing(body.sweep(), () -> SweepReader.read(tree, "sweep"));
    long points = spec.points();
    long plans = points * spec.samples();
    if (points > Limits.MAX_SWEEP_POINTS) {
      throw Refusal.limit("sweep.axes", "the sweep has " + points + " grid points; at most " + Limits.MAX_SWEEP_POINTS
          + " are planned from the web (Limits.MAX_SWEEP_POINTS); use chipmix sweep for more");
    }
    if (plans > Limits.MAX_SWEEP_ROWS) {
      throw Refusal.limit("sweep.samples", "the sweep has " + points + " points x " + spec.samples() + " samples = " + plans
          + " rows; at most " + Limits.MAX_SWEEP_ROWS + " are run from the web (Limits.MAX_SWEEP_ROWS); use chipmix sweep"
          + " for more");
    }
    ScenarioLoader loader = planning.loader();
    Scenario base = loader.loadText(scenarioYaml, "scenario");
    JsonNode baseTree = Yaml.parse(scenarioYaml, "scenario");
    String name = base.name();
    YamlPositions.placing(body.sweep(), () -> {
      SweepReader.check(spec, baseTree, base.variants().stream().map(Scenario.Variant::name).toList(),
          t -> loader.load(t, name));
      return null;
    });
    Engines engines = new SharedAnswers().wrap(planning.engines(), () -> new TrainingSearch(Calibrations.bundled()),
        () -> new InferenceSizing(Calibrations.bundled()));
    Planner planner = new Planner(planning.planCatalog(), engines, m -> {});
    SweepJob job = new SweepJob(spec, (ObjectNode) baseTree, t -> loader.load(t, name),
        planner::planWithoutFallback, planner::draw, "web " + scenarioYaml.hashCode());
    return runner.start(job, SweepReport.Context.of(spec, scenarioLabel, planning.asOf()));
  }
}
