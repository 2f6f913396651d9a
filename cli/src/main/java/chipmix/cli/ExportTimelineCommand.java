package chipmix.cli;

import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.ExportJson;
import chipmix.exportcontrol.Request;
import chipmix.validation.Issues;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix export timeline}: each date the answer changed, and the rule that changed it. */
@Command(
    mixinStandardHelpOptions = true,
    name = "timeline",
    header = "Each date since 2022-10-07 the answer for a chip and destination changed, and why.",
    description = {"Evaluates the rules on every date a rule, regime or country group starts or stops",
      "applying, and prints the dates on which the outcome or the applicable rules changed. Not legal advice."},
    sortOptions = false)
final class ExportTimelineCommand implements Callable<Integer>, ValidatesInput {
  @Spec CommandSpec spec;

  @Mixin ExportChipOptions chip;

  @Option(names = "--to", paramLabel = "CC", description = "Required: destination country code, e.g. CN.")
  String to;

  @Mixin ExportScopeOptions scope;

  @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last date to evaluate (default: today, UTC).")
  String until;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text).")
  String format = "text";

  @Override
  public void validateInput() {
    checked(scope.exportControl());
  }

  /** Every option checked; the request (dated at the end of the timeline) and whether JSON was asked for. */
  private Checked checked(ExportControl ec) {
    Issues issues = new Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON);
    Optional<Request> request = scope.request(ec, issues, chip, to, "--until", until);
    issues.throwIfAny();
    return new Checked(request.orElseThrow(), f == OutputFormat.JSON);
  }

  private record Checked(Request base, boolean json) {}

  @Override
  public Integer call() {
    ExportControl ec = scope.exportControl();
    Checked c = checked(ec);
    Request base = c.base();
    List<ExportControl.TimelineEntry> entries = ec.timeline(base, base.date());
    OutputFormat.print(spec.commandLine().getOut(), c.json(), () -> OutputFormat.jsonText(ExportJson.timeline(ec, base, entries)),
        () -> ExportRender.timelineText(ec, base, entries));
    return ExitCode.OK.code();
  }
}
