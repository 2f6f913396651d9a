package chipmix.web;

/**
 * What the scenario routes need from the planner: the bundled example, validation and a run
 * producing the planner's JSON report. Implemented over the core planner ({@code chipmix.scenario});
 * the web layer adds no planning logic of its own.
 */
public interface ScenarioEngine {
  /** A complete example scenario (YAML) for the editor. */
  String exampleYaml();

  /**
   * Checks a scenario; throws {@link chipmix.validation.InvalidInputException} with every issue.
   * A valid scenario's orders come back with their deliveries, as promised and as the declared
   * slip moves and shrinks them (the editor's timeline of deliveries).
   */
  java.util.List<OrderTimeline> validate(String yaml);

  /** One order of a valid scenario: its chip, its declared slip and each delivery promised and expected. */
  record OrderTimeline(String id, String chip, int quantity, Slip slip, java.util.List<Delivery> deliveries) {
    public OrderTimeline {
      deliveries = java.util.List.copyOf(deliveries);
    }

    /** The declared slip: days late and the fraction delivered (0 days and 1 when none is declared). */
    public record Slip(int delayDays, double deliveredFraction) {}

    /** A delivery: promised on {@code date} with {@code count} devices; expected on {@code arrives} with {@code arriving}. */
    public record Delivery(String date, int count, String arrives, int arriving) {}
  }

  /**
   * Plans the scenario and returns the JSON report (the same document as {@code chipmix plan
   * --format json}). Throws input or infeasible errors.
   */
  String runJson(String yaml);

  /**
   * Plans the scenario and returns the HTML report (the same document as {@code chipmix plan
   * --html}). Throws input or infeasible errors.
   */
  String runHtml(String yaml);
}
