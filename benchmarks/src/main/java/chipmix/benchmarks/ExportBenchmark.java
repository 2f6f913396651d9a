package chipmix.benchmarks;

import chipmix.catalog.Catalog;
import chipmix.catalog.CatalogLoader;
import chipmix.catalog.Chip;
import chipmix.exportcontrol.Determination;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.Request;
import java.time.LocalDate;
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
 * Cost of export answers: one {@code determine}, one {@code timeline} and a full matrix (every
 * catalog chip by the 14 default destinations), on the bundled rules and catalog.
 *
 * <p>Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar ExportBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExportBenchmark {
  @Param({"h20", "tpu-v4"})
  public String chipId;

  public ExportControl engine;
  public Catalog catalog;
  public Chip chip;
  public LocalDate date = LocalDate.of(2026, 3, 1);
  public List<String> destinations =
      List.of("CN", "HK", "MO", "RU", "AE", "SA", "VN", "MY", "SG", "IN", "IL", "DE", "JP", "US");

  @Setup
  public void setUp() {
    engine = ExportControl.bundled();
    catalog = CatalogLoader.bundled();
    chip = catalog.chip("chip", chipId);
  }

  @Benchmark
  public Determination determine() {
    return engine.determine(Request.of(chip, "CN", date));
  }

  @Benchmark
  public List<ExportControl.TimelineEntry> timeline() {
    return engine.timeline(Request.of(chip, "CN", date), date);
  }

  @Benchmark
  public ExportControl.Matrix matrixAllChips() {
    return engine.matrix(catalog.chips(), destinations, Optional.empty(), "US", List.of(), date);
  }
}
