package chipmix.cli;

import chipmix.validation.Issues;

import chipmix.search.Objective;
import chipmix.search.TrainingEstimate;
import chipmix.search.TrainingEstimator;
import chipmix.search.TrainingRequest;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix train}: training estimates and layout search. */
@Command(name = "train", mixinStandardHelpOptions = true, header = "Training time, memory and the best parallel layout for a model on N devices.",
    description = {"Analytical training performance model (see docs/training-model.md).",
        "Layout parts left out are searched; results are estimates, calibrated per chip."},
    subcommands = {TrainCommand.Estimate.class, TrainCommand.Search.class,
        chipmix.cli.scenario.TrainCompareCommand.class}, synopsisSubcommandLabel = "COMMAND")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK.code();
  }

  @Command(name = "estimate", sortOptions = false, mixinStandardHelpOptions = true,
      header = "Estimate one layout: step time, throughput, MFU/HFU, memory and breakdown.",
      description = {"Layout parts left out (--tp --pp --dp --cp --ep --vpp --micro-batch --recompute --zero)",
          "are filled by the layout search, and the output says which it chose."})
  static final class Estimate implements Callable<Integer>, ValidatesInput {
    @Spec CommandSpec spec;
    @Mixin TrainingArgs args;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
        description = "text, json or csv (one row, the JSON keys as columns) (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public void validateInput() {
      request();
    }

    /** The format and the training options, checked together. */
    private TrainingRequest request() {
      Issues issues = new Issues();
      OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
      Optional<TrainingRequest> r = issues.attempt(args::request);
      issues.throwIfAny();
      return r.orElseThrow();
    }

    @Override
    public Integer call() {
      TrainingRequest request = request();
      OutputFormat f = OutputFormat.require(format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
      TrainingEstimate e = TrainingEstimator.estimate(request);
      spec.commandLine().getOut().print(switch (f) {
        case JSON -> TrainingReport.json(e);
        case CSV -> Tabular.of(OutputFormat.readJson(TrainingReport.json(e))).csv();
        default -> TrainingReport.text(e);
      });
      spec.commandLine().getOut().flush();
      if (!e.fits()) {
        // the estimate is printed (its memory breakdown is the answer to "why not"), but it is no answer
        spec.commandLine().getErr().printf(java.util.Locale.ROOT, "chipmix: this layout does not fit in device memory"
            + " (%.1f GiB short); 'chipmix train search' with the same options lists layouts that fit.%n", e.shortfallGiB());
        spec.commandLine().getErr().flush();
        return ExitCode.INFEASIBLE.code();
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "search", sortOptions = false, mixinStandardHelpOptions = true,
      header = "Search every valid layout and show the best ones with their breakdowns.",
      description = {"Any layout part may be fixed (for example --tp 8 --pp 8); the rest is searched."})
  static final class Search implements Callable<Integer>, ValidatesInput {
    @Spec CommandSpec spec;
    @Mixin TrainingArgs args;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Layouts to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--objective", paramLabel = "OBJ", defaultValue = "time",
        description = "time or cost (default: ${DEFAULT-VALUE}); with one device count and price both rank alike.")
    String objective;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
        description = "text, json or csv (one row per layout shown, the JSON keys of 'best' as columns) (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public void validateInput() {
      checked();
    }

    /** The search options, the format and the training options, checked together. */
    private Checked checked() {
      Issues issues = new Issues();
      if (top < 1 || top > 1000) {
        issues.add("--top", "must be between 1 and 1000, got " + top);
      }
      Objective obj = null;
      for (Objective o : Objective.values()) {
        if (o.name().equalsIgnoreCase(objective)) {
          obj = o;
        }
      }
      if (obj == null) {
        issues.add("--objective", "'" + objective + "' is not one of time, cost");
      }
      OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
      Optional<TrainingRequest> r = issues.attempt(args::request);
      issues.throwIfAny();
      return new Checked(r.orElseThrow(), obj, f);
    }

    private record Checked(TrainingRequest request, Objective objective, OutputFormat format) {}

    @Override
    public Integer call() {
      Checked c = checked();
      Objective obj = c.objective();
      TrainingEstimator.SearchOutcome s = TrainingEstimator.search(c.request(), top, obj);
      String name = obj.name().toLowerCase(java.util.Locale.ROOT);
      spec.commandLine().getOut().print(switch (c.format()) {
        case JSON -> TrainingReport.json(s, name);
        case CSV -> Tabular.of(OutputFormat.readJson(TrainingReport.json(s, name)).path("best")).csv();
        default -> TrainingReport.text(s, name);
      });
      spec.commandLine().getOut().flush();
      return ExitCode.OK.code();
    }
  }
}
