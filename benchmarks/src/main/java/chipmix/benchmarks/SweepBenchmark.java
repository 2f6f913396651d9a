package chipmix.benchmarks;

import chipmix.catalog.CatalogLoader;
import chipmix.io.Yaml;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines;
import chipmix.scenario.Planner;
import chipmix.scenario.ScenarioLoader;
import chipmix.scenario.engines.InferenceSizing;
import chipmix.scenario.engines.Planning;
import chipmix.scenario.engines.TrainingSearch;
import chipmix.sweep.Grid;
import chipmix.sweep.Row;
import chipmix.sweep.SharedAnswers;
import chipmix.sweep.SweepJob;
import chipmix.sweep.SweepReader;
import chipmix.sweep.SweepSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Plans per second of a sweep on one core (and on all cores), once the shared answers are warm: each call plans the
 * next point of the example sweep (axes applied to the scenario tree, the tree loaded and checked,
 * the plan made, a sample drawn, the row read off), cycling through the grid; and rows per second
 * of a sampled sweep, where a point's samples share its plan. The first pass over the grid (in
 * setup) asks every distinct training, serving and compliance question once; what is measured is
 * the per-plan work a large sweep repeats thousands of times.
 *
 * <p>Run from the repository root: {@code ./test -DskipTests && java -jar benchmarks/target/benchmarks.jar SweepBenchmark -wi 1 -i 2 -f 1}
 * (or {@code -p sweep=path/to/sweep.yaml}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@Fork(1)
@Threads(1)
public class SweepBenchmark {
  @Param("examples/bytedance-2025-sweep.yaml")
  public String sweep;

  SweepSpec spec;
  JsonNode tree;
  ScenarioLoader loader;
  Planner planner;
  SweepJob job;
  chipmix.scenario.Scenario example;
  List<Grid.Point> points;
  final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
  final java.util.concurrent.atomic.AtomicInteger nextRow = new java.util.concurrent.atomic.AtomicInteger();

  @Setup(Level.Trial)
  public void setUp() {
    Path file = Path.of(sweep);
    spec = SweepReader.read(Yaml.parseFile(file), "sweep");
    Path scenario = file.toAbsolutePath().getParent().resolve(spec.scenario());
    Planning planning = Planning.of(CatalogLoader.bundled(), List.of());
    loader = planning.loader();
    Engines engines = new SharedAnswers().wrap(planning.engines(), () -> new TrainingSearch(Calibrations.bundled()),
        () -> new InferenceSizing(Calibrations.bundled()));
    planner = new Planner(planning.planCatalog(), engines, m -> {});
    tree = Yaml.parseFile(scenario);
    job = freshJob();
    points = Grid.expand(spec.axes());
    points.forEach(p -> job.run(p, 0));
    example = loader.load(tree, "scenario");
    planner.plan(example, java.util.Optional.empty());
  }

  /** A job with no point planned yet (its own empty memo of point plans), sharing the warm model answers. */
  private SweepJob freshJob() {
    return new SweepJob(spec, (ObjectNode) tree, t -> loader.load(t, "scenario"), planner::planWithoutFallback,
        planner::draw, "benchmark");
  }

  /**
   * One whole plan of a point as a sweep makes it (axes applied, scenario loaded and checked,
   * planned, one Monte Carlo draw, the row read off), warm model answers, one thread: what the
   * issue's 0.4 s per plan compares with. A sweep's plan has no at-risk fallback plan (no row reads
   * it, {@code Planner.planWithoutFallback}); {@link #planScenarioWarm} is the full plan.
   */
  @Benchmark
  public Row planOnePointWarm() {
    return freshJob().run(points.get(Math.floorMod(next.getAndIncrement(), points.size())), 0);
  }

  /**
   * The bundled example's base scenario planned as {@code chipmix plan --variant base} plans it, the
   * second plan without the at-risk deliveries included, warm model answers, one thread.
   */
  @Benchmark
  public chipmix.scenario.Plan planScenarioWarm() {
    return planner.plan(example, java.util.Optional.empty());
  }

  /** The same on every processor at once (the score is the sum over threads). */
  @Benchmark
  @Threads(Threads.MAX)
  public Row planOnePointWarmAllCores() {
    return freshJob().run(points.get(Math.floorMod(next.getAndIncrement(), points.size())), 0);
  }

  /**
   * One row of a sampled sweep once its point is planned: a Monte Carlo draw of the point's plan
   * (what most of a sweep with many samples per point is), one thread.
   */
  @Benchmark
  public Row sampleRowWarm() {
    int i = nextRow.getAndIncrement();
    return job.run(points.get(Math.floorMod(i, points.size())), Math.floorMod(i / points.size(), 1000));
  }
}
