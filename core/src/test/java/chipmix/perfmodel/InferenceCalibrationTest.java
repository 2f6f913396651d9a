package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.io.Yaml;
import chipmix.model.ModelPresets;
import chipmix.validation.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InferenceCalibrationTest {
  /** A serving default entry with every required key (under {@code inference: default:}). */
  static final String COMPLETE_SERVING_DEFAULT = """
              decode_memory_efficiency: {value: 0.5, source: s, confidence: low}
              forward_overhead_ms: {value: 2, source: s, confidence: low}
              memory_reserve_fraction: {value: 0.1, source: s, confidence: low}
              kernel_latency_us: {value: 4, source: s, confidence: low}
              layer_overhead_us: {value: 20, source: s, confidence: low}
              layer_overhead_eager_us: {value: 80, source: s, confidence: low}
              decode_attention_efficiency: {value: 0.5, source: s, confidence: low}
              all_to_all_latency_us: {value: 30, source: s, confidence: low}
              all_to_all_latency_per_doubling_us: {value: 5, source: s, confidence: low}
              grouped_gemm_block_rows: {value: 64, source: s, confidence: low}
              software: "x"
              default_recipe: sglang
        """;

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
      // fitted to the chip's own serving runs, except the MI300X's entry (kernel benchmarks, calibrated: false)
      assertThat(i.calibrated()).as(i.chipIds().toString()).isEqualTo(!i.chipIds().contains("mi300x"));
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
  void parse_calibratedFalseOnAChipEntry_marksItUncalibrated_withoutANoteOrOnTheDefaultIsAnErrorNamingTheField() {
    String entry = COMPLETE_SERVING_DEFAULT;
    String chip = """
            - chip_ids: [mi300x]
              calibrated: false
              note: "kernel benchmarks"
              software: "y"
              decode_memory_efficiency: {value: 0.8, source: s, confidence: low}
              forward_overhead_ms: {value: 2, source: s, confidence: low}
              memory_reserve_fraction: {value: 0.1, source: s, confidence: low}
        """;
    String training = TRAINING_DEFAULT.replace("chips: []", """
          unfused_attention_efficiency: {value: 0.15, source: s, confidence: low}
          moe_host_per_local_expert_us: {value: 500, source: s, confidence: low}
        chips: []""");
    Calibrations ok = Calibrations.parse(Yaml.parse(training + "inference:\n  default:\n" + entry + "  chips:\n" + chip,
        "test.yaml"), "test.yaml");
    assertThat(ok.inferenceChips()).singleElement().satisfies(i -> {
      assertThat(i.calibrated()).isFalse();
      assertThat(i.decodeMemoryEfficiency().value()).isEqualTo(0.8);
    });
    String withoutNote = training + "inference:\n  default:\n" + entry + "  chips:\n"
        + chip.replace("      note: \"kernel benchmarks\"\n", "");
    assertThatThrownBy(() -> Calibrations.parse(Yaml.parse(withoutNote, "test.yaml"), "test.yaml"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues()).extracting(i -> i.path())
            .containsExactly("inference.chips[0].note"))
        .hasMessageContaining("required when calibrated is false");
    String onDefault = training + "inference:\n  default:\n      calibrated: false\n" + entry + "  chips: []\n";
    assertThatThrownBy(() -> Calibrations.parse(Yaml.parse(onDefault, "test.yaml"), "test.yaml"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues()).extracting(i -> i.path())
            .contains("inference.default.calibrated"));
  }

  @Test
  void parse_aDefaultRecipeThatNamesNoServingRecipe_isALoadErrorNamingTheFileTheFieldAndTheAcceptedRecipes() {
    // default_recipe was read as text and only looked up when an estimate ran; a typo must fail at load
    String bundled = bundledText();
    assertThat(bundled).contains("    default_recipe: sglang\n").contains("      default_recipe: mindie\n");
    String yaml = bundled.replace("    default_recipe: sglang\n", "    default_recipe: sglang-typo\n")
        .replace("      default_recipe: mindie\n", "      default_recipe: mindie-x\n");
    assertThatThrownBy(() -> Calibrations.parse(Yaml.parse(yaml, "my-calibration.yaml"), "my-calibration.yaml"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues()).extracting(i -> i.path())
            .containsExactly("inference.default.default_recipe", "inference.chips[0].default_recipe"))
        .hasMessageContaining("unknown serving recipe 'sglang-typo' in my-calibration.yaml")
        .hasMessageContaining("unknown serving recipe 'mindie-x' in my-calibration.yaml")
        .hasMessageContaining("accepted: " + ServingRecipes.ids());
    // every recipe the bundled file names is one of them (case as ServingRecipes.find resolves it)
    assertThat(Calibrations.bundled().inferenceChips()).extracting(InferenceCalibration::defaultRecipe)
        .allSatisfy(r -> assertThat(ServingRecipes.find("default_recipe", r).id()).isEqualToIgnoringCase(r));
  }

  private static String bundledText() {
    try (java.io.InputStream in = InferenceCalibrationTest.class.getResourceAsStream(Calibrations.RESOURCE)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void estimate_onAChipWhoseServingEntrySaysCalibratedFalse_saysItIsNotFittedAndWhy() {
    // the MI300X's serving entry is built from kernel benchmarks (calibration.yaml, calibrated: false): an estimate on
    // it must not read as calibrated, and it names where the constants come from (the entry's note)
    Catalog catalog = CatalogLoader.bundled();
    InferenceCalibration serving = Calibrations.bundled().inferenceFor(catalog.chip("chip", "mi300x"));
    assertThat(serving.calibrated()).isFalse();
    assertThat(serving.note()).isNotBlank();
    InferenceDevice dev = new InferenceDevice(HardwareProfiles.resolve(catalog, "mi300x", Optional.empty()), serving);
    InferenceEstimate e = InferenceModel.estimate(dev, ModelPresets.find("llama3-70b").orElseThrow(), new ServingLayout(8, 8, 1),
        new Workload(128, 2048, Precision.FP8, Precision.FP8), new BatchChoice.Fixed(1));
    assertThat(e.calibrated()).isFalse();
    assertThat(e.assumptions()).contains("serving constants for mi300x are not fitted to its own runs: " + serving.note()
        + " (low confidence)");
    // its GEMM and link constants are a transfer-rule entry (kernel benchmarks), not the uncalibrated default
    Calibration training = Calibrations.bundled().forChip(catalog.chip("chip", "mi300x"));
    assertThat(training.calibrated()).isFalse();
    assertThat(e.assumptions()).contains("GEMM and link constants for mi300x are not fitted to its own runs: " + training.note()
        + " (low confidence)");
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
    assertThat(c.inferenceFallback().prefillAttentionEfficiency(c.fallback(), 4096)).isEqualTo(0.50);
    assertThat(c.inferenceFallback().prefillAttentionEfficiency(c.fallback(), 32_000)).isEqualTo(0.50);
    chipmix.catalog.Chip h200Chip = CatalogLoader.bundled().chip("chip", "h200");
    InferenceCalibration h200 = c.inferenceFor(h200Chip);
    Calibration h200Training = c.forChip(h200Chip);
    assertThat(h200.prefillAttentionEfficiency()).isEmpty();
    assertThat(h200.prefillAttentionEfficiency(h200Training, 4096)).isEqualTo(h200Training.attentionEfficiency().value());
  }

  @Test
  void prefillAttentionEfficiency_ascend910b_growsWithThePromptAsCannsFusedAttentionMeasured() {
    Calibrations c = Calibrations.bundled();
    InferenceCalibration ascend = c.inferenceFor(InferenceFixtures.ascend910b());
    Calibration training = c.forChip(InferenceFixtures.ascend910b());
    double ceiling = ascend.prefillAttentionEfficiency().orElseThrow().value();
    double half = ascend.prefillAttentionHalfTokens().orElseThrow().value();
    // at the half length the kernel reaches half its ceiling; far beyond it, the ceiling
    assertThat(ascend.prefillAttentionEfficiency(training, half)).isCloseTo(ceiling / 2, within(1e-12));
    assertThat(ascend.prefillAttentionEfficiency(training, 1e9)).isCloseTo(ceiling, within(1e-4));
    // hw-native-sys/pto-isa kernels/manual/common/flash_atten/README.md, 910B2, torch_npu fused attention, S0 = S1:
    // 97.30 / 122.88 / 150.78 TFLOPS at 8K / 16K / 32K, against the catalog's 320 TFLOPS BF16
    double peak = 320;
    assertThat(ascend.prefillAttentionEfficiency(training, 8192)).isCloseTo(97.30 / peak, within(0.03 * 97.30 / peak));
    assertThat(ascend.prefillAttentionEfficiency(training, 16384)).isCloseTo(122.88 / peak, within(0.03 * 122.88 / peak));
    assertThat(ascend.prefillAttentionEfficiency(training, 32768)).isCloseTo(150.78 / peak, within(0.03 * 150.78 / peak));
    // shorter prompts are slower per FLOP than longer ones
    assertThat(ascend.prefillAttentionEfficiency(training, 2048)).isLessThan(ascend.prefillAttentionEfficiency(training, 4096));
  }
}
