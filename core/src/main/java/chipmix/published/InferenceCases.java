package chipmix.published;

import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.InferenceValidation;
import java.util.List;
import java.util.function.Function;

/**
 * The bundled {@code kind: inference} cases ({@code chipmix/validation/inference-cases.yaml}) as
 * {@link CaseResult}s, so {@code chipmix validate} lists them with the training cases. The cases
 * and the predictions live in {@link InferenceValidation}.
 */
public final class InferenceCases {
  public static final String KIND = "inference";
  /** Unit of every inference metric (prefill or decode tokens per second per device). */
  public static final String UNIT = "tok/s/dev";

  private InferenceCases() {}

  /** {@code hardware} maps a case's chip id to a device profile (the catalog plus calibration). */
  public static List<CaseResult> run(Function<String, Hardware> hardware) {
    return InferenceValidation.bundledCases().stream().map(c -> result(c, hardware.apply(c.chip()))).toList();
  }

  static CaseResult result(InferenceValidation.Case c, Hardware hw) {
    InferenceDevice dev = new InferenceDevice(hw, Calibrations.bundled().inferenceFor(hw.chipId()));
    InferenceValidation.Result r = InferenceValidation.predict(c, dev);
    return new CaseResult(c.id(), KIND, c.fitted() ? PublishedCase.Role.FIT : PublishedCase.Role.HOLDOUT, c.source(),
        c.metric(), UNIT, c.published(), r.predicted(), r.error(), c.tolerance(), r.detail());
  }
}
