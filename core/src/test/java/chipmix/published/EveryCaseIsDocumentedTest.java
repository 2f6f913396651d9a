package chipmix.published;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.perfmodel.InferenceValidation;
import org.junit.jupiter.api.Test;

/**
 * Every bundled case says where it comes from (source), what it was used for (role), which family it is held out
 * with (family) and what was assumed to run it (note): a reader must be able to check a case without the code.
 */
class EveryCaseIsDocumentedTest {

  @Test
  void everyTrainingCase_hasASourceARoleAFamilyAndANote() {
    assertThat(PublishedCases.bundled()).isNotEmpty().allSatisfy(c -> {
      TrainingCase t = (TrainingCase) c;
      assertThat(t.source()).as(t.id() + " source").isNotBlank();
      assertThat(t.role()).as(t.id() + " role").isNotNull();
      assertThat(t.family()).as(t.id() + " family").isNotBlank();
      assertThat(t.note()).as(t.id() + " note").isNotBlank();
    });
  }

  @Test
  void everyInferenceCase_hasASourceARoleAFamilyAndANote() {
    assertThat(InferenceValidation.bundledCases()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.source()).as(c.id() + " source").isNotBlank();
      assertThat(c.role()).as(c.id() + " role").isNotBlank();
      assertThat(c.family()).as(c.id() + " family").isNotBlank();
      assertThat(c.note()).as(c.id() + " note").isNotBlank();
    });
  }
}
