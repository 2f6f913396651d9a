package chipmix.published;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckedExpertLayoutsTest {
  @Test
  void widest_isTheBundledMoeRunWithTheMostExpertsPerDevice() {
    List<TrainingCase> cases = PublishedCases.bundled().stream().map(TrainingCase.class::cast).toList();
    CheckedExpertLayouts.Widest w = CheckedExpertLayouts.widest(cases, ModelPresets::find).orElseThrow();
    // derived from the cases themselves: no MoE case with a stated ep holds more experts per device
    for (TrainingCase c : cases) {
      if (c.layout().ep().isPresent()) {
        ModelPresets.find(c.model()).flatMap(TransformerModel::moe)
            .ifPresent(m -> assertThat(m.experts() / c.layout().ep().get()).as(c.id()).isLessThanOrEqualTo(w.localExperts()));
      }
    }
    TrainingCase widest = cases.stream().filter(c -> c.id().equals(w.caseId())).findFirst().orElseThrow();
    assertThat(w.localExperts()).isEqualTo(ModelPresets.find(widest.model()).flatMap(TransformerModel::moe).orElseThrow().experts()
        / widest.layout().ep().orElseThrow());
  }

  @Test
  void widest_withoutMoeCases_isEmpty() {
    List<TrainingCase> dense = PublishedCases.bundled().stream().map(TrainingCase.class::cast)
        .filter(c -> ModelPresets.find(c.model()).flatMap(TransformerModel::moe).isEmpty()).toList();
    assertThat(dense).isNotEmpty();
    assertThat(CheckedExpertLayouts.widest(dense, ModelPresets::find)).isEmpty();
  }

  @Test
  void beyondBundled_flagsOnlyLayoutsWithMoreExpertsPerDeviceThanTheWidestCheckedRun() {
    List<TrainingCase> cases = PublishedCases.bundled().stream().map(TrainingCase.class::cast).toList();
    CheckedExpertLayouts.Widest w = CheckedExpertLayouts.widest(cases, ModelPresets::find).orElseThrow();
    TransformerModel deepseek = ModelPresets.find("deepseek-v3").orElseThrow();
    int experts = deepseek.moe().orElseThrow().experts();

    // every expert on one device (ep 1) is beyond any checked run; the widest run's own count is not
    assertThat(CheckedExpertLayouts.beyondBundled(deepseek, 1)).contains(new CheckedExpertLayouts.Beyond(experts, w));
    assertThat(CheckedExpertLayouts.beyondBundled(deepseek, experts / w.localExperts())).isEmpty();
    assertThat(CheckedExpertLayouts.beyondBundled(ModelPresets.find("llama3-70b").orElseThrow(), 1)).isEmpty();
  }
}
