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
}
