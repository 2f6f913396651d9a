package chipmix.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.validation.InvalidInputException;
import chipmix.validation.ValidationIssue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link TrainingInput#request}: every problem at once, each dependent check run when its own inputs are valid. */
class TrainingInputTest {
  static final Catalog CATALOG = CatalogLoader.bundled();

  /** llama3-70b (64 heads, 8 kv heads, 80 layers) on H100 SXM (8-GPU NVLink domain), the layout open. */
  static TrainingInput input(String model, String chip, long devices, int seqLen, long globalBatch, Optional<Integer> tp,
      Optional<Integer> pp, Optional<Integer> dp, Optional<Integer> cp, Optional<Integer> ep) {
    return new TrainingInput(model, chip, Optional.empty(), devices, seqLen, globalBatch, tp, pp, dp, cp, ep,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "bf16", Optional.empty(), 1.0,
        Optional.empty(), 4.0, Optional.empty(), TrainingInput.Settings.DEFAULT);
  }

  static List<ValidationIssue> issues(TrainingInput in) {
    return catchThrowableOfType(() -> in.request(CATALOG), InvalidInputException.class).issues();
  }

  @Test
  @DisplayName("a bad sequence length and batch do not hide the layout checks on tp and devices")
  void request_badSeqLenAndBatch_stillChecksTheLayout() {
    List<ValidationIssue> issues = issues(input("llama3-70b", "h100-sxm", 1024, 0, 0, Optional.of(3), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(issues).extracting(ValidationIssue::path)
        .containsExactly("`seq_len`", "`global_batch`", "`tp`", "`devices`");
    assertThat(issues.get(2).message()).startsWith("3 must divide the attention heads 64 and kv heads 8");
    assertThat(issues.get(3).message()).isEqualTo("1024 is not divisible by the fixed degrees' product 3");
  }

  @Test
  @DisplayName("a bad device count is reported once: the checks against it are left out, the others run")
  void request_badDevices_leavesOutOnlyTheChecksOnDevices() {
    // cp 3 needs the sequence length divisible by 2 x 3 = 6; 8192 is not.
    List<ValidationIssue> issues = issues(input("llama3-70b", "h100-sxm", 0, 8192, 512, Optional.of(3), Optional.empty(),
        Optional.of(3), Optional.of(3), Optional.empty()));
    assertThat(issues).extracting(ValidationIssue::path).containsExactly("`devices`", "`tp`", "`cp`", "`global_batch`");
    assertThat(issues.get(0).message()).isEqualTo("must be between 1 and 10000000, got 0");
    assertThat(issues.get(3).message()).isEqualTo("512 sequences are not divisible by data parallel 3");
  }

  @Test
  @DisplayName("an unknown model leaves out the checks against its shape; the chip's checks still run")
  void request_unknownModel_stillChecksTheChipAndRanges() {
    List<ValidationIssue> issues = issues(input("llama3-7O", "h100-sxm", 1024, 0, 512, Optional.of(16), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(issues).extracting(ValidationIssue::path).containsExactly("`seq_len`", "`model`", "`tp`");
    assertThat(issues.get(2).message()).startsWith("16 exceeds the scale-up domain of 8 devices of h100-sxm");
  }

  @Test
  @DisplayName("an unknown chip leaves out the checks against it; the model's checks still run")
  void request_unknownChip_stillChecksTheModel() {
    List<ValidationIssue> issues = issues(input("llama3-70b", "h1000", 1024, 8192, 512, Optional.of(3), Optional.of(81),
        Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(issues).extracting(ValidationIssue::path).containsExactly("`chip`", "`tp`", "`pp`", "`devices`");
    assertThat(issues.get(1).message()).contains("choose one of [1, 2, 4, 8]");
    assertThat(issues.get(2).message()).isEqualTo("81 pipeline stages exceed the 80 layers of llama3-70b");
  }

  @Test
  @DisplayName("expert parallel 0 is one issue, not a division by zero")
  void request_epZero_isOneIssue() {
    assertThat(issues(input("llama3-70b", "h100-sxm", 1024, 8192, 512, Optional.empty(), Optional.empty(),
        Optional.of(8), Optional.empty(), Optional.of(0))))
        .containsExactly(new ValidationIssue("`ep`", "must be at least 1, got 0"));
  }

  @Test
  void request_validInput_buildsTheRequest() {
    TrainingRequest r = input("llama3-70b", "h100-sxm", 1024, 8192, 512, Optional.of(8), Optional.of(4), Optional.empty(),
        Optional.empty(), Optional.empty()).request(CATALOG);
    assertThat(r.devices()).isEqualTo(1024);
    assertThat(r.layout().tp()).contains(8);
  }

  @Test
  void request_badScaleOut_isAnIssueNotACrash() {
    TrainingInput in = new TrainingInput("llama3-70b", "h100-sxm", Optional.empty(), 1024, 8192, 512, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), "bf16", Optional.empty(), 1.0, Optional.empty(), 4.0,
        Optional.of(Double.POSITIVE_INFINITY), TrainingInput.Settings.DEFAULT);
    assertThatThrownBy(() -> in.request(CATALOG)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("`scale_out_gbps`").hasMessageContaining("got Infinity");
  }

  @Test
  void request_gradPrecision_isParsedAndABadOneNamesTheChoices() {
    TrainingInput fp16 = new TrainingInput("llama3-70b", "h100-sxm", Optional.empty(), 1024, 8192, 512, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), "bf16", Optional.empty(), 1.0, Optional.empty(), 4.0, Optional.empty(), new TrainingInput.Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("FP16"), Optional.empty()));
    assertThat(fp16.request(CATALOG).options().gradientPrecision()).isEqualTo(chipmix.perfmodel.GradientPrecision.FP16);
    TrainingInput bad = new TrainingInput("llama3-70b", "h100-sxm", Optional.empty(), 1024, 8192, 512, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), "bf16", Optional.empty(), 1.0, Optional.empty(), 4.0, Optional.empty(), new TrainingInput.Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("fp8"), Optional.empty()));
    assertThat(issues(bad)).singleElement().satisfies(i -> {
      assertThat(i.path()).isEqualTo("`grad_precision`");
      assertThat(i.message()).contains("'fp8'").contains("fp32, bf16, fp16");
    });
  }
}
