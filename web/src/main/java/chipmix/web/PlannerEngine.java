package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.scenario.Engines;
import chipmix.scenario.Plan;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import chipmix.scenario.report.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * {@link ScenarioEngine} over the core planner: the strict {@link ScenarioLoader}, the
 * {@link Planner} with the given engines and the {@link JsonReport}, exactly as {@code chipmix
 * plan --format json} runs them.
 */
public final class PlannerEngine implements ScenarioEngine {
  /** The example loaded into the editor (examples/bytedance-2025.yaml, copied into the jar). */
  static final String EXAMPLE = "/chipmix/examples/bytedance-2025.yaml";

  private final Catalog catalog;
  private final Collection<String> modelNames;
  private final Collection<String> partyNames;
  private final Engines engines;

  public PlannerEngine(Catalog catalog, Collection<String> modelNames, Collection<String> partyNames, Engines engines) {
    this.catalog = catalog;
    this.modelNames = List.copyOf(modelNames);
    this.partyNames = List.copyOf(partyNames);
    this.engines = engines;
  }

  @Override
  public String exampleYaml() {
    try (InputStream in = PlannerEngine.class.getResourceAsStream(EXAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource " + EXAMPLE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + EXAMPLE, e);
    }
  }

  @Override
  public void validate(String yaml) {
    load(yaml);
  }

  @Override
  public String runJson(String yaml) {
    Scenario scenario = load(yaml);
    List<Plan> plans = new Planner(catalog, engines, line -> { }).planAll(scenario);
    return JsonReport.render(scenario, plans);
  }

  private Scenario load(String yaml) {
    return new ScenarioLoader(catalog, modelNames, partyNames).loadText(yaml, "scenario");
  }
}
