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
   * A valid scenario comes back as its {@link Outline}: the orders with their deliveries, as
   * promised and as the declared slip moves and shrinks them (the editor's timeline of
   * deliveries), and the pools, training runs and serving demands (the editor's form).
   */
  Outline validate(String yaml);

  /** The base scenario's items (without variants), as the editor's form and timeline show them. */
  record Outline(java.util.List<OrderTimeline> orders, java.util.List<PoolItem> pools, java.util.List<RunItem> training,
      java.util.List<DemandItem> serving) {
    public Outline {
      orders = java.util.List.copyOf(orders);
      pools = java.util.List.copyOf(pools);
      training = java.util.List.copyOf(training);
      serving = java.util.List.copyOf(serving);
    }
  }

  /** A pool of devices in hand: {@code count} of {@code chip}, online from {@code online} (a date). */
  record PoolItem(String id, String chip, int count, String online) {}

  /**
   * A training run: {@code tokens} of {@code model} on {@code pools}; {@code devices} is the
   * fixed job size, or null when the planner chooses it; {@code deadline} a date or null.
   */
  record RunItem(String id, String model, double tokens, Integer devices, String deadline, java.util.List<String> pools) {
    public RunItem {
      pools = java.util.List.copyOf(pools);
    }
  }

  /** A serving demand: {@code model} on {@code pools}, its peak requests per second over the months given. */
  record DemandItem(String id, String model, double peakRequestsPerSecond, java.util.List<String> pools) {
    public DemandItem {
      pools = java.util.List.copyOf(pools);
    }
  }

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
