package chipmix.cli.chips;

import chipmix.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chipmix chips}: the accelerator catalog. A bare call prints usage. */
@Command(
    name = "chips",
    mixinStandardHelpOptions = true,
    header = "Look up accelerators: sourced specs, derived figures, side-by-side comparisons.",
    description = {
      "Every value carries its source ids and a confidence (high, medium, low); where sources",
      "disagree the range is kept. Unknown values are shown as '-', never as zero.",
      "Derived figures (TPP, performance density, ridge point, per watt, per dollar) are computed.",
      "TPP and performance density are indicative, not a compliance determination (not legal advice)."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {ChipsListCommand.class, ChipsShowCommand.class, ChipsCompareCommand.class,
        ChipsAuditCommand.class})
public final class ChipsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK.code();
  }
}
