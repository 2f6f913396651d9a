package chipmix.perfmodel;

import chipmix.units.Bytes;
import chipmix.units.Seconds;
import java.util.Objects;
import java.util.Optional;

/**
 * What serving stack an estimate stands for: the recipe and, with speculative decoding, what it costs and gives.
 *
 * @param recipe the recipe id ({@code sglang}, {@code vllm}, {@code trtllm}, {@code mindie}, ...)
 * @param recipeSettings the recipe's settings in one line
 * @param speculation empty without speculative decoding
 */
public record ServingSummary(String recipe, String recipeSettings, Optional<Effect> speculation) {
  public ServingSummary {
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(recipeSettings, "recipeSettings");
    Objects.requireNonNull(speculation, "speculation");
  }

  /**
   * Speculative decoding's effect on one decode pass.
   *
   * @param kind {@code mtp} or {@code draft}
   * @param tokensPerPass tokens per sequence the target model verifies in one pass (drafted + 1)
   * @param acceptLength output tokens per pass, on average
   * @param draftPerPass time of the draft passes per verification pass
   * @param extraComputeShare share of the pass spent drafting plus the extra verified tokens' compute,
   *     against a plain decode pass at the same batch: {@code (pass with speculation) / (plain pass) - 1}
   * @param extraMemoryPerDevice draft or MTP weights plus their KV cache at the batch
   */
  public record Effect(String kind, int tokensPerPass, double acceptLength, Seconds draftPerPass, double extraComputeShare,
      Bytes extraMemoryPerDevice) {}
}
