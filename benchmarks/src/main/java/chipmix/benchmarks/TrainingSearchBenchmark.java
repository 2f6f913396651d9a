package chipmix.benchmarks;

import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Market;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.catalog.SystemSpec;
import chipmix.model.ModelPresets;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.TrainingCostModel;
import chipmix.perfmodel.TrainingOptions;
import chipmix.search.LayoutSearch;
import chipmix.search.Objective;
import chipmix.search.PartialLayout;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
    if (scenario.startsWith("llama3-405b")) {
      // H100 SXM5: 989.4 BF16, 1979 FP8, 80 GB, 3.35 TB/s, NVLink 900 GB/s, 400 Gb/s NIC per GPU (chips-and-rules A06)
      cost = new TrainingCostModel(ModelPresets.find("llama3-405b").orElseThrow(),
          hardware("h100-sxm", 989.4, 3.35, 900, Optional.of(400.0)), TrainingOptions.of(8192, 2048));
      devices = 16_384;
    } else {
      // H800 SXM5: 989.5 BF16, 1979 FP8, 80 GB, 3.35 TB/s, NVLink 400 GB/s (chips-and-rules A08); 400 Gb/s
      // InfiniBand per GPU as the DeepSeek-V3 report (arXiv 2412.19437 §3.1) describes its cluster.
      cost = new TrainingCostModel(ModelPresets.find("deepseek-v3").orElseThrow(),
          hardware("h800-sxm", 989.5, 3.35, 400, Optional.of(400.0)),
          TrainingOptions.of(4096, 15_360).withExpertOverlap(true)); // DualPipe overlaps the all-to-all (report §3.2.1)
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
    return LayoutSearch.search(cost, devices, PartialLayout.OPEN, 10, Objective.TIME);
  }

  static Hardware hardware(String id, double bf16, double hbmTbs, double nvlinkGbs, Optional<Double> nicGbps) {
    Map<Metric, Spec> specs = new EnumMap<>(Metric.class);
    specs.put(Metric.BF16, Spec.exact(bf16, "S01", Confidence.HIGH));
    specs.put(Metric.FP8, Spec.exact(1979, "S01", Confidence.HIGH));
    specs.put(Metric.MEMORY_CAPACITY, Spec.exact(80, "S01", Confidence.HIGH));
    specs.put(Metric.MEMORY_BANDWIDTH, Spec.exact(hbmTbs, "S01", Confidence.HIGH));
    specs.put(Metric.TDP, Spec.exact(700, "S01", Confidence.HIGH));
    Chip chip = new Chip(id, "NVIDIA", id, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), "US", Market.DATACENTER, specs, List.of("S01"), "");
    SystemSpec node = new SystemSpec(id + "-x8", id + " x8", id, 8, 8, Spec.exact(nvlinkGbs, "S01", Confidence.HIGH),
        nicGbps.map(g -> Spec.exact(g, "S01", Confidence.HIGH)), List.of("S01"), "");
    return Hardware.of(chip, node, Calibrations.bundled().forChip(chip));
  }
}
