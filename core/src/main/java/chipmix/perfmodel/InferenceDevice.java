package chipmix.perfmodel;

import java.util.Objects;

/** A device profile with its serving constants: what the inference model needs about one chip. */
public record InferenceDevice(Hardware hardware, InferenceCalibration serving) {
  public InferenceDevice {
    Objects.requireNonNull(hardware, "hardware");
    Objects.requireNonNull(serving, "serving");
  }

  public String chipId() {
    return hardware.chipId();
  }
}
