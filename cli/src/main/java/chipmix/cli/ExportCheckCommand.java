package chipmix.cli;

import chipmix.exportcontrol.Determination;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.ExportJson;
import chipmix.exportcontrol.Request;
import chipmix.validation.Issues;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chipmix export check}: the answer for one chip, destination and date, with reasons. */
@Command(
    mixinStandardHelpOptions = true,
    name = "check",
    header = "What US rules require for one chip, destination, buyer and date, and why.",
    description = {"Prints the outcome, review policy, conditions, the reasons with citations, import-side",
      "findings and caveats. Not legal advice."},
    sortOptions = false)
final class ExportCheckCommand implements Callable<Integer>, ValidatesInput {
  @Spec CommandSpec spec;

  @Mixin ExportChipOptions chip;

  @Option(names = "--to", paramLabel = "CC", description = "Required: destination country code (ISO 3166-1 alpha-2), e.g. CN.")
  String to;

  @Mixin ExportScopeOptions scope;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date of the export (default: today, UTC).")
  String date;

  @Option(names = "--format", paramLabel = "FORMAT", description = {"text, json or csv (default: text; csv: the answer",
      "as one row, the rules of its reasons in reason_rules)."})
  String format = "text";

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the answer to FILE instead of standard output.")
  java.nio.file.Path output;

  @Override
  public void validateInput() {
    checked(scope.exportControl());
  }

  /** Every option checked; the request and whether JSON was asked for. */
  private Checked checked(ExportControl ec) {
    Issues issues = new Issues();
    OutputFormat f = OutputFormat.parse(issues, format, OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV);
    Optional<Request> request = scope.request(ec, issues, chip, to, "--date", date);
    ExportOutput.check(issues, output, chip.catalogOptions);
    issues.throwIfAny();
    return new Checked(request.orElseThrow(), f);
  }

  private record Checked(Request request, OutputFormat format) {}

  @Override
  public Integer call() {
    ExportControl ec = scope.exportControl();
    Checked c = checked(ec);
    Determination det = ec.determine(c.request());
    String answer = switch (c.format()) {
      case JSON -> ExportOutput.json(ExportJson.check(ec, det));
      case CSV -> ExportOutput.checkCsv(ExportJson.check(ec, det));
      case TEXT, TABLE -> ExportRender.checkText(ec, det);
    };
    ExportOutput.emit(spec.commandLine().getOut(), spec.commandLine().getErr(), output, answer);
    return ExitCode.OK.code();
  }
}
