package chipmix.cli.scenario;

import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/** {@code chipmix scenario validate FILE}. */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    header = "Work with scenario files (validate).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = ScenarioCommand.Validate.class)
public final class ScenarioCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK.code();
  }

  /** Checks a scenario file and lists every problem at once, without planning it. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      header = "Check a scenario file and list every problem with its path, without planning it.")
  public static final class Validate implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @Mixin CatalogOptions catalogOptions;

    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
    Path file;

    @Override
    public Integer call() {
      Scenario s = ScenarioSupport.of(catalogOptions, null).load(file);
      PrintWriter out = spec.commandLine().getOut();
      out.println(file + ": valid scenario '" + s.name() + "': " + s.pools().size() + " pools, " + s.orders().size()
          + " orders, " + s.training().size() + " training runs, " + s.serving().size() + " serving demands, "
          + s.variants().size() + " variants; horizon " + s.settings().start() + " to " + s.settings().end() + ".");
      out.flush();
      return ExitCode.OK.code();
    }
  }
}
