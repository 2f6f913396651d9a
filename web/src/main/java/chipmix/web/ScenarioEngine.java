package chipmix.web;

/**
 * What the scenario routes need from the planner: the bundled example, validation and a run
 * producing the planner's JSON report. Implemented over the core planner ({@code chipmix.scenario});
 * the web layer adds no planning logic of its own.
 */
public interface ScenarioEngine {
  /** A complete example scenario (YAML) for the editor. */
  String exampleYaml();

  /** Checks a scenario; throws {@link chipmix.validation.InvalidInputException} with every issue. */
  void validate(String yaml);

  /**
   * Plans the scenario and returns the JSON report (the same document as {@code chipmix plan
   * --format json}). Throws input or infeasible errors.
   */
  String runJson(String yaml);
}
