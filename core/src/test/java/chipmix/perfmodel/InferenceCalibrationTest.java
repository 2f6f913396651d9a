package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.io.Yaml;
import chipmix.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

class InferenceCalibrationTest {
  private static final String TRAINING_DEFAULT = """
      default:
        gemm_max_efficiency: {value: 0.6, source: s, confidence: low}
        gemm_half_dim: {value: 256, source: s, confidence: low}
        attention_efficiency: {value: 0.3, source: s, confidence: low}
        memory_efficiency: {value: 0.7, source: s, confidence: low}
        scale_up_bus_efficiency: {value: 0.7, source: s, confidence: low}
        scale_up_latency_us: {value: 10, source: s, confidence: low}
        scale_out_bus_efficiency: {value: 0.7, source: s, confidence: low}
        scale_out_latency_us: {value: 20, source: s, confidence: low}
      chips: []
      """;

  @Test
  void bundled_everyInferenceConstantIsSourcedAndTheDefaultIsMarkedUncalibrated() {
    Calibrations c = Calibrations.bundled();
    assertThat(c.inferenceFallback().calibrated()).isFalse();
    assertThat(c.inferenceChips()).allSatisfy(i -> {
      assertThat(i.calibrated()).isTrue();
      assertThat(i.chipIds()).isNotEmpty();
      assertThat(i.software()).isNotBlank();
      assertThat(i.decodeMemoryEfficiency().source()).isNotBlank();
      assertThat(i.forwardOverheadMs().source()).isNotBlank();
    });
    assertThat(c.inferenceFor(InferenceFixtures.ascend910b()).calibrated()).isTrue();
    assertThat(c.inferenceFor(InferenceFixtures.h20())).isSameAs(c.inferenceFallback());
  }

  @Test
  void parse_badInferenceSection_reportsEveryProblemWithItsPath() {
    String yaml = TRAINING_DEFAULT + """
        inference:
          default:
            decode_memory_efficiency: {value: 1.5, source: s, confidence: low}
            forward_overhead_ms: {value: 5, confidence: low}
            memory_reserve_fraction: {value: 0.1, source: s, confidence: low}
            extra: 1
          chips:
            - software: "x"
              decode_memory_efficiency: {value: 0.5, source: s, confidence: low}
              forward_overhead_ms: {value: 5, source: s, confidence: low}
              memory_reserve_fraction: {value: 0.1, source: s, confidence: low}
        """;
    assertThatThrownBy(() -> Calibrations.parse(Yaml.parse(yaml, "test.yaml"), "test.yaml"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues()).extracting(i -> i.path())
            .contains("inference.default.extra", "inference.default.software",
                "inference.default.forward_overhead_ms.source", "inference.chips[0].chip_ids"));
  }

  @Test
  void prefillGemmEfficiency_absent_usesTheChipsTrainingCurve() {
    Calibrations c = Calibrations.bundled();
    Calibration chip = c.fallback();
    assertThat(c.inferenceFallback().prefillGemmEfficiency(chip, 1000)).isEqualTo(chip.gemmEfficiency(1000));
  }

  @Test
  void prefillAttentionEfficiency_defaultFromLiterature_chipEntryWithoutItUsesTheTrainingValue() {
    Calibrations c = Calibrations.bundled();
    // FlashAttention-2 (arXiv 2307.08691): forward pass at 50-73% of A100 peak; the default takes the low end
    assertThat(c.inferenceFallback().prefillAttentionEfficiency(c.fallback())).isEqualTo(0.50);
    InferenceCalibration ascend = c.inferenceFor(InferenceFixtures.ascend910b());
    Calibration ascendTraining = c.forChip(InferenceFixtures.ascend910b());
    assertThat(ascend.prefillAttentionEfficiency(ascendTraining)).isEqualTo(ascendTraining.attentionEfficiency().value());
  }
}
