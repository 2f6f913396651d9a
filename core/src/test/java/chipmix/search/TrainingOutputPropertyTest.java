package chipmix.search;

import chipmix.io.CleanJson;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue #16: no finite, in-range training question produces NaN, Infinity or a negative count in its JSON answer. */
class TrainingOutputPropertyTest {

  @Property(tries = 25, seed = "20261203")
  void trainEstimate_jsonHasOnlyFiniteNonNegativeCounts(@ForAll("models") String model, @ForAll("chips") String chip,
      @ForAll("devices") int devices, @ForAll("seqLens") int seqLen, @ForAll("batchPerDevice") int batchPerDevice) {
    TrainingInput in = TrainingInputTest.input(model, chip, devices, seqLen, (long) devices * batchPerDevice,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    try {
      TrainingEstimate e = TrainingEstimator.estimate(in.request(TrainingInputTest.CATALOG));
      CleanJson.assertClean(TrainingJson.estimate(e));
    } catch (InvalidInputException | InfeasibleException expected) {
      // a valid refusal (a model that fits nowhere, a chip without the precision) is an answer too
    }
  }

  @Provide
  Arbitrary<String> models() {
    return Arbitraries.of("llama3-8b", "llama3-70b", "qwen2.5-72b", "mixtral-8x7b", "gpt3-175b");
  }

  @Provide
  Arbitrary<String> chips() {
    return Arbitraries.of("h100-sxm", "h20", "ascend-910b", "a100-80gb-sxm", "b200", "mi300x");
  }

  @Provide
  Arbitrary<Integer> devices() {
    return Arbitraries.of(8, 16, 64, 256, 1024, 4096, 24, 96);
  }

  @Provide
  Arbitrary<Integer> seqLens() {
    return Arbitraries.of(1024, 2048, 4096, 8192, 32768);
  }

  @Provide
  Arbitrary<Integer> batchPerDevice() {
    return Arbitraries.integers().between(1, 8);
  }
}
