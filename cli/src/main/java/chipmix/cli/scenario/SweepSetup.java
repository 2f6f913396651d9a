package chipmix.cli.scenario;

import chipmix.catalog.CatalogLoader;
import chipmix.io.Yaml;
import chipmix.perfmodel.Calibrations;
import chipmix.scenario.Engines;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.engines.InferenceSizing;
import chipmix.scenario.engines.Planning;
import chipmix.scenario.engines.TrainingSearch;
import chipmix.sweep.Axis;
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

/**
 * How a sweep's job and its CSV columns are made from the files, the same on the machine that
 * read them and on a cluster's workers (which get the files' texts in {@link SweepInputs}).
 */
public final class SweepSetup {
  private SweepSetup() {}

  /** The job: the planner with shared answers, the sampler, the base tree. */
  static SweepJob job(SweepSpec sweep, JsonNode baseTree, String scenarioName, Planning planning, String fingerprint) {
    SharedAnswers answers = new SharedAnswers();
    Engines engines = answers.wrap(planning.engines(), () -> new TrainingSearch(Calibrations.bundled()),
        () -> new InferenceSizing(Calibrations.bundled()));
    Planner planner = new Planner(planning.planCatalog(), engines, m -> {});
    var loader = planning.loader();
    return new SweepJob(sweep, (ObjectNode) baseTree, t -> loader.load(t, scenarioName),
        planner::planWithoutFallback, planner::draw, fingerprint);
  }

  /** The CSV columns: the axes, then the runs and demands of the scenario as planned (the variant applied). */
  static SweepCsv csv(SweepSpec sweep, Scenario base) {
    Scenario planned = sweep.variant().map(v -> base.apply(base.variant(v).orElseThrow())).orElse(base);
    return new SweepCsv(sweep.axes().stream().map(Axis::name).toList(),
        planned.training().stream().map(Scenario.TrainingRun::id).toList(),
        planned.serving().stream().map(Scenario.ServingDemand::id).toList(), sweep.keep());
  }

  /** A job rebuilt on a worker, with its CSV columns. */
  public record Rebuilt(SweepJob job, SweepCsv csv) {
    /** The CSV line of task {@code point * samples + sample}. */
    public String line(long task) {
      int samples = job.spec().samples();
      Grid.Point p = Grid.point(job.spec().axes(), Math.toIntExact(task / samples));
      Row row = job.run(p, (int) (task % samples));
      return csv.line(row);
    }
  }

  /**
   * Rebuilds the job from the files' texts (already checked on the driver). Throws when this
   * machine's data (catalog, calibration, rules) differ from the driver's: its rows would not be
   * the same sweep.
   */
  public static Rebuilt rebuild(SweepInputs in) {
    SweepSpec sweep = SweepReader.read(Yaml.parse(in.sweepText(), "sweep"), in.sweepName());
    List<Path> catalogFiles = in.catalogFiles().stream().map(Path::of).toList();
    Planning planning = Planning.of(CatalogLoader.load(catalogFiles), catalogFiles);
    Scenario base = planning.loadText(in.scenarioText(), in.scenarioName());
    String fingerprint = SweepCommand.fingerprint(in.scenarioText(), sweep, planning);
    if (!fingerprint.equals(in.fingerprint())) {
      throw new IllegalStateException("this worker's scenario, catalog, calibration or rule data differ from the driver's"
          + " (as of here: " + planning.asOf() + "); give every worker the same chipmix job jar, --catalog files and"
          + " $CHIPMIX_HOME");
    }
    JsonNode tree = Yaml.parse(in.scenarioText(), in.scenarioName());
    return new Rebuilt(job(sweep, tree, base.name(), planning, fingerprint), csv(sweep, base));
  }
}
