package chipmix.web;

import chipmix.catalog.Catalog;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.Party;
import chipmix.model.ModelPresets;
import chipmix.scenario.Engines;
import chipmix.scenario.Plan;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import chipmix.scenario.engines.Planning;
import chipmix.scenario.report.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /**
   * The planner on the real engines, wired by the core ({@link Planning}): export control,
   * training search and inference sizing, as {@code chipmix plan} uses them.
   *
   * @param catalogFiles the user's extra catalog files the catalog was loaded with (recorded in the as-of data)
   */
  public static PlannerEngine bundled(Catalog catalog, List<Path> catalogFiles) {
    Planning planning = Planning.of(catalog, catalogFiles);
    List<String> parties = new ArrayList<>();
    for (Party p : ExportControl.bundled().book().parties()) {
      parties.add(p.id());
      parties.addAll(p.aliases());
    }
    return new PlannerEngine(catalog, ModelPresets.names(), parties, planning.engines());
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
