package chipmix.scenario.engines;

import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import chipmix.validation.InvalidInputException;
import java.util.Optional;

/**
 * What the scenario's training and serving engines cost on: the model preset, the chip's system
 * (the performance models need its node and scale-up domain), and the hardware with its
 * calibration and the scenario's scale-out figure applied.
 */
record EngineInputs(TransformerModel model, SystemSpec system, Hardware hardware) {

  /** {@code which} names the model in the error when the chip has no system ("training", "inference"). */
  static EngineInputs of(String modelName, Chip chip, Optional<SystemSpec> system, Optional<Double> scaleOutGbps,
      Calibrations calibrations, String which) {
    TransformerModel model = ModelPresets.find(modelName).orElseThrow(() -> InvalidInputException.of("model",
        "unknown model '" + modelName + "'"));
    SystemSpec sys = system.orElseThrow(() -> InvalidInputException.of("system", "the catalog has no system for chip "
        + chip.id() + "; the " + which + " model needs the node and scale-up domain (name a system, or add one with `catalog`)"));
    Hardware base = Hardware.of(chip, sys, calibrations.forChip(chip));
    Hardware hw = scaleOutGbps.map(g -> base.withScaleOutGbps(Spec.exact(g, TrainingSearch.SCENARIO_SOURCE, Confidence.LOW)))
        .orElse(base);
    return new EngineInputs(model, sys, hw);
  }
}
