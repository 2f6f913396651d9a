package chipmix.search;

import chipmix.perfmodel.Layout;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The JSON documents of training estimates and searches (a documented contract,
 * docs/training-model.md), shared by {@code chipmix train ... --format json} and the web API.
 * Views only: every figure comes from the {@link TrainingEstimate}.
 */
public final class TrainingJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private TrainingJson() {}

  /** One estimate. */
  public static ObjectNode estimate(TrainingEstimate e) {
    ObjectNode n = F.objectNode();
    n.put("model", e.model());
    n.put("chip", e.chip());
    n.put("devices", e.devices());
    n.put("seq_len", e.seqLen());
    n.put("global_batch", e.globalBatch());
    n.put("precision", e.precision());
    n.put("grad_precision", e.gradPrecision());
    ObjectNode rc = n.putObject("recipe");
    rc.put("id", e.recipe().id());
    rc.put("name", e.recipe().name());
    ObjectNode rs = rc.putObject("settings");
    e.recipe().settings().forEach(rs::put);
    ArrayNode ex = rc.putArray("explicit");
    e.recipe().explicit().forEach(ex::add);
    e.scaleOutBasis().ifPresent(b -> n.put("scale_out_basis", b));
    Layout l = e.layout();
    ObjectNode p = n.putObject("parallelism");
    p.put("tp", l.tp());
    p.put("pp", l.pp());
    p.put("dp", l.dp());
    p.put("cp", l.cp());
    p.put("ep", l.ep());
    p.put("vpp", l.vpp());
    p.put("micro_batch", l.microBatch());
    p.put("recompute", l.recompute().name().toLowerCase(Locale.ROOT));
    p.put("zero", l.sharding().text());
    p.put("sequence_parallel", e.sequenceParallel());
    ArrayNode chosen = n.putArray("chosen");
    e.chosen().forEach(chosen::add);
    n.put("step_time_s", round(e.stepSeconds(), 6));
    e.ranges().ifPresent(r -> n.putArray("step_time_range_s").add(round(r.stepSeconds()[0], 6)).add(round(r.stepSeconds()[1], 6)));
    n.put("micro_batches", e.microBatches());
    n.put("tokens_per_s", round(e.tokensPerSecond(), 1));
    n.put("tokens_per_s_per_device", round(e.tokensPerSecondPerDevice(), 2));
    n.put("model_flops_per_token", e.modelFlopsPerToken());
    n.put("model_tflops_per_device", round(e.modelTflopsPerDevice(), 2));
    n.put("mfu", round(e.mfu(), 4));
    e.mfuAtPrecisionPeak().ifPresent(v -> n.put("mfu_at_precision_peak", round(v, 4)));
    n.put("hardware_tflops_per_device", round(e.hardwareTflopsPerDevice(), 2));
    n.put("hfu", round(e.hfu(), 4));
    e.ranges().ifPresent(r -> {
      n.putArray("tokens_per_s_range").add(round(r.tokensPerSecond()[0], 1)).add(round(r.tokensPerSecond()[1], 1));
      n.putArray("tokens_per_s_per_device_range").add(round(r.tokensPerSecondPerDevice()[0], 2))
          .add(round(r.tokensPerSecondPerDevice()[1], 2));
      n.putArray("model_tflops_per_device_range").add(round(r.modelTflopsPerDevice()[0], 2))
          .add(round(r.modelTflopsPerDevice()[1], 2));
      n.putArray("mfu_range").add(round(r.mfu()[0], 4)).add(round(r.mfu()[1], 4));
      n.putArray("hardware_tflops_per_device_range").add(round(r.hardwareTflopsPerDevice()[0], 2))
          .add(round(r.hardwareTflopsPerDevice()[1], 2));
      n.putArray("hfu_range").add(round(r.hfu()[0], 4)).add(round(r.hfu()[1], 4));
    });
    n.put("memory_per_device_gib", round(e.memoryPerDeviceGiB(), 2));
    n.put("memory_capacity_gib", round(e.capacityGiB(), 2));
    n.put("memory_peak", e.peakAtOptimizerStep() ? "optimizer_step" : "backward");
    ObjectNode mem = n.putObject("memory_breakdown_gib");
    e.memoryGiB().forEach((k, v) -> mem.put(k, round(v, 3)));
    n.put("fits", e.fits());
    n.put("memory_shortfall_gib", round(e.shortfallGiB(), 2));
    ObjectNode br = n.putObject("breakdown_s");
    e.breakdownSeconds().forEach((k, v) -> br.put(k, round(v, 6)));
    ObjectNode cal = n.putObject("calibration");
    cal.put("calibrated", e.calibrated());
    cal.put("note", e.calibrationNote());
    e.budget().ifPresent(b -> {
      ObjectNode bn = n.putObject("budget");
      bn.put("tokens", b.tokens());
      bn.put("days", round(b.days(), 3));
      bn.put("device_hours", round(b.deviceHours(), 1));
      b.energyKwh().ifPresentOrElse(k -> bn.put("energy_kwh", round(k, 1)), () -> bn.putNull("energy_kwh"));
      bn.put("pue", b.pue());
      b.usdPerDeviceHour().ifPresentOrElse(r -> bn.put("usd_per_device_hour", round(r, 4)), () -> bn.putNull("usd_per_device_hour"));
      b.costUsd().ifPresentOrElse(c -> bn.put("cost_usd", round(c, 0)), () -> bn.putNull("cost_usd"));
      bn.put("cost_basis", b.costBasis());
      b.daysRange().ifPresent(r -> {
        bn.putArray("days_range").add(round(r[0], 3)).add(round(r[1], 3));
        double perDay = b.deviceHours() / b.days();
        bn.putArray("device_hours_range").add(round(r[0] * perDay, 1)).add(round(r[1] * perDay, 1));
      });
      b.energyKwhRange().ifPresent(r -> bn.putArray("energy_kwh_range").add(round(r[0], 1)).add(round(r[1], 1)));
      b.costUsdRange().ifPresent(r -> bn.putArray("cost_usd_range").add(round(r[0], 0)).add(round(r[1], 0)));
    });
    return chipmix.io.OutputCheck.checked(n);
  }

  /** A search outcome: the best layout's fields at the top level, the search counters and {@code best}, every layout. */
  public static ObjectNode search(TrainingEstimator.SearchOutcome s, String objective) {
    ObjectNode root = estimate(s.best().get(0));
    root.put("objective", objective);
    root.put("evaluated", s.evaluated());
    root.put("feasible", s.feasible());
    root.put("pruned_by_memory", s.prunedByMemory());
    root.put("search_ms", round(s.searchMillis(), 3));
    ArrayNode best = root.putArray("best");
    for (TrainingEstimate e : s.best()) {
      best.add(estimate(e));
    }
    s.expertsBeyondChecked().ifPresent(b -> {
      ObjectNode o = root.putObject("experts_per_device_beyond_checked");
      o.put("local_experts", b.localExperts());
      o.put("max_checked", b.widest().localExperts());
      o.put("checked_case", b.widest().caseId());
    });
    return chipmix.io.OutputCheck.checked(root);
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
