package chipmix.benchmarks;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.exportcontrol.ExportControl;
import chipmix.model.ModelPresets;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines;
import chipmix.scenario.Plan;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.ScenarioLoader;
import chipmix.scenario.engines.ExportCompliance;
import chipmix.scenario.engines.InferenceSizing;
import chipmix.scenario.engines.TrainingSearch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@code chipmix plan} takes on a scenario: the base plan and every variant (with the
 * fallback plans), with fresh engines (cold: every training search and serving sizing runs) and
 * with warm engine caches (the planner's own work plus the export engine).
 *
 * <p>Run from the repository root: {@code ./test -DskipTests && java -jar benchmarks/target/benchmarks.jar PlannerBenchmark}
 * (or {@code -p scenario=path/to/file.yaml}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlannerBenchmark {
  @Param("examples/bytedance-2025.yaml")
  public String scenario;

  Catalog catalog;
  Scenario loaded;
  Engines warm;
  Plan base;

  @Setup(Level.Trial)
  public void setUp() {
    catalog = CatalogLoader.bundled();
    loaded = new ScenarioLoader(catalog, ModelPresets.names()).load(Path.of(scenario));
    warm = engines();
    new Planner(catalog, warm, m -> {}).planAll(loaded);
    base = new Planner(catalog, warm, m -> {}).plan(loaded, java.util.Optional.empty());
  }

  Engines engines() {
    return new Engines(new ExportCompliance(ExportControl.bundled()), new TrainingSearch(Calibrations.bundled()),
        new InferenceSizing(Calibrations.bundled()), Map.of());
  }

  /** Fresh engines: what one {@code chipmix plan} run costs after start-up. */
  @Benchmark
  public List<Plan> planAllCold() {
    return new Planner(catalog, engines(), m -> {}).planAll(loaded);
  }

  /** 1,000 Monte Carlo samples of the base plan (all cores; {@code plan --samples 1000} adds this per plan). */
  @Benchmark
  public chipmix.scenario.MonteCarlo.Outlook sample1000() {
    return chipmix.scenario.MonteCarlo.sample(loaded, base, catalog, 1000, 1);
  }

  /** Engines with their caches filled: the planner's own work. */
  @Benchmark
  public List<Plan> planAllWarm() {
    return new Planner(catalog, warm, m -> {}).planAll(loaded);
  }
}
