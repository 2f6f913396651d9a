package chipmix.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.perfmodel.Precision;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link SizingInput} and {@link EstimateInput}: every problem at once, the catalog and model lookups included. */
class ServingInputTest {
  static final Catalog CATALOG = CatalogLoader.bundled();

  static List<String> paths(Runnable check) {
    return catchThrowableOfType(check::run, InvalidInputException.class).issues().stream()
        .map(ValidationIssue::path).toList();
  }

  static SizingInput sizing(String model, long prompt, Optional<Double> scaleOut, Optional<Double> rps, double tpotMs,
      List<String> chips) {
    return new SizingInput(model, prompt, 500, Precision.FP8, Precision.FP8, scaleOut, rps, Optional.empty(), 2000,
        tpotMs, chips, false, 4, 0.10);
  }

  static EstimateInput estimate(String model, String chip, Optional<Double> scaleOut, Optional<Integer> devices,
      Optional<Integer> tp, Optional<Integer> batch) {
    return new EstimateInput(model, chip, 2000, 500, Precision.BF16, Precision.BF16, scaleOut, devices, tp,
        Optional.empty(), batch, Optional.empty());
  }

  @Test
  @DisplayName("sizing: field checks, unknown chips and an unknown model are listed together")
  void size_severalProblems_listsEvery() {
    SizingInput in = sizing("llama3-7O", 0, Optional.empty(), Optional.of(-1.0), 0, List.of("h20", "h2o"));
    assertThat(paths(() -> in.size(CATALOG)))
        .containsExactly("`prompt_tokens`", "`demand_rps`", "`tpot_ms`", "`chips`[1]", "`model`");
    assertThat(paths(() -> in.validate(CATALOG)))
        .containsExactly("`prompt_tokens`", "`demand_rps`", "`tpot_ms`", "`chips`[1]", "`model`");
  }

  @Test
  @DisplayName("sizing: a bad scale-out bandwidth is an issue, not a crash, and the chips are still looked up")
  void size_nanScaleOut_isAnIssue() {
    SizingInput in = sizing("llama3-70b", 2000, Optional.of(Double.NaN), Optional.of(10.0), 50, List.of("h2o"));
    assertThat(paths(() -> in.validate(CATALOG))).containsExactly("`scale_out_gbps`", "`chips`[0]");
  }

  @Test
  void validate_validSizing_returnsWithoutSizing() {
    assertThatCode(() -> sizing("llama3-70b", 2000, Optional.empty(), Optional.of(10.0), 50, List.of()).validate(CATALOG))
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("estimate: a bad batch does not hide an unknown model or chip")
  void estimate_badBatchUnknownModelAndChip_listsEvery() {
    EstimateInput in = estimate("llama3-7O", "h2000", Optional.of(-5.0), Optional.empty(), Optional.empty(), Optional.of(0));
    assertThat(paths(() -> in.estimate(CATALOG))).containsExactly("`scale_out_gbps`", "`batch`", "`model`", "`chip`");
  }

  @Test
  @DisplayName("estimate: the layout check runs with an unknown model, and is left out when its degree is bad")
  void estimate_layoutChecks_runWhenTheirInputsAreValid() {
    // tp 3 does not divide 8 devices; the check needs the chip and the degrees, not the model
    assertThat(paths(() -> estimate("llama3-7O", "h100-sxm", Optional.empty(), Optional.of(8), Optional.of(3),
        Optional.empty()).validate(CATALOG))).containsExactly("`model`", "`tp`");
    assertThat(paths(() -> estimate("llama3-70b", "h100-sxm", Optional.empty(), Optional.of(0), Optional.of(3),
        Optional.empty()).validate(CATALOG))).containsExactly("`devices`");
  }

  @Test
  void validate_validEstimate_returns() {
    assertThatCode(() -> estimate("llama3-70b", "h100-sxm", Optional.empty(), Optional.of(8), Optional.of(8),
        Optional.empty()).validate(CATALOG)).doesNotThrowAnyException();
  }
}
