package chipmix.serving;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.perfmodel.InferenceDevice;
import chipmix.validation.Issues;
import java.util.Optional;

/** Device profiles for inference: a catalog chip on its default system (core {@link HardwareProfiles}), with its calibration. */
public final class DeviceProfiles {
  private DeviceProfiles() {}

  /**
   * The device profile of chip {@code id} ({@code path} names the input in errors): its default
   * system, the bundled calibration, and {@code scaleOutGbps} applied where the catalog has no
   * scale-out figure.
   */
  public static InferenceDevice of(Catalog catalog, String path, String id, Optional<Double> scaleOutGbps) {
    Chip chip = catalog.chip(path, id);
    Hardware hw = HardwareProfiles.resolve(catalog, chip.id(), Optional.empty());
    if (hw.scaleOutPerDevice().isEmpty() && scaleOutGbps.isPresent()) {
      double g = scaleOutGbps.get();
      hw = hw.withScaleOutGbps(Spec.exact(g, "user: `scale_out_gbps`", Confidence.LOW, "assumed by the user"));
    }
    return new InferenceDevice(hw, Calibrations.bundled().inferenceFor(chip), Optional.of(chip.vendor()));
  }

  /**
   * The {@code --scale-out-gbps} assumption to apply: {@code scaleOutGbps} when absent or a usable
   * bandwidth, else empty with the problem added to {@code issues}.
   */
  static Optional<Double> checkedScaleOut(Issues issues, Optional<Double> scaleOutGbps) {
    return chipmix.validation.Limits.SCALE_OUT_GBPS.check(issues, "`scale_out_gbps`", scaleOutGbps);
  }
}
