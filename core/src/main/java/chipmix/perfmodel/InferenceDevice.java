package chipmix.perfmodel;

import java.util.Objects;
import java.util.Optional;

/**
 * A device profile with its serving constants and serving stack: what the inference model needs
 * about one chip as it is served.
 *
 * @param vendor the chip's vendor as the catalog names it, where known: a KV cache moves between
 *     prefill and decode pools of the same vendor only (layouts and transfer libraries differ)
 * @param stack the serving recipe and speculative decoding
 */
public record InferenceDevice(Hardware hardware, InferenceCalibration serving, Optional<String> vendor, ServingStack stack) {
  public InferenceDevice {
    Objects.requireNonNull(hardware, "hardware");
    Objects.requireNonNull(serving, "serving");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(stack, "stack");
  }

  /** A profile on the recipe its serving constants stand for, without speculation. */
  public InferenceDevice(Hardware hardware, InferenceCalibration serving, Optional<String> vendor) {
    this(hardware, serving, vendor, ServingStack.of(ServingRecipes.find("default_recipe", serving.defaultRecipe())));
  }

  /** A profile whose vendor is not known (test chips, benchmarks), on its default recipe. */
  public InferenceDevice(Hardware hardware, InferenceCalibration serving) {
    this(hardware, serving, Optional.empty());
  }

  public String chipId() {
    return hardware.chipId();
  }

  /** This profile on other hardware (a catalog range bound), same constants, vendor and stack. */
  public InferenceDevice on(Hardware other) {
    return new InferenceDevice(other, serving, vendor, stack);
  }

  /** This profile with another serving stack. */
  public InferenceDevice with(ServingStack other) {
    return new InferenceDevice(hardware, serving, vendor, other);
  }

  public ServingRecipe recipe() {
    return stack.recipe();
  }

  public Speculation speculation() {
    return stack.speculation();
  }
}
