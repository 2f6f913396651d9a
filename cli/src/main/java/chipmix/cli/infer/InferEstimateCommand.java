package chipmix.cli.infer;

import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.cli.ValidatesInput;
import chipmix.serving.EstimateInput;
import chipmix.serving.ServingOptions;
import chipmix.serving.ServingJson;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code chipmix infer estimate}: TTFT, TPOT, throughput, batch and memory of one replica on one chip. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Predict TTFT, TPOT, throughput, batch and memory of one serving replica on one chip.",
    description = {
      "Without --batch or --tpot-ms the batch is the largest that fits in memory (highest throughput).",
      "Without --devices the replica is the smallest that fits. Defaults: --tp = devices within the",
      "scale-up domain, else 1 (data-parallel attention); --ep = devices for mixture-of-experts models, else 1."
    })
public final class InferEstimateCommand implements Callable<Integer>, ValidatesInput {
  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;
  @Mixin WorkloadOptions workload;
  @Mixin ServingStackOptions stack;

  @Option(names = "--chip", required = true, paramLabel = "ID", description = "Chip id or alias (e.g. h20, h100-sxm, ascend-910b).")
  String chip;

  @Option(names = "--devices", paramLabel = "N", description = "Devices in one replica (default: the smallest replica that fits).")
  Integer devices;

  @Option(names = "--tp", paramLabel = "T", description = "Tensor-parallel degree of attention and dense layers; divides --devices.")
  Integer tp;

  @Option(names = "--ep", paramLabel = "E", description = "Expert-parallel degree: 1 or --devices (mixture-of-experts models).")
  Integer ep;

  @Option(names = "--batch", paramLabel = "B", description = "Concurrent sequences per replica.")
  Integer batch;

  @Option(names = "--tpot-ms", paramLabel = "MS", description = "Use the largest batch whose time per output token meets this target.")
  Double tpotMs;

  @Option(names = "--curve", description = "Also print the serving-capacity curve: throughput per device against TPOT at batches 1, 2, 4, ... up to the largest that fits.")
  boolean curve;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json, or csv (one row, the JSON keys as columns; with --curve one row per curve point).")
  String format;

  @Override
  public void validateInput() {
    InferOutput.json(format, this::checkInput);
    checkInput();
  }

  private void checkInput() {
    input().validate(catalogOptions.catalog());
  }

  @Override
  public Integer call() {
    OutputFormat f = InferOutput.format(format, this::checkInput);
    boolean json = f == OutputFormat.JSON;
    EstimateInput.Result r = input().estimate(catalogOptions.catalog());
    if (f == OutputFormat.CSV) {
      var o = ServingJson.estimate(r.estimate(), r.device(), r.range());
      spec.commandLine().getOut().print(curve ? InferOutput.csv(ServingJson.curve(r.curve()), "")
          : InferOutput.csv(o, ""));
      spec.commandLine().getOut().flush();
      return ExitCode.OK.code();
    }
    OutputFormat.print(spec.commandLine().getOut(), json, () -> {
      var o = ServingJson.estimate(r.estimate(), r.device(), r.range());
      if (curve) {
        o.set("curve", ServingJson.curve(r.curve()));
      }
      return OutputFormat.jsonText(o);
    }, () -> InferOutput.estimateText(r.estimate(), r.device(), r.range()) + (curve ? InferOutput.curveText(r.curve()) : ""));
    return ExitCode.OK.code();
  }

  /** The options as a core {@link EstimateInput}. */
  EstimateInput input() {
    return new EstimateInput(workload.model, chip, workload.promptTokens, workload.outputTokens, workload.weights,
        workload.kv, Optional.ofNullable(workload.scaleOutGbps), Optional.ofNullable(devices), Optional.ofNullable(tp),
        Optional.ofNullable(ep), Optional.ofNullable(batch), Optional.ofNullable(tpotMs),
        new ServingOptions(stack.recipe(), stack.spec(), stack.acceptLength(), stack.draftModel(), stack.draftTokens(),
            Optional.empty()));
  }
}
