package chipmix.web;

import chipmix.scenario.ScenarioLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.Party;
import chipmix.model.ModelPresets;
import chipmix.scenario.Engines;
import chipmix.validation.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The planner adapter: the bundled example validates and plans into the JSON report. The
 * engines here are simple stand-ins (every delivery clear, a fixed training rate and replica),
 * so the test pins the wiring, not the other capabilities' numbers.
 */
class PlannerEngineTest {
  static final Catalog CATALOG = CatalogLoader.bundled();

  static List<String> parties() {
    List<String> out = new ArrayList<>();
    for (Party p : ExportControl.bundled().book().parties()) {
      out.add(p.id());
      out.addAll(p.aliases());
    }
    return out;
  }

  static final Engines STAND_INS = new Engines(
      (chip, from, to, hq, parties, date) -> new Engines.Finding(Engines.Verdict.CLEAR, "no-license-required", List.of(), List.of()),
      (model, seq, batch, chip, system, scaleOut, devices) -> Optional.of(new Engines.TrainingRate(1e6, devices, "stand-in")),
      (model, prompt, output, ttft, tpot, weights, kv, chip, system, scaleOut) -> Optional.of(new Engines.Replica(8, 10, "stand-in")),
      Map.of("test", "stand-in engines"));

  final PlannerEngine engine = new PlannerEngine(CATALOG, new ScenarioLoader(CATALOG, ModelPresets.names(), parties()), STAND_INS);

  @Test
  void example_isTheBundledScenarioAndValidates() {
    String yaml = engine.exampleYaml();
    assertThat(yaml).contains("name: bytedance-2025");
    engine.validate(yaml);
  }

  @Test
  void validate_outlinesTheBaseScenariosPoolsRunsAndDemandsForTheEditorsForm() {
    ScenarioEngine.Outline o = engine.validate(engine.exampleYaml());
    // the bundled example (examples/bytedance-2025.yaml): one pool, two orders, one run, one demand
    assertThat(o.orders()).extracting(ScenarioEngine.OrderTimeline::id).containsExactly("ascend-910b", "h20-2025");
    assertThat(o.pools()).containsExactly(new ScenarioEngine.PoolItem("h20-fleet", "h20", 166000, "2024-12-31"));
    assertThat(o.training()).containsExactly(new ScenarioEngine.RunItem("next-llm", "deepseek-v3", 14.8e12, 16384, "2025-08-31",
        java.util.List.of("ascend-910b", "h20-fleet")));
    // the peak of the monthly requests per second (2,000 in 2025-01 growing to 8,000 in 2026-07)
    assertThat(o.serving()).containsExactly(new ScenarioEngine.DemandItem("chatbot", "deepseek-v3", 8000,
        java.util.List.of("h20-fleet", "h20-2025")));
  }

  @Test
  void run_producesTheJsonReportWithEveryVariant() {
    JsonNode report = Json.tree(engine.runJson(engine.exampleYaml()));
    assertThat(report.get("scenario").asText()).isEqualTo("bytedance-2025");
    assertThat(report.get("plans")).isNotEmpty();
    assertThat(report.get("plans").get(0).get("months")).isNotEmpty();
  }

  @Test
  @org.junit.jupiter.api.DisplayName("on the real engines a run gives the same report as the core planner (chipmix plan --format json)")
  void bundled_runEqualsTheCorePlannersReportWithItsSamples() {
    PlannerEngine real = PlannerEngine.bundled(CATALOG, List.of());
    String yaml = real.exampleYaml();
    chipmix.scenario.engines.Planning planning = chipmix.scenario.engines.Planning.of(CATALOG, List.of());
    chipmix.scenario.Scenario scenario = planning.loadText(yaml, "scenario");
    chipmix.scenario.Planner planner = planning.planner(line -> { });
    String expected = chipmix.scenario.report.JsonReport.render(scenario, planner.planAll(scenario).stream()
        .map(p -> planner.sample(scenario, p, PlannerEngine.SAMPLES, PlannerEngine.SEED)).toList());
    assertThat(Json.tree(real.runJson(yaml))).isEqualTo(Json.tree(expected));
  }

  @Test
  void invalidScenario_listsEveryProblemWithItsPath() {
    assertThatThrownBy(() -> engine.validate("name: x\nsettings: {start: 2025-13}\npools: [{id: p, chip: h2o, count: -1}]\n"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues().size()).isGreaterThan(1));
  }
}
