package chipmix.serving;

import java.util.List;

/**
 * Plans ranked best first (lowest cost per million output tokens; plans without a price after,
 * by devices), the candidates that cannot serve the demand with the reason, and a paragraph on
 * why the winner wins.
 */
public record SizingResult(String modelName, Demand demand, List<ServingPlan> ranked, List<Rejected> rejected,
    List<String> explanation, List<String> assumptions) {
  public SizingResult {
    ranked = List.copyOf(ranked);
    rejected = List.copyOf(rejected);
    explanation = List.copyOf(explanation);
    assumptions = List.copyOf(assumptions);
  }

  /** A candidate (chip, or prefill/decode pair) that cannot meet the demand, and why. */
  public record Rejected(String label, String reason) {}
}
