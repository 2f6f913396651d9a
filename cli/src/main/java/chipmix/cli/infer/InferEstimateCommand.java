package chipmix.cli.infer;

import chipmix.catalog.Catalog;
import chipmix.cli.CatalogOptions;
import chipmix.cli.ExitCode;
import chipmix.cli.OutputFormat;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.BatchChoice;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.InferenceEstimate;
import chipmix.perfmodel.InferenceModel;
import chipmix.perfmodel.ServingLayout;
import chipmix.units.Seconds;
import chipmix.validation.InfeasibleException;
import chipmix.validation.Issues;
import java.io.PrintWriter;
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
public final class InferEstimateCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;
  @Mixin CatalogOptions catalogOptions;
  @Mixin WorkloadOptions workload;

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

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
  OutputFormat format;

  @Override
  public Integer call() {
    Issues issues = new Issues();
    workload.check(issues);
    InferOutput.checkFormat(issues, format);
    if (batch != null && tpotMs != null) {
      issues.add("--batch", "give either --batch or --tpot-ms, not both");
    }
    if (batch != null && batch < 1) {
      issues.add("--batch", "must be at least 1 sequence, got " + batch);
    }
    if (tpotMs != null && (!(tpotMs > 0) || tpotMs.isInfinite())) {
      issues.add("--tpot-ms", "must be a positive time in milliseconds, got " + tpotMs);
    }
    if (devices != null && devices < 1) {
      issues.add("--devices", "must be at least 1, got " + devices);
    }
    if (tp != null && tp < 1) {
      issues.add("--tp", "must be at least 1, got " + tp);
    }
    if (ep != null && ep < 1) {
      issues.add("--ep", "must be at least 1, got " + ep);
    }
    issues.throwIfAny();

    Catalog catalog = catalogOptions.catalog();
    TransformerModel m = Models.resolve("--model", workload.model);
    InferenceDevice dev = workload.device(catalog, "--chip", chip);
    ServingLayout layout = layout(m, dev);
    BatchChoice choice = batch != null ? new BatchChoice.Fixed(batch)
        : tpotMs != null ? new BatchChoice.TpotTarget(Seconds.ofMillis(tpotMs)) : new BatchChoice.MaxMemory();
    InferenceEstimate e = InferenceModel.estimate(dev, m, layout, workload.workload(), choice);
    var range = InferenceModel.range(dev, m, e);
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      out.println(InferOutput.write(InferOutput.estimateJson(e, dev, range)));
    } else {
      out.print(InferOutput.estimateText(e, dev, range));
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private ServingLayout layout(TransformerModel m, InferenceDevice dev) {
    int u = dev.hardware().scaleUpDomain();
    if (devices == null && tp == null && ep == null) {
      return InferenceModel.smallestFit(dev, m, workload.workload()).orElseThrow(() -> new InfeasibleException(
          m.name() + " does not fit on " + dev.chipId() + ": " + InferenceModel.noReplicaFits(m, dev.hardware())));
    }
    int n = devices != null ? devices : Math.max(tp == null ? 1 : tp, ep == null ? 1 : ep);
    int t = tp != null ? tp : (n <= u ? n : 1);
    int e = ep != null ? ep : (m.moe().isPresent() ? n : 1);
    Issues issues = new Issues();
    if (n % t != 0) {
      issues.add("--tp", "tp " + t + " must divide --devices " + n);
    }
    if (e != 1 && e != n) {
      issues.add("--ep", "ep must be 1 or equal to --devices " + n + ", got " + e);
    }
    issues.throwIfAny();
    return new ServingLayout(n, t, e);
  }
}
