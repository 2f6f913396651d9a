package chipmix.serving;

import chipmix.io.CleanJson;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Issue #16: no finite, in-range serving question produces NaN, Infinity or a negative count in
 * its JSON answer; demands up to the documented 1e9 requests/s either size within the device cap
 * or have no answer.
 */
class ServingOutputPropertyTest {

  @Property(tries = 40, seed = "20261203")
  void inferSize_jsonHasOnlyFiniteNonNegativeCounts(@ForAll("models") String model,
      @ForAll @LongRange(min = 1, max = 32_000) long prompt, @ForAll("demands") double rps,
      @ForAll @DoubleRange(min = 5, max = 500) double tpotMs, @ForAll("chipSets") List<String> chips) {
    try {
      SizingResult r = ServingInputTest.sizing(model, prompt, Optional.of(400.0), Optional.of(rps), tpotMs, chips)
          .size(ServingInputTest.CATALOG);
      CleanJson.assertClean(ServingJson.size(r));
    } catch (InvalidInputException | InfeasibleException expected) {
      // no candidate meets the targets, or the demand needs more than the device cap: an answer too
    }
  }

  @Property(tries = 30, seed = "20261203")
  void inferEstimate_jsonHasOnlyFiniteNonNegativeCounts(@ForAll("models") String model, @ForAll("chips") String chip,
      @ForAll("replicaDevices") Optional<Integer> devices, @ForAll("batches") Optional<Integer> batch) {
    try {
      EstimateInput.Result r = ServingInputTest.estimate(model, chip, Optional.empty(), devices, Optional.empty(), batch)
          .estimate(ServingInputTest.CATALOG);
      CleanJson.assertClean(ServingJson.estimate(r.estimate(), r.device(), r.range()));
    } catch (InvalidInputException | InfeasibleException expected) {
      // a model that does not fit the replica is an answer too
    }
  }

  @Provide
  Arbitrary<String> models() {
    return Arbitraries.of("llama3-8b", "llama3-70b", "qwen2.5-72b", "mixtral-8x7b", "deepseek-v3");
  }

  @Provide
  Arbitrary<String> chips() {
    return Arbitraries.of("h100-sxm", "h20", "ascend-910b", "b200", "mi300x", "rtx-4090");
  }

  @Provide
  Arbitrary<List<String>> chipSets() {
    return chips().list().ofMinSize(1).ofMaxSize(3).uniqueElements();
  }

  @Provide
  Arbitrary<Double> demands() {
    // log-uniform from 0.001 to the documented maximum of 1e9 requests/s
    return Arbitraries.doubles().between(-3, 9).map(e -> Math.pow(10, e));
  }

  @Provide
  Arbitrary<Optional<Integer>> replicaDevices() {
    return Arbitraries.of(1, 2, 4, 8, 16).optional();
  }

  @Provide
  Arbitrary<Optional<Integer>> batches() {
    return Arbitraries.integers().between(1, 4096).optional();
  }
}
