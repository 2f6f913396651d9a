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

  /** {@code hardware} maps a case's chip id to a device profile (the catalog plus calibration); the bundled serving constants. */
  public static List<CaseResult> run(Function<String, Hardware> hardware) {
    return run(InferenceValidation.bundledCases(), hardware, Calibrations.bundled());
  }

  /** {@code cases} with the serving constants of {@code calibrations} (cross-validation passes refitted tables). */
  public static List<CaseResult> run(List<InferenceValidation.Case> cases, Function<String, Hardware> hardware,
      Calibrations calibrations) {
    return cases.stream().map(c -> result(c, hardware.apply(c.chip()), calibrations)).toList();
  }

  static CaseResult result(InferenceValidation.Case c, Hardware hw, Calibrations calibrations) {
    InferenceDevice dev = new InferenceDevice(hw, calibrations.inferenceFor(hw.chipId()));
    InferenceValidation.Result r = InferenceValidation.predict(c, dev);
    return new CaseResult(c.id(), KIND, PublishedCase.Role.parse(c.role()).orElseThrow(), c.family(), c.source(),
        c.metric(), UNIT, c.published(), r.predicted(), r.error(), c.tolerance(), r.detail());
  }
}
