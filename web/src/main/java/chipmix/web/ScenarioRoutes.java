package chipmix.web;

import chipmix.io.Node;
import chipmix.validation.InvalidInputException;
import chipmix.validation.InfeasibleException;
import chipmix.web.store.RunStatus;
import chipmix.web.store.ScenarioRun;
import chipmix.web.store.ScenarioStore;
import chipmix.web.store.StoreException;
import chipmix.web.store.StoredScenario;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/scenarios}: create, read, update (optimistic, by version), delete, validate, run
 * and list runs. Runs go through the {@link ScenarioEngine} on the worker pool and are recorded
 * in the store with their outcome, failures included.
 */
final class ScenarioRoutes implements ApiModule {
  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRoutes.class);
  static final int MAX_NAME = 200;

  private final ScenarioStore store;
  private final ScenarioEngine engine;

  ScenarioRoutes(ScenarioStore store, ScenarioEngine engine) {
    this.store = store;
    this.engine = engine;
  }

  /** Request bodies and responses, nested per use. */
  static final class Scenario {
    private Scenario() {}

    record Create(String name, String yaml) {}

    record Update(String name, String yaml, int version) {}

    record Validate(String yaml) {}

    record Summary(String id, String name, String createdAt, String updatedAt, int version) {
      static Summary of(StoredScenario s) {
        return new Summary(s.id(), s.name(), s.createdAt().toString(), s.updatedAt().toString(), s.version());
      }
    }

    record Detail(String id, String name, String yaml, String createdAt, String updatedAt, int version) {
      static Detail of(StoredScenario s) {
        return new Detail(s.id(), s.name(), s.yaml(), s.createdAt().toString(), s.updatedAt().toString(), s.version());
      }
    }

    /** A page of the list: {@code total} scenarios in all, this page from {@code offset}. */
    record ListResponse(List<Summary> scenarios, int total, int limit, int offset) {}

    record Example(String name, String yaml) {}

    record Validity(boolean valid, List<ScenarioEngine.OrderTimeline> orders, List<ScenarioEngine.PoolItem> pools,
        List<ScenarioEngine.RunItem> training, List<ScenarioEngine.DemandItem> serving) {
      static Validity of(ScenarioEngine.Outline o) {
        return new Validity(true, o.orders(), o.pools(), o.training(), o.serving());
      }
    }
  }

  static final class Run {
    private Run() {}

    record Summary(String id, String scenarioId, int scenarioVersion, String startedAt, String finishedAt, String status) {
      static Summary of(ScenarioRun r) {
        return new Summary(r.id(), r.scenarioId(), r.scenarioVersion(), r.startedAt().toString(),
            r.finishedAt().map(Object::toString).orElse(null), r.status().text());
      }
    }

    /** A run with its report ({@code result}) or, when it did not succeed, its {@code error}. */
    record Detail(String id, String scenarioId, int scenarioVersion, String startedAt, String finishedAt, String status,
        JsonNode result, JsonNode error) {
      static Detail of(ScenarioRun r) {
        JsonNode stored = r.resultJson().map(Json::tree).orElse(null);
        boolean ok = r.status() == RunStatus.SUCCEEDED;
        return new Detail(r.id(), r.scenarioId(), r.scenarioVersion(), r.startedAt().toString(),
            r.finishedAt().map(Object::toString).orElse(null), r.status().text(),
            ok ? stored : null, ok || stored == null ? null : stored.get("error"));
      }
    }

    /** A page of the runs: {@code total} in all, this page from {@code offset}. */
    record ListResponse(List<Summary> runs, int total, int limit, int offset) {}
  }

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/scenarios", ctx -> {
          Page page = Page.of(ctx);
          return Reply.ok(new Scenario.ListResponse(store.list(page.limit(), page.offset()).stream()
              .map(Scenario.Summary::of).toList(), store.count(), page.limit(), page.offset()));
        }),
        ApiRoute.post("/api/scenarios", ctx -> Reply.created(create(ctx))),
        ApiRoute.get("/api/scenarios/example", ctx -> Reply.ok(new Scenario.Example("example", engine.exampleYaml()))),
        ApiRoute.post("/api/scenarios/validate", ctx -> Reply.ok(validate(ctx))).longRunning(),
        ApiRoute.get("/api/scenarios/{id}", ctx -> Reply.ok(Scenario.Detail.of(scenario(ctx.pathParam("id"))))),
        ApiRoute.put("/api/scenarios/{id}", ctx -> Reply.ok(update(ctx))),
        ApiRoute.delete("/api/scenarios/{id}", ctx -> {
          if (!store.delete(ctx.pathParam("id"))) {
            throw new StoreException.NotFound("scenario", ctx.pathParam("id"));
          }
          return Reply.noContent();
        }),
        ApiRoute.post("/api/scenarios/{id}/runs", ctx -> Reply.created(run(ctx.pathParam("id")))).longRunning(),
        ApiRoute.get("/api/scenarios/{id}/runs", ctx -> {
          Page page = Page.of(ctx);
          StoredScenario s = scenario(ctx.pathParam("id"));
          return Reply.ok(new Run.ListResponse(store.runs(s.id(), page.limit(), page.offset()).stream()
              .map(Run.Summary::of).toList(), store.countRuns(s.id()), page.limit(), page.offset()));
        }),
        ApiRoute.get("/api/scenarios/{id}/runs/{runId}", ctx -> Reply.ok(Run.Detail.of(run(ctx)))),
        ApiRoute.get("/api/scenarios/{id}/runs/{runId}/report.html", ctx -> Reply.ok(report(ctx))).longRunning());
  }

  private StoredScenario scenario(String id) {
    return store.find(id).orElseThrow(() -> new StoreException.NotFound("scenario", id));
  }

  private ScenarioRun run(Context ctx) {
    String id = ctx.pathParam("id");
    String runId = ctx.pathParam("runId");
    return store.findRun(runId).filter(r -> r.scenarioId().equals(id))
        .orElseThrow(() -> new StoreException.NotFound("run of scenario '" + id + "'", runId));
  }

  /**
   * The HTML report of a succeeded run. The store keeps a run's JSON report, not the planner's
   * objects the HTML report is drawn from, so the scenario is planned again (on the worker pool,
   * under its time limit) from the version the run used, which must still be the current one.
   */
  private WebServer.Download report(Context ctx) {
    ScenarioRun r = run(ctx);
    if (r.status() != RunStatus.SUCCEEDED) {
      throw Refusal.conflict("no_report", "run " + r.id() + " " + r.status().text() + "; only a succeeded run has a report");
    }
    StoredScenario s = scenario(r.scenarioId());
    if (s.version() != r.scenarioVersion()) {
      throw Refusal.conflict("scenario_changed", "run " + r.id() + " planned version " + r.scenarioVersion()
          + " of the scenario, which is now at version " + s.version() + "; run it again for a report of this version");
    }
    return new WebServer.Download(ApiFieldNames.render(engine.runHtml(s.yaml())), "text/html; charset=utf-8", "chipmix-plan-" + r.id() + ".html");
  }

  private Scenario.Detail create(Context ctx) {
    Scenario.Create body = Json.body(ctx, n -> {
      n.expectObject(Set.of("name", "yaml"));
      return new Scenario.Create(name(n), yaml(n));
    });
    return Scenario.Detail.of(store.create(body.name(), body.yaml()));
  }

  private Scenario.Detail update(Context ctx) {
    Scenario.Update body = Json.body(ctx, n -> {
      n.expectObject(Set.of("name", "yaml", "version"));
      String name = name(n);
      String yaml = yaml(n);
      Optional<Integer> version = n.integer("version");
      if (!n.has("version")) {
        n.error("version", "is required: the version you loaded (optimistic locking), for example 1");
      } else if (version.isPresent() && version.get() < 1) {
        n.error("version", "must be at least 1, got " + version.get());
      }
      return new Scenario.Update(name, yaml, version.orElse(0));
    });
    return Scenario.Detail.of(store.update(ctx.pathParam("id"), body.version(), body.name(), body.yaml()));
  }

  private Scenario.Validity validate(Context ctx) {
    Scenario.Validate body = Json.body(ctx, n -> {
      n.expectObject(Set.of("yaml"));
      return new Scenario.Validate(yaml(n));
    });
    return Scenario.Validity.of(engine.validate(body.yaml()));
  }

  /** Runs the scenario's current version and records the outcome, whatever it is. */
  private Run.Detail run(String id) {
    StoredScenario s = scenario(id);
    ScenarioRun started = store.startRun(s.id(), s.version());
    RunStatus status;
    String json;
    try {
      json = ApiFieldNames.render(engine.runJson(s.yaml())); // report texts name fields as this API does
      status = RunStatus.SUCCEEDED;
      int bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (bytes > Limits.MAX_RESULT_BYTES) {
        status = RunStatus.FAILED;
        json = Json.write(ApiErrors.map(Refusal.limit("result", "the plan's report is " + bytes
            + " bytes, over the limit of " + Limits.MAX_RESULT_BYTES + " bytes (Limits.MAX_RESULT_BYTES); "
            + "plan fewer variants, a shorter horizon or fewer workloads")).body());
      }
      if (Thread.currentThread().isInterrupted()) {
        status = RunStatus.FAILED;
        json = cancelled();
      }
    } catch (chipmix.cancel.CancelledException e) {
      status = RunStatus.FAILED;
      json = cancelled();
    } catch (InvalidInputException | InfeasibleException e) {
      status = e instanceof InvalidInputException ? RunStatus.INVALID : RunStatus.INFEASIBLE;
      json = Json.write(ApiErrors.map(e).body());
    } catch (RuntimeException e) {
      LOG.error("scenario run {} failed", started.id(), e);
      status = RunStatus.FAILED;
      json = Json.write(ApiErrors.map(e).body());
    }
    // a cancelled run is still recorded: the store's retries must not see the interrupt, which is set again after
    boolean interrupted = Thread.interrupted();
    try {
      return Run.Detail.of(store.finishRun(started.id(), status, json));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String cancelled() {
    return Json.write(ApiErrors.map(Refusal.timeout("cancelled: the client went away or the time limit of "
        + Limits.REQUEST_TIME_LIMIT.toSeconds() + " s passed (Limits.REQUEST_TIME_LIMIT)")).body());
  }

  private static String name(Node n) {
    Optional<String> name = n.requireString("name");
    if (name.isPresent() && name.get().length() > MAX_NAME) {
      n.error("name", "is " + name.get().length() + " characters long; at most " + MAX_NAME + " are accepted");
    }
    return name.orElse("");
  }

  /** The YAML text as sent (not stripped: indentation matters). */
  private static String yaml(Node n) {
    if (n.has("yaml") && !n.json().get("yaml").isTextual()) {
      n.error("yaml", "must be the scenario's YAML as a JSON string, got " + n.json().get("yaml").getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      return "";
    }
    if (n.requireString("yaml").isEmpty()) {
      return "";
    }
    return n.json().get("yaml").asText();
  }
}
