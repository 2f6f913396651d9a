package chipmix.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.io.Yaml;
import chipmix.perfmodel.Calibrations;
import chipmix.published.PublishedCase;
import org.junit.jupiter.api.Test;

class FitSpecsTest {
  @Test
  void bundled_coversEveryConstant_andFitsOnlyFitRole() {
    FitSpec spec = FitSpecs.bundled();
    assertThat(spec.constants()).extracting(FitSpec.Constant::key).containsExactlyElementsOf(Calibrations.CONSTANTS);
    assertThat(spec.fitRoles()).containsExactly(PublishedCase.Role.FIT);
    assertThat(spec.constants()).allSatisfy(c -> assertThat(c.grid()).contains(c.start()));
  }

  @Test
  void parse_badKeysAndValues_listsEveryProblemWithItsPath() {
    String yaml = """
        loss: rmse
        fit_roles: [fitt]
        rounds: 0
        constants: {}
        chips:
          - chip: h100-sxm
            held: [scale_out_latency]
        """;
    assertThatThrownBy(() -> FitSpecs.parse(Yaml.parse(yaml, "fit.yaml"), "fit.yaml"))
        .hasMessageContaining("loss").hasMessageContaining("mean_abs_error")
        .hasMessageContaining("fit_roles").hasMessageContaining("'fitt' is not a role")
        .hasMessageContaining("rounds")
        .hasMessageContaining("constants.gemm_max_efficiency").hasMessageContaining("is required")
        .hasMessageContaining("chips[0].held").hasMessageContaining("did you mean 'scale_out_latency_us'");
  }

  @Test
  void parse_badBenchmarks_listsEveryProblemWithItsPath() {
    String bundled = new String(readBundled(), java.nio.charset.StandardCharsets.UTF_8);
    String anchor = "  - chip: mi325x\n    benchmarks:\n";
    assertThat(bundled).contains(anchor);
    String spec = bundled.replace(anchor, anchor
        + "      attention_efficiency: {value: 1.5, source: \"x\"}\n"
        + "      memory_efficiency: {value: 0.5, source: \" \"}\n"
        + "      gemm_half_dim: {value: 0.5, source: \"a half-size is not a fraction of the peak\"}\n");
    assertThatThrownBy(() -> FitSpecs.parse(Yaml.parse(spec, "fit.yaml"), "fit.yaml"))
        .hasMessageContaining("benchmarks.attention_efficiency.value").hasMessageContaining("(0, 1], got 1.5")
        .hasMessageContaining("benchmarks.memory_efficiency.source")
        .hasMessageContaining("gemm_half_dim");
  }

  @Test
  void bundled_benchmarks_areFractionsWithSources_andTheTwoFittedChipsHaveGemmAndAttention() {
    FitSpec spec = FitSpecs.bundled();
    for (String chip : java.util.List.of("a100-80gb-sxm", "h100-sxm")) {
      FitSpec.ChipFit cf = spec.chips().stream().filter(c -> c.chip().equals(chip)).findFirst().orElseThrow();
      assertThat(cf.benchmarks()).containsKeys("gemm_max_efficiency", "attention_efficiency");
    }
    // the A100's held fused attention is its benchmark (FlashAttention-2, 50% x 3/3.5)
    FitSpec.ChipFit a100 = spec.chips().stream().filter(c -> c.chip().equals("a100-80gb-sxm")).findFirst().orElseThrow();
    assertThat(a100.benchmarks().get("attention_efficiency").value()).isCloseTo(0.50 * 3 / 3.5, org.assertj.core.data.Offset.offset(0.005));
    assertThat(a100.start().get("attention_efficiency")).isEqualTo(a100.benchmarks().get("attention_efficiency").value());
  }

  private static byte[] readBundled() {
    try (var in = FitSpecsTest.class.getResourceAsStream(FitSpecs.RESOURCE)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
