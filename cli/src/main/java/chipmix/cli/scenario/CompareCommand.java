package chipmix.cli.scenario;

import chipmix.cli.OutputFormat;
import chipmix.cli.Tabular;

import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.scenario.Plan;
import chipmix.scenario.Planner;
import chipmix.scenario.Scenario;
import chipmix.scenario.report.Compare;
import chipmix.scenario.report.JsonReport;
import chipmix.scenario.report.TextReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chipmix compare A.yaml B.yaml}: two scenarios side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    header = "Compare two scenario files side by side: training finish dates, blocked and at-risk devices, cost.",
    description = {
      "Plans the base of each scenario (or the variant named with FILE#VARIANT) and prints a table of",
      "training finish dates, devices blocked or at risk, unmet serving demand and cost, followed by",
      "each plan's summary. Export-control findings are not legal advice."
    })
public final class CompareCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;

  @Parameters(index = "0", paramLabel = "A", description = "The first scenario file, optionally FILE#VARIANT.")
  String first;

  @Parameters(index = "1", paramLabel = "B", description = "The second scenario file, optionally FILE#VARIANT.")
  String second;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json, or csv (the comparison table: one row per measure, one column per plan).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the answer to FILE instead of standard output.")
  Path output;

  @Option(names = {"-q", "--quiet"}, description = "Do not print progress on stderr.")
  boolean quiet;

  @Override
  public Integer call() {
    chipmix.validation.Issues issues = new chipmix.validation.Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
    List<Path> files = new ArrayList<>();
    for (String arg : List.of(first, second)) {
      files.add(Path.of(arg.lastIndexOf('#') < 0 ? arg : arg.substring(0, arg.lastIndexOf('#'))));
    }
    // the answer written over a scenario or a catalog file would destroy it
    chipmix.cli.OutputFiles.checkNotInput(issues, "--output", output, chipmix.cli.OutputFiles.inputs(files, catalogOptions));
    issues.throwIfAny();
    ScenarioSupport support = ScenarioSupport.of(catalogOptions, quiet ? null : spec.commandLine().getErr());
    Planner planner = support.planner();
    List<Scenario> scenarios = new ArrayList<>();
    List<Plan> plans = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String arg : List.of(first, second)) {
      int hash = arg.lastIndexOf('#');
      Path file = Path.of(hash < 0 ? arg : arg.substring(0, hash));
      Optional<String> variant = hash < 0 ? Optional.empty() : Optional.of(arg.substring(hash + 1))
          .filter(v -> !Scenario.BASE.equals(v)); // FILE#base is the scenario without variants
      Scenario s = support.load(file);
      scenarios.add(s);
      plans.add(planner.plan(s, variant));
      labels.add(s.name() + variant.map(v -> "#" + v).orElse(""));
    }
    String answer = switch (f) {
      case JSON -> JsonReport.compare(scenarios, plans.stream().map(List::of).toList());
      case CSV -> csv(Compare.view(plans, labels));
      default -> {
        StringBuilder sb = new StringBuilder();
        sb.append(TextReport.DISCLAIMER_LINE);
        sb.append(Compare.table(plans, labels));
        for (int i = 0; i < 2; i++) {
          sb.append('\n').append(labels.get(i)).append('\n').append(TextReport.summary(plans.get(i)));
        }
        yield sb.toString();
      }
    };
    if (output != null) {
      ScenarioSupport.write(output, answer);
      support.progress("wrote " + output);
      return ExitCode.OK.code();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(answer);
    out.flush();
    return ExitCode.OK.code();
  }

  private static String csv(Compare.View view) {
    List<String> header = new ArrayList<>(List.of("measure"));
    header.addAll(view.labels());
    List<List<String>> rows = view.rows().stream().map(r -> {
      List<String> row = new ArrayList<>(List.of(r.measure().strip()));
      row.addAll(r.cells());
      return row;
    }).toList();
    return new Tabular.Table(header, rows).csv();
  }
}
