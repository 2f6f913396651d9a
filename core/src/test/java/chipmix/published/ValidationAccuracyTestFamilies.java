package chipmix.published;

import java.util.Set;

/** The families of the 2024-2026 runs added for issue #11 (all holdout when added). */
public final class ValidationAccuracyTestFamilies {
  public static final Set<String> ADDED = Set.of("megatron-bridge-h100", "megatron-bridge-b200", "megatron-bridge-gb200",
      "nemo-h100", "torchtitan-h100", "torchtitan-a100", "llama3-meta-h100", "mindformers-910b",
      // mi300xtrain9: AMD MI325X runs, all holdout; pinned by AccuracyTest (every one estimated), not held to a bound
      "amd-primus-mi325x");

  private ValidationAccuracyTestFamilies() {}
}
