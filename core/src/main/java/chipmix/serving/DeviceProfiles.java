package chipmix.serving;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.InferenceDevice;
import chipmix.validation.InvalidInputException;
import java.util.List;
import java.util.Optional;

/** Device profiles for inference: a catalog chip on its default system, with its calibration. */
public final class DeviceProfiles {
  private DeviceProfiles() {}

  /**
   * The device profile of chip {@code id} ({@code path} names the input in errors): its default
   * system, the bundled calibration, and {@code scaleOutGbps} applied where the catalog has no
   * scale-out figure.
   */
  public static InferenceDevice of(Catalog catalog, String path, String id, Optional<Double> scaleOutGbps) {
    Chip chip = catalog.chip(path, id);
    SystemSpec system = catalog.defaultSystemFor(chip).orElseGet(() -> singleDevice(chip));
    Calibrations cal = Calibrations.bundled();
    Hardware hw = Hardware.of(chip, system, cal.forChip(chip));
    if (hw.scaleOutPerDevice().isEmpty() && scaleOutGbps.isPresent()) {
      double g = scaleOutGbps.get();
      hw = hw.withScaleOutGbps(new Spec(g, g, g, List.of("user: --scale-out-gbps"), Confidence.LOW, "assumed by the user"));
    }
    return new InferenceDevice(hw, cal.inferenceFor(chip));
  }

  /** A chip without a system in the catalog is modelled as a single device with no scale-up link. */
  private static SystemSpec singleDevice(Chip chip) {
    Optional<Spec> link = chip.spec(Metric.SCALE_UP_BANDWIDTH);
    if (link.isEmpty()) {
      throw InvalidInputException.of("--chip", "the catalog has no system and no scale-up bandwidth for " + chip.id()
          + " (add a system or scale_up_bandwidth_gbs with --catalog FILE)");
    }
    return new SystemSpec(chip.id() + "-single", chip.name() + " (single device)", chip.id(), 1, 1, link.get(),
        chip.spec(Metric.SCALE_OUT_BANDWIDTH), link.get().sources(), "no system in the catalog");
  }
}
