package chipmix.perfmodel;

import java.util.Objects;

/** The serving software a device runs: its recipe and whether it decodes speculatively. */
public record ServingStack(ServingRecipe recipe, Speculation speculation) {
  public ServingStack {
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(speculation, "speculation");
  }

  /** {@code recipe} without speculative decoding. */
  public static ServingStack of(ServingRecipe recipe) {
    return new ServingStack(recipe, new Speculation.None());
  }
}
