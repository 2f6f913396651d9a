package chipmix.perfmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import chipmix.catalog.Chip;
import chipmix.model.ModelPresets;
import chipmix.model.TransformerModel;
import chipmix.units.Seconds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Invariants of every estimate, over models x chips x every candidate layout, with seeded random request shapes. */
class InferenceInvariantsTest {
  static final List<String> MODELS = List.of("llama3-8b", "llama3-70b", "mixtral-8x7b", "deepseek-v3", "pangu-pro-moe");
  static final List<Chip> CHIPS = List.of(InferenceFixtures.h20(), InferenceFixtures.h100(), InferenceFixtures.ascend910b());

  @TestFactory
  Stream<DynamicTest> estimate_invariantsHoldForEveryLayout() {
    Random random = new Random(20261128L);
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : MODELS) {
      TransformerModel m = ModelPresets.find(name).orElseThrow();
      for (Chip chip : CHIPS) {
        InferenceDevice dev = InferenceFixtures.deviceWithScaleOut(chip);
        int prompt = 1 + random.nextInt(8000);
        int output = 1 + random.nextInt(2000);
        Precision weights = Precision.values()[random.nextInt(Precision.values().length)];
        Workload w = new Workload(prompt, output, weights, random.nextBoolean() ? Precision.BF16 : Precision.FP8);
        tests.add(DynamicTest.dynamicTest(name + " on " + chip.id() + " " + w, () -> check(dev, m, w)));
      }
    }
    return tests.stream();
  }

  private static void check(InferenceDevice dev, TransformerModel m, Workload w) {
    for (ServingLayout l : InferenceModel.candidateLayouts(m, dev.hardware())) {
      int max = InferenceModel.maxBatch(dev, m, l, w);
      if (max < 1) {
        continue;
      }
      InferenceEstimate e = InferenceModel.estimate(dev, m, l, w, new BatchChoice.MaxMemory());
      String at = l + " " + w;
      assertThat(e.batch()).as(at).isEqualTo(max);
      assertThat(e.memoryPerDevice().bytes()).as(at).isLessThanOrEqualTo(e.deviceMemory().bytes() * (1 + 1e-9));
      assertThat(e.tpot().seconds()).as(at).isGreaterThanOrEqualTo(e.decodeStep().seconds());
      assertThat(e.decodeTokensPerSecondPerDevice() * l.devices() * e.decodeStep().seconds()).as(at)
          .isCloseTo(e.batch(), withPercentage(1e-6));
      StepTime d = e.decodeTerms();
      assertThat(d.total().seconds()).as(at).isGreaterThanOrEqualTo(
          Math.max(d.compute().seconds(), Math.max(d.memory().seconds(), d.allToAll().seconds())));
      // a larger batch never shortens a step
      StepTime one = InferenceModel.decodeStep(dev, m, l, w, 1);
      assertThat(d.total().seconds()).as(at).isGreaterThanOrEqualTo(one.total().seconds());
      // the TPOT-target batch meets its target
      Seconds target = e.tpot();
      InferenceEstimate t = InferenceModel.estimate(dev, m, l, w, new BatchChoice.TpotTarget(target));
      assertThat(t.tpot().seconds()).as(at).isLessThanOrEqualTo(target.seconds() * (1 + 1e-12));
    }
  }
}
