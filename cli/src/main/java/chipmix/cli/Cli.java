package chipmix.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the configured command line. {@link Main} and the tests both use it, so tests see
 * exactly what users see. Subcommands are registered here, one line each.
 */
public final class Cli {
  private Cli() {}

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new ChipmixCommand());
    // Subcommands, in the order they appear in --help.
    cmd.addSubcommand(new chipmix.cli.chips.ChipsCommand());
    cmd.addSubcommand(new ExportCommand());
    cmd.addSubcommand(new TrainCommand());
    cmd.addSubcommand(new chipmix.cli.infer.InferCommand());
    cmd.addSubcommand(new ValidateCommand());
    cmd.addSubcommand(new chipmix.cli.scenario.PlanCommand());
    cmd.addSubcommand(new chipmix.cli.scenario.CompareCommand());
    cmd.addSubcommand(new chipmix.cli.scenario.SweepCommand());
    cmd.addSubcommand(new chipmix.cli.scenario.ScenarioCommand());
    cmd.addSubcommand(new ServerCommand());
    Errors errors = new Errors(() -> commandLine(out, err));
    // the core names request fields (FieldRef); everything the commands print says them as options
    cmd.setOut(new PrintWriter(new OptionWords(out), true));
    cmd.setErr(new PrintWriter(new OptionWords(err), true));
    cmd.setExecutionExceptionHandler(errors);
    cmd.setParameterExceptionHandler(errors);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setUsageHelpAutoWidth(false);
    cmd.setUsageHelpWidth(100);
    return cmd;
  }
}
