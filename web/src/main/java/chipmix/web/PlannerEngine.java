package chipmix.web;

import chipmix.catalog.Catalog;

/** LOCAL PLACEHOLDER, NOT TO COMMIT: replaced by the planner wiring once chipmix.scenario lands. */
public final class PlannerEngine implements ScenarioEngine {
  public static PlannerEngine bundled(Catalog catalog) {
    return new PlannerEngine();
  }

  @Override
  public String exampleYaml() {
    return "name: example\n";
  }

  @Override
  public void validate(String yaml) {
    throw new UnsupportedOperationException("planner not wired yet");
  }

  @Override
  public String runJson(String yaml) {
    throw new UnsupportedOperationException("planner not wired yet");
  }
}
