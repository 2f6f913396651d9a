package chipmix.cli.scenario;

import chipmix.cli.CatalogOptions;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.engines.Planning;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The CLI's access to the planner wiring in the core ({@link Planning}: catalog plus
 * {@code --catalog} files, export control, training search, inference sizing, as-of data), with
 * progress lines on stderr and report files.
 */
final class ScenarioSupport {
  private final Planning planning;
  private final PrintWriter progress;

  private ScenarioSupport(Planning planning, PrintWriter progress) {
    this.planning = planning;
    this.progress = progress;
  }

  /** {@code progress} receives progress lines (null for none). */
  static ScenarioSupport of(CatalogOptions options, PrintWriter progress) {
    return new ScenarioSupport(Planning.of(options.catalog(), options.files()), progress);
  }

  Scenario load(Path file) {
    return planning.load(file);
  }

  Planner planner() {
    return planning.planner(this::progress);
  }

  void progress(String line) {
    if (progress != null) {
      progress.println("chipmix: " + line);
      progress.flush();
    }
  }

  /** Goal-seeking over this catalog and engines ({@code plan --solve}). */
  chipmix.scenario.GoalSeek goalSeek() {
    return new chipmix.scenario.GoalSeek(planner(), planning.catalog(), planning.engines().compliance());
  }

  chipmix.catalog.Catalog catalog() {
    return planning.catalog();
  }

  /** Writes a report file; failures are I/O errors (exit code 1) naming the file. */
  static void write(Path file, String text) {
    chipmix.cli.OutputFiles.write(file, text);
  }

}
