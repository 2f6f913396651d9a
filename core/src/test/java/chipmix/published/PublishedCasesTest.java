package chipmix.published;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chipmix.io.Yaml;
import chipmix.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

class PublishedCasesTest {
  static String caseYaml(String id, String role, String family, String chip, String extra) {
    return """
          - id: %s
            kind: training
            source: "test"
            role: %s
            family: %s
            model: llama3-8b
            chip: %s
            devices: 8
            seq_len: 8192
            global_batch: 16
            metric: tokens_per_s_per_device
            published: 1000
            tolerance: 0.2
        %s""".formatted(id, role, family, chip, extra);
  }

  static void parse(String cases) {
    PublishedCases.parse(Yaml.parse("cases:\n" + cases, "test.yaml"), "test.yaml");
  }

  @Test
  void parse_roleFamilyAndRecipe_areRead() {
    var c = (TrainingCase) PublishedCases.parse(Yaml.parse("cases:\n"
        + caseYaml("a", "selection", "torchtitan-h100", "h100-sxm", "    recipe: torchtitan\n"), "t"), "t").get(0);
    assertThat(c.role()).isEqualTo(PublishedCase.Role.SELECTION);
    assertThat(c.family()).isEqualTo("torchtitan-h100");
    assertThat(c.recipe()).contains("torchtitan");
  }

  @Test
  void parse_badRoleFamilyAndRecipe_listsEveryProblemWithItsPath() {
    assertThatThrownBy(() -> parse(caseYaml("a", "holdot", "TorchTitan H100", "h100-sxm", "    recipe: torchtitn\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cases[0].role").hasMessageContaining("did you mean 'holdout'")
        .hasMessageContaining("cases[0].family").hasMessageContaining("lower-case words joined by hyphens")
        .hasMessageContaining("cases[0].recipe").hasMessageContaining("torchtitan");
  }

  @Test
  void parse_missingFamily_isRequired() {
    String noFamily = caseYaml("a", "fit", "x", "h100-sxm", "").replace("    family: x\n", "");
    assertThatThrownBy(() -> parse(noFamily)).hasMessageContaining("cases[0].family").hasMessageContaining("is required");
  }

  @Test
  void parse_familyOnTwoChipsOrDuplicateId_isRejected() {
    assertThatThrownBy(() -> parse(caseYaml("a", "fit", "f", "h100-sxm", "") + caseYaml("a", "fit", "f", "a100-80gb-sxm", "")))
        .hasMessageContaining("cases[1].id").hasMessageContaining("used by an earlier case")
        .hasMessageContaining("cases[1].family").hasMessageContaining("already holds cases on h100-sxm");
  }
}
