package chipmix.benchmarks;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.catalog.Chip;
import chipmix.catalog.Confidence;
import chipmix.catalog.Spec;
import chipmix.model.ModelPresets;
import chipmix.perfmodel.Calibrations;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.Precision;
import chipmix.serving.CostAssumptions;
import chipmix.serving.Demand;
import chipmix.serving.Sizer;
import chipmix.serving.SizingResult;
import chipmix.units.Seconds;
import java.util.ArrayList;
import java.util.List;
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
 * One full {@code infer size} search, single thread, on the bundled catalog's H20, H100 and Ascend
 * 910B: Llama 3 70B colocated (3 chips), and DeepSeek-V3 disaggregated (3 chips plus 9 prefill/decode
 * pairs, a 400 Gb/s NIC assumed where the catalog gives none, up to 1,024-device replicas).
 *
 * <p>Run: {@code mvn -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar
 * ServingSizingBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ServingSizingBenchmark {
  @Param({"llama3-70b-colocated", "deepseek-v3-disaggregated"})
  public String scenario;

  Sizer.Request request;

  @Setup
  public void setup() {
    Catalog catalog = CatalogLoader.bundled();
    Calibrations cal = Calibrations.bundled();
    boolean dis = scenario.endsWith("disaggregated");
    List<InferenceDevice> devices = new ArrayList<>();
    for (String id : List.of("h20", "h100-sxm", "ascend-910b")) {
      Chip chip = catalog.chip("chip", id);
      Hardware hw = Hardware.of(chip, catalog.defaultSystemFor(chip).orElseThrow(), cal.forChip(chip));
      if (hw.scaleOutPerDevice().isEmpty()) {
        hw = hw.withScaleOutGbps(new Spec(400, 400, 400, List.of("benchmark assumption"), Confidence.LOW, ""));
      }
      devices.add(new InferenceDevice(hw, cal.inferenceFor(chip)));
    }
    String model = scenario.startsWith("llama3") ? "llama3-70b" : "deepseek-v3";
    request = new Sizer.Request(ModelPresets.find(model).orElseThrow(),
        new Demand(50, 2000, 500, Seconds.ofMillis(2000), Seconds.ofMillis(50)), Precision.FP8, Precision.FP8, devices,
        dis, CostAssumptions.DEFAULT);
  }

  @Benchmark
  public SizingResult size() {
    return Sizer.size(request);
  }
}
