package chipmix.cli.infer;

import chipmix.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chipmix infer}: the inference performance model and serving capacity sizing. A bare call prints usage. */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    header = "Inference performance (TTFT, TPOT, throughput, batch) and serving capacity sizing.",
    description = {
      "Analytical prefill/decode model per chip: prefill is compute-bound, decode streams the weights",
      "and the KV cache each step. Efficiencies are calibrated per chip and kernel class and stand for",
      "the serving software named in every result (see docs/inference-model.md)."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {InferEstimateCommand.class, InferSizeCommand.class})
public final class InferCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK.code();
  }
}
