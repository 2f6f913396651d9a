package chipmix.benchmarks;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import chipmix.model.ModelPresets;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.TrainingCostModel;
import chipmix.perfmodel.TrainingOptions;
import chipmix.search.LayoutSearch;
import chipmix.search.PartialLayout;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full layout search, single thread: Llama 3 405B on 16,384 H100 (sequence 8192, 2048
 * sequences per batch) and DeepSeek-V3 on 2,048 H800 (sequence 4096, 15,360 sequences, the
 * DeepSeek-V3 report's batch of 15,360 sequences of 4K tokens). Layouts per second = the
 * {@code evaluated} count printed at setup divided by the time per search.
 *
 * <p>Run: {@code mvn -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar
 * TrainingSearchBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainingSearchBenchmark {
  @Param({"llama3-405b@16384xh100", "deepseek-v3@2048xh800"})
  public String scenario;

  TrainingCostModel cost;
  long devices;

  @Setup
  public void setup() {
    // Chip and system figures come from the bundled catalog (the product's single source of truth).
    Catalog catalog = CatalogLoader.bundled();
    if (scenario.startsWith("llama3-405b")) {
      cost = new TrainingCostModel(ModelPresets.find("llama3-405b").orElseThrow(),
          HardwareProfiles.resolve(catalog, "h100-sxm", Optional.empty()), TrainingOptions.of(8192, 2048));
      devices = 16_384;
    } else {
      // The catalog has no scale-out figure for H800 systems: 400 Gb/s InfiniBand per GPU as the
      // DeepSeek-V3 report (arXiv 2412.19437 §3.1) describes its cluster. DualPipe overlap (§3.2.1),
      // node-deduplicated dispatch (§3.2.2), FP8 dispatch (§3.3.2), as the validation case uses.
      Hardware h800 = HardwareProfiles.resolve(catalog, "h800-sxm", Optional.empty())
          .withScaleOutGbps(new Spec(400, 400, 400, List.of("DeepSeek-V3 report §3.1"), Confidence.MEDIUM, "400 Gb/s IB per GPU"));
      cost = new TrainingCostModel(ModelPresets.find("deepseek-v3").orElseThrow(), h800,
          TrainingOptions.of(4096, 15_360).withPrecision(Precision.FP8).withExpertComm(true, true, Precision.FP8));
      devices = 2_048;
    }
    LayoutSearch.Result r = search();
    System.out.printf("%n[%s] evaluated %d layouts, %d feasible, pruned early %d; best %s%n", scenario, r.evaluated(),
        r.feasible(), r.prunedByMemory(), r.best().isEmpty() ? "none" : r.best().get(0).layout());
  }

  @Benchmark
  public LayoutSearch.Result fullSearch() {
    return search();
  }

  private LayoutSearch.Result search() {
    return LayoutSearch.search(cost, devices, PartialLayout.OPEN, 10);
  }
}
