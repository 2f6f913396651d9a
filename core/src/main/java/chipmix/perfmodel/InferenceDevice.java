package chipmix.perfmodel;

import java.util.Objects;
import java.util.Optional;

/**
 * A device profile with its serving constants: what the inference model needs about one chip.
 *
 * @param vendor the chip's vendor as the catalog names it, where known: a KV cache moves between
 *     prefill and decode pools of the same vendor only (layouts and transfer libraries differ)
 */
public record InferenceDevice(Hardware hardware, InferenceCalibration serving, Optional<String> vendor) {
  public InferenceDevice {
    Objects.requireNonNull(hardware, "hardware");
    Objects.requireNonNull(serving, "serving");
    Objects.requireNonNull(vendor, "vendor");
  }

  /** A profile whose vendor is not known (test chips, benchmarks). */
  public InferenceDevice(Hardware hardware, InferenceCalibration serving) {
    this(hardware, serving, Optional.empty());
  }

  public String chipId() {
    return hardware.chipId();
  }

  /** This profile on other hardware (a catalog range bound), same constants and vendor. */
  public InferenceDevice on(Hardware other) {
    return new InferenceDevice(other, serving, vendor);
  }
}
