package chipmix.cli.scenario;

import chipmix.cli.OutputFormat;

import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFiles;
import chipmix.scenario.Plan;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.report.HtmlReport;
import chipmix.scenario.report.JsonReport;
import chipmix.scenario.report.TextReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chipmix plan FILE}: a scenario file in, a dated plan and report out. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    header = "Plan a scenario: capacity over time, compliance of orders, training finish dates, serving, cost.",
    description = {
      "Reads a scenario file (organisation, fleet, orders, training runs, serving demand, settings,",
      "variants; see docs/scenarios.md) and prints the plan: a summary first, then per training run,",
      "order (with the export-control finding for every delivery), serving demand, capacity and cost",
      "by month. Declared variants are planned too and compared. Export-control findings are not",
      "legal advice."
    })
public final class PlanCommand implements Callable<Integer> {
  /** The most samples one run takes (each is a replay of the plan: about a millisecond or less). */
  static final int MAX_SAMPLES = 1_000_000;

  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json (the JSON contract in docs/scenarios.md) or csv (one table, see --table).")
  String format;

  @Option(names = "--table", paramLabel = "NAME", defaultValue = "totals",
      description = "With --format csv: which table, one row per variant and item: totals (default), training, serving, orders or costs.")
  String table;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write a self-contained HTML report with charts (opens offline).")
  Path html;

  @Option(names = "--variant", paramLabel = "NAME",
      description = "Plan only this variant, or 'base' for the scenario without variants (default: the base scenario and every declared variant).")
  String variant;

  @Option(names = "--samples", paramLabel = "N",
      description = "Also sample N futures (Monte Carlo: delivery slips, stopped at-risk deliveries, catalog ranges,"
          + " model error) and report P10/P50/P90 and the chance of meeting each deadline.")
  Integer samples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the samples (default 1); the same seed gives the same numbers.")
  long seed;

  @Option(names = "--solve", paramLabel = "GOAL",
      description = "Goal-seek instead of printing the plan: devices (how many of --chip, online by --by, meet every"
          + " deadline and demand), mix (the cheapest mix of --chips the organisation may get under the export rules),"
          + " deadline (the earliest date each run can finish when it comes first).")
  String solve;

  @Option(names = "--chip", paramLabel = "CHIP", description = "With --solve devices: the chip to add.")
  String chip;

  @Option(names = "--chips", paramLabel = "CHIPS", split = ",",
      description = "With --solve mix: candidate chips, at most 3 (default: the chips of the scenario's pools and orders).")
  List<String> chips;

  @Option(names = "--by", paramLabel = "DATE", description = "With --solve devices|mix: the date the added devices are"
      + " online (default: the horizon start); the export rules are checked on it.")
  String by;

  @Option(names = "--step", paramLabel = "N", defaultValue = "1024",
      description = "With --solve devices|mix: devices are added in multiples of N (default 1024).")
  int step;

  @Option(names = {"-q", "--quiet"}, description = "Do not print progress on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    chipmix.validation.Issues issues = new chipmix.validation.Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
    if (f == OutputFormat.CSV && !PlanCsv.TABLES.contains(table)) {
      issues.add("--table", "'" + table + "' is not a plan table; use one of " + String.join(", ", PlanCsv.TABLES));
    }
    // a report written over the scenario or a catalog file would destroy it
    List<Path> inputs = OutputFiles.inputs(List.of(file), catalogOptions);
    OutputFiles.checkNotInput(issues, "--html", html, inputs);
    OutputFiles.checkNotInput(issues, "--output", output, inputs);
    OutputFiles.checkDistinct(issues, "--output", output, "--html", html);
    if (solve != null) {
      // goal-seeking prints its own answer (text or json): options of the plan report would be silently dropped
      if (output != null) {
        issues.add("--output", "is not used with --solve (its answer goes to standard output)");
      }
      if (html != null) {
        issues.add("--html", "is not used with --solve (goal-seeking writes no HTML report)");
      }
      if (samples != null) {
        issues.add("--samples", "is not used with --solve (goal-seeking plans one future)");
      }
      if (f == OutputFormat.CSV) {
        issues.add("--format", "csv is not offered with --solve; use text or json");
      }
    }
    issues.throwIfAny();
    PrintWriter err = spec.commandLine().getErr();
    ScenarioSupport support = ScenarioSupport.of(catalogOptions, quiet ? null : err);
    Scenario scenario = support.load(file);
    Planner planner = support.planner();
    if (solve != null) {
      SolveOutput.Goal goal;
      try {
        goal = SolveOutput.Goal.valueOf(solve.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw chipmix.validation.InvalidInputException.of("--solve", "'" + solve + "' is not one of devices, mix, deadline");
      }
      if (step < 1) {
        throw chipmix.validation.InvalidInputException.of("--step", "must be at least 1, got " + step);
      }
      Optional<java.time.LocalDate> date;
      try {
        date = Optional.ofNullable(by).map(java.time.LocalDate::parse);
      } catch (java.time.format.DateTimeParseException e) {
        throw chipmix.validation.InvalidInputException.of("--by", by + " is not a date (expected YYYY-MM-DD)");
      }
      Scenario target = variant == null || Scenario.BASE.equals(variant) ? scenario
          : scenario.apply(scenario.variant(variant).orElseThrow(() -> chipmix.validation.InvalidInputException.of(
              "--variant", "unknown variant '" + variant + "'")));
      return SolveOutput.run(goal, target, support, Optional.ofNullable(chip), chips == null ? List.of() : chips, date, step,
          f == OutputFormat.JSON, spec.commandLine().getOut());
    }
    if (samples != null && (samples < 1 || samples > MAX_SAMPLES)) {
      throw chipmix.validation.InvalidInputException.of("--samples", "must be from 1 to " + MAX_SAMPLES + ", got " + samples);
    }
    // "base" is what the reports call the scenario without variants, so it names it here too
    List<Plan> plans = variant == null ? planner.planAll(scenario)
        : List.of(planner.plan(scenario, Scenario.BASE.equals(variant) ? Optional.empty() : Optional.of(variant)));
    if (samples != null) {
      plans = plans.stream().map(p -> planner.sample(scenario, p, samples, seed)).toList();
    }
    String report = switch (f) {
      case JSON -> JsonReport.render(scenario, plans);
      case CSV -> PlanCsv.table(JsonReport.render(scenario, plans), table);
      default -> TextReport.render(scenario, plans);
    };
    if (html != null) {
      ScenarioSupport.write(html, HtmlReport.render(scenario, plans));
      support.progress("wrote " + html);
    }
    if (output != null) {
      ScenarioSupport.write(output, report);
      support.progress("wrote " + output);
      return ExitCode.OK.code();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(report);
    out.flush();
    return ExitCode.OK.code();
  }
}
