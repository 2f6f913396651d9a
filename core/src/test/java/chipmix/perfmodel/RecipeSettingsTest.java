package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.io.Yaml;
import chipmix.validation.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The grouped recipe settings: each group validates itself, and changing one setting leaves every other one alone. */
class RecipeSettingsTest {
  final RecipeSettings bridge = Recipes.bundled().find("megatron-bridge-2025").orElseThrow().settings();

  @Test
  void parallelism_withoutAnySharding_isRejected() {
    assertThatThrownBy(() -> new RecipeSettings.Parallelism(PipelineSchedule.ONE_F_ONE_B, false, Set.of(), false, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one sharding");
  }

  @Test
  void parse_badTpOverlapKindOrFp8AllGather_isAnErrorNamingTheFieldAndTheAcceptedValues() {
    String bundled;
    try (InputStream in = RecipeSettingsTest.class.getResourceAsStream(Recipes.RESOURCE)) {
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String kind = "tp_overlap: {value: micro-pipeline,";
    String fp8 = "tp_fp8_all_gather: {value: true,";
    assertThat(bundled).contains(kind).contains(fp8);
    String yaml = bundled.replace(kind, "tp_overlap: {value: async,").replace(fp8, "tp_fp8_all_gather: {value: \"yes\",");
    assertThatThrownBy(() -> Recipes.parse(Yaml.parse(yaml, "recipes.yaml")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.issues()).extracting(i -> i.path())
            .anySatisfy(p -> assertThat(p).endsWith("].tp_overlap"))
            .anySatisfy(p -> assertThat(p).endsWith("].tp_fp8_all_gather")))
        .hasMessageContaining(TpOverlap.choices()).hasMessageContaining("true or false");
  }

  @Test
  void groups_rejectAMissingChoice() {
    assertThatThrownBy(() -> new RecipeSettings.Communication(true, true, TpOverlap.USERBUFFERS, false, null))
        .hasMessageContaining("dpBucketing");
    assertThatThrownBy(() -> new RecipeSettings.Communication(true, true, null, false, DpBucketing.PER_LAYER))
        .hasMessageContaining("tpOverlap");
    assertThatThrownBy(() -> new RecipeSettings.ExpertComm(true, true, null)).hasMessageContaining("dispatchPrecision");
    assertThatThrownBy(() -> new RecipeSettings.Numerics(null, Fp8Recipe.DELAYED, MomentPrecision.FP32,
        Fp8ActivationCache.GEMM_INPUTS, false)).hasMessageContaining("gradientPrecision");
    assertThatThrownBy(() -> new RecipeSettings.Kernels(true, true, false, null, ElementwiseKernels.FUSED, false))
        .hasMessageContaining("selectiveRecompute");
  }

  @Test
  void withFlashAttentionOff_dropsCausalSkip_andTouchesNoOtherGroup() {
    assertThat(bridge.kernels().causalSkip()).isTrue(); // recipes.yaml: megatron-bridge-2025 runs fused causal attention
    RecipeSettings unfused = bridge.with(bridge.kernels().withFlashAttention(false));
    assertThat(unfused.kernels().flashAttention()).isFalse();
    assertThat(unfused.kernels().causalSkip()).isFalse(); // an unfused kernel materialises every score block
    assertThat(unfused.kernels().elementwise()).isEqualTo(bridge.kernels().elementwise());
    assertThat(unfused.with(bridge.kernels())).isEqualTo(bridge);
  }

  @Test
  void noOverrides_leaveTheRecipeAsItIs() {
    assertThat(SettingOverrides.NONE.apply(bridge)).isEqualTo(bridge);
  }
}
