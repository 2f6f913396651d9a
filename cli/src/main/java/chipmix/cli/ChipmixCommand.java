package chipmix.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: prints usage when called bare. */
@Command(
    name = "chipmix",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Export rules, performance and fleet planning for AI accelerators.",
    description = {
      "Answers three questions for AI chips: may we get it (export control), what can it do",
      "(training and inference performance model) and what is the plan (fleets over time).",
      "Rule outputs are not legal advice."
    },
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the command failed (for example a file could not be written)",
      "2:invalid input: a bad option, file, value or unknown name",
      "3:valid input without an answer (for example a model that fits in no layout)",
      "4:internal error: a bug in chipmix (rerun with --stacktrace and report it)"
    })
public final class ChipmixCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error, for bug reports.")
  boolean stacktrace;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK.code();
  }
}
