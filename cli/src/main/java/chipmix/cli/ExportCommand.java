package chipmix.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chipmix export}: US export-control answers for AI chips. A bare call prints usage. */
@Command(
    mixinStandardHelpOptions = true,
    name = "export",
    header = "May we get this chip here, on this date, and why (US export rules; not legal advice).",
    description = {
      "Classifies chips under ECCN 3A090 and applies the US export rules for a destination, buyer",
      "headquarters, parties and date, with the reasons and citations. Import-side measures are",
      "reported separately. Not legal advice."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {ExportCheckCommand.class, ExportTimelineCommand.class, ExportMatrixCommand.class,
        ExportRulesCommand.class})
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK.code();
  }
}
