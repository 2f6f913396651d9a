package chipmix.serving;

import chipmix.catalog.Catalog;
import chipmix.model.Models;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.BatchChoice;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.InferenceEstimate;
import chipmix.perfmodel.InferenceModel;
import chipmix.perfmodel.InferenceRange;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.ServingLayout;
import chipmix.perfmodel.Workload;
import chipmix.units.Seconds;
import chipmix.validation.InfeasibleException;
import chipmix.validation.Issues;
import java.util.Optional;

/**
 * An inference-estimate question as the user gives it ({@code chipmix infer estimate} options,
 * the web API's JSON fields). {@link #estimate(Catalog)} checks every field (paths are the CLI
 * option names), picks the replica layout (the smallest that fits unless given) and the batch
 * (fixed, the largest meeting a TPOT target, or the largest that fits in memory).
 */
public record EstimateInput(
    String model,
    String chip,
    long promptTokens,
    long outputTokens,
    Precision weights,
    Precision kv,
    Optional<Double> scaleOutGbps,
    Optional<Integer> devices,
    Optional<Integer> tp,
    Optional<Integer> ep,
    Optional<Integer> batch,
    Optional<Double> tpotMs) {

  /** The estimate, the device profile it was made on, and its range where the inputs carry one. */
  public record Result(InferenceEstimate estimate, InferenceDevice device, Optional<InferenceRange> range) {}

  public Result estimate(Catalog catalog) {
    Issues issues = new Issues();
    issues.addAll(Workload.problems(promptTokens, outputTokens, kv, "--prompt-tokens", "--output-tokens", "--kv"));
    if (scaleOutGbps.isPresent() && (!(scaleOutGbps.get() > 0) || scaleOutGbps.get() > 1e6)) {
      issues.add("--scale-out-gbps", "must be a positive bandwidth in Gb/s (e.g. 400), got " + scaleOutGbps.get());
    }
    if (batch.isPresent() && tpotMs.isPresent()) {
      issues.add("--batch", "give either --batch or --tpot-ms, not both");
    }
    if (batch.isPresent() && batch.get() < 1) {
      issues.add("--batch", "must be at least 1 sequence, got " + batch.get());
    }
    if (tpotMs.isPresent() && (!(tpotMs.get() > 0) || tpotMs.get().isInfinite())) {
      issues.add("--tpot-ms", "must be a positive time in milliseconds, got " + tpotMs.get());
    }
    if (devices.isPresent() && devices.get() < 1) {
      issues.add("--devices", "must be at least 1, got " + devices.get());
    }
    if (tp.isPresent() && tp.get() < 1) {
      issues.add("--tp", "must be at least 1, got " + tp.get());
    }
    if (ep.isPresent() && ep.get() < 1) {
      issues.add("--ep", "must be at least 1, got " + ep.get());
    }
    issues.throwIfAny();

    TransformerModel m = Models.resolve("--model", model);
    InferenceDevice dev = DeviceProfiles.of(catalog, "--chip", chip, scaleOutGbps);
    Workload workload = new Workload((int) promptTokens, (int) outputTokens, weights, kv);
    ServingLayout layout = layout(m, dev, workload);
    BatchChoice choice = batch.isPresent() ? new BatchChoice.Fixed(batch.get())
        : tpotMs.isPresent() ? new BatchChoice.TpotTarget(Seconds.ofMillis(tpotMs.get())) : new BatchChoice.MaxMemory();
    InferenceEstimate e = InferenceModel.estimate(dev, m, layout, workload, choice);
    return new Result(e, dev, InferenceModel.range(dev, m, e));
  }

  private ServingLayout layout(TransformerModel m, InferenceDevice dev, Workload workload) {
    int u = dev.hardware().scaleUpDomain();
    if (devices.isEmpty() && tp.isEmpty() && ep.isEmpty()) {
      return InferenceModel.smallestFit(dev, m, workload).orElseThrow(() -> new InfeasibleException(
          m.name() + " does not fit on " + dev.chipId() + ": " + InferenceModel.noReplicaFits(dev, m, workload)));
    }
    int n = devices.orElse(Math.max(tp.orElse(1), ep.orElse(1)));
    int t = tp.orElse(n <= u ? n : 1);
    int e = ep.orElse(m.moe().isPresent() ? n : 1);
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
