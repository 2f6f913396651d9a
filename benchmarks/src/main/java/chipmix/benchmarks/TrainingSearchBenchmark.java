package chipmix.benchmarks;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.model.ModelPresets;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.HardwareProfiles;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.TrainingCostModel;
import chipmix.perfmodel.Recipe;
import chipmix.perfmodel.Recipes;
import chipmix.perfmodel.SettingOverrides;
import chipmix.perfmodel.TrainingOptions;
import chipmix.search.LayoutSearch;
import chipmix.search.PartialLayout;
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
    // Each under the chip vendor's default recipe (NVIDIA: megatron-bridge-2025), as a user gets it.
    Recipe nvidia = Recipes.bundled().defaultFor("NVIDIA");
    if (scenario.startsWith("llama3-405b")) {
      cost = new TrainingCostModel(ModelPresets.find("llama3-405b").orElseThrow(),
          HardwareProfiles.resolve(catalog, "h100-sxm", Optional.empty()),
          TrainingOptions.of(8192, 2048, nvidia, SettingOverrides.NONE));
      devices = 16_384;
    } else {
      // The catalog's H800 network figure (400 Gb/s InfiniBand per GPU, DeepSeek-V3 report §3.1); FP8 GEMMs and FP8
      // dispatch (§3.3) on top of the recipe's overlapped, node-deduplicated all-to-all.
      Hardware h800 = HardwareProfiles.resolve(catalog, "h800-sxm", Optional.empty());
      cost = new TrainingCostModel(ModelPresets.find("deepseek-v3").orElseThrow(), h800,
          TrainingOptions.of(4096, 15_360, nvidia, SettingOverrides.NONE).withPrecision(Precision.FP8)
              .withExpertComm(true, true, Precision.FP8));
      devices = 2_048;
    }
    LayoutSearch.Result r = search();
    System.out.printf("%n[%s] evaluated %d layouts, fully costed %d (the rest pruned by model-state memory first), %d feasible;"
        + " best %s%n", scenario, r.evaluated(), r.evaluated() - r.prunedByMemory(), r.feasible(),
        r.best().isEmpty() ? "none" : r.best().get(0).layout());
  }

  @Benchmark
  public LayoutSearch.Result fullSearch() {
    return search();
  }

  private LayoutSearch.Result search() {
    return LayoutSearch.search(cost, devices, PartialLayout.OPEN, 10);
  }
}
