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
import chipmix.validation.InvalidInputException;
import chipmix.validation.Issues;
import chipmix.validation.Limits;
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
    WeightsRequest weights,
    Precision kv,
    Optional<Double> scaleOutGbps,
    Optional<Integer> devices,
    Optional<Integer> tp,
    Optional<Integer> ep,
    Optional<Integer> batch,
    Optional<Double> tpotMs,
    ServingOptions options) {

  public EstimateInput {
    java.util.Objects.requireNonNull(weights, "weights");
    java.util.Objects.requireNonNull(options, "options");
  }

  /** A question at one fixed weight precision with the default serving options. */
  public EstimateInput(String model, String chip, long promptTokens, long outputTokens, Precision weights, Precision kv,
      Optional<Double> scaleOutGbps, Optional<Integer> devices, Optional<Integer> tp, Optional<Integer> ep,
      Optional<Integer> batch, Optional<Double> tpotMs) {
    this(model, chip, promptTokens, outputTokens, WeightsRequest.of(weights), kv, scaleOutGbps, devices, tp, ep, batch,
        tpotMs, ServingOptions.DEFAULT);
  }

  /** The estimate, the device profile it was made on, and its range where the inputs carry one. */
  public record Result(InferenceEstimate estimate, InferenceDevice device, Optional<InferenceRange> range,
      java.util.List<InferenceModel.CurvePoint> curve) {}

  public Result estimate(Catalog catalog) {
    return estimate(catalog, Models::resolve);
  }

  /** As {@link #estimate(Catalog)}, with the model resolved by {@code models} (the web API: presets or an inline model). */
  public Result estimate(Catalog catalog, Models.Resolver models) {
    Checked c = check(catalog, models);
    TransformerModel m = c.model();
    InferenceDevice dev = c.stack().apply(c.device());
    Precision p = weights.fixed().orElseGet(() -> ChipPrecision.best(dev.hardware()));
    Workload workload = new Workload((int) promptTokens, (int) outputTokens, p, kv);
    ServingLayout layout = c.layout().orElseGet(() -> InferenceModel.smallestFit(dev, m, workload).orElseThrow(() ->
        new InfeasibleException(m.name() + " does not fit on " + dev.chipId() + ": " + InferenceModel.noReplicaFits(dev, m, workload))));
    BatchChoice choice = batch.isPresent() ? new BatchChoice.Fixed(batch.get())
        : tpotMs.isPresent() ? new BatchChoice.TpotTarget(Seconds.ofMillis(tpotMs.get())) : new BatchChoice.MaxMemory();
    InferenceEstimate e = InferenceModel.estimate(dev, m, layout, workload, choice);
    if (weights == WeightsRequest.AUTO) {
      e = e.withAssumption(ChipPrecision.autoNote(dev.hardware(), p));
    }
    return new Result(e, dev, InferenceModel.range(dev, m, e), InferenceModel.capacityCurve(dev, m, layout, workload));
  }

  /**
   * Checks every field as {@link #estimate(Catalog)} does, without estimating: throws an
   * {@link InvalidInputException} listing every problem, or returns.
   */
  public void validate(Catalog catalog) {
    validate(catalog, Models::resolve);
  }

  /** As {@link #validate(Catalog)}, with the model resolved by {@code models} (the web API: presets or an inline model). */
  public void validate(Catalog catalog, Models.Resolver models) {
    check(catalog, models);
  }

  /** The resolved model and device, and the layout when the user fixed any part of it (else the smallest that fits). */
  private record Checked(TransformerModel model, InferenceDevice device, Optional<ServingLayout> layout, StackChoice stack) {}

  private Checked check(Catalog catalog, Models.Resolver models) {
    Issues issues = new Issues();
    issues.addAll(Workload.problems(promptTokens, outputTokens, kv, "`prompt_tokens`", "`output_tokens`", "`kv`"));
    Optional<Double> scaleOut = DeviceProfiles.checkedScaleOut(issues, scaleOutGbps);
    if (batch.isPresent() && tpotMs.isPresent()) {
      issues.add("`batch`", "give either `batch` or `tpot_ms`, not both");
    }
    if (batch.isPresent() && batch.get() < 1) {
      issues.add("`batch`", "must be at least 1 sequence, got " + batch.get());
    }
    Limits.LATENCY_MS.check(issues, "`tpot_ms`", tpotMs);
    if (devices.isPresent() && devices.get() < 1) {
      issues.add("`devices`", "must be at least 1, got " + devices.get());
    } else if (devices.isPresent()) {
      Limits.DEVICES.check(issues, "`devices`", devices.get());
    }
    if (tp.isPresent() && tp.get() < 1) {
      issues.add("`tp`", "must be at least 1, got " + tp.get());
    }
    if (ep.isPresent() && ep.get() < 1) {
      issues.add("`ep`", "must be at least 1, got " + ep.get());
    }
    TransformerModel m = null;
    try {
      m = models.resolve("`model`", model);
    } catch (InvalidInputException e) {
      issues.addAll(e.issues());
    }
    InferenceDevice dev = null;
    try {
      // a bad --scale-out-gbps is reported above; the chip is still looked up, on its catalog figures
      dev = DeviceProfiles.of(catalog, "`chip`", chip, scaleOut);
    } catch (InvalidInputException e) {
      issues.addAll(e.issues());
    }
    if (dev != null && weights.fixed().isPresent() && !ChipPrecision.runs(dev.hardware(), weights.fixed().get())) {
      issues.add("`weights`", dev.chipId() + " cannot run " + weights.key() + ": the catalog gives it no " + weights.key()
          + " peak; it runs " + ChipPrecision.supported(dev.hardware()) + " (use `weights` auto for the best of them, "
          + ChipPrecision.key(ChipPrecision.best(dev.hardware())) + ")");
    }
    Optional<ServingLayout> layout = Optional.empty();
    if (dev != null && (devices.isPresent() || tp.isPresent() || ep.isPresent())) {
      layout = layout(issues, m, dev);
    }
    StackChoice stack = StackChoice.check(options, issues, models);
    options.kvTransferGbps().ifPresent(g -> issues.add("`kv_transfer_gbps`", "applies to disaggregated sizing (infer size"
        + " `disaggregated`), not to one replica's estimate"));
    issues.throwIfAny();
    return new Checked(m, dev, layout, stack);
  }

  /**
   * The layout from the degrees given, the others defaulted ({@code --tp}: the devices within the
   * scale-up domain, else 1; {@code --ep}: the devices for a mixture-of-experts model, else 1), or
   * empty with the problems in {@code issues}. A degree below 1 (reported already) leaves the checks
   * that need it out; without the model the {@code --ep} default is not known and its check is left out.
   */
  private Optional<ServingLayout> layout(Issues issues, TransformerModel m, InferenceDevice dev) {
    Optional<Integer> d = devices.filter(x -> x >= 1);
    Optional<Integer> t = tp.filter(x -> x >= 1);
    Optional<Integer> x = ep.filter(v -> v >= 1);
    if (!d.equals(devices) || !t.equals(tp) || !x.equals(ep)) {
      return Optional.empty();
    }
    int u = dev.hardware().scaleUpDomain();
    int n = d.orElse(Math.max(t.orElse(1), x.orElse(1)));
    int tpDegree = t.orElse(n <= u ? n : 1);
    boolean ok = true;
    if (n % tpDegree != 0) {
      issues.add("`tp`", "tp " + tpDegree + " must divide `devices` " + n);
      ok = false;
    }
    if (m == null) {
      return Optional.empty();
    }
    int e = x.orElse(m.moe().isPresent() ? n : 1);
    if (e != 1 && e != n) {
      issues.add("`ep`", "ep must be 1 or equal to `devices` " + n + ", got " + e);
      ok = false;
    }
    return ok ? Optional.of(new ServingLayout(n, tpDegree, e)) : Optional.empty();
  }
}
