package chipmix.cli;

import chipmix.perfmodel.Layout;
import chipmix.search.TrainingEstimate;
import chipmix.search.TrainingEstimator.SearchOutcome;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** Renders training estimates and searches as text or JSON (the JSON keys are a documented contract). */
final class TrainingReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrainingReport() {}

  // ---- JSON ----------------------------------------------------------------------------

  static String json(TrainingEstimate e) {
    return write(node(e));
  }

  static String json(SearchOutcome s, String objective) {
    ObjectNode root = node(s.best().get(0));
    root.put("objective", objective);
    root.put("evaluated", s.evaluated());
    root.put("feasible", s.feasible());
    root.put("pruned_by_memory", s.prunedByMemory());
    root.put("search_ms", round(s.searchMillis(), 3));
    ArrayNode best = root.putArray("best");
    for (TrainingEstimate e : s.best()) {
      best.add(node(e));
    }
    return write(root);
  }

  private static String write(ObjectNode n) {
    try {
      return JSON.writeValueAsString(n) + System.lineSeparator();
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  static ObjectNode node(TrainingEstimate e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("model", e.model());
    n.put("chip", e.chip());
    n.put("devices", e.devices());
    n.put("seq_len", e.seqLen());
    n.put("global_batch", e.globalBatch());
    n.put("precision", e.precision());
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
    e.stepRange().ifPresent(r -> n.putArray("step_time_range_s").add(round(r[0], 6)).add(round(r[1], 6)));
    n.put("micro_batches", e.microBatches());
    n.put("tokens_per_s", round(e.tokensPerSecond(), 1));
    n.put("tokens_per_s_per_device", round(e.tokensPerSecondPerDevice(), 2));
    n.put("model_flops_per_token", e.modelFlopsPerToken());
    n.put("model_tflops_per_device", round(e.modelTflopsPerDevice(), 2));
    n.put("mfu", round(e.mfu(), 4));
    n.put("hardware_tflops_per_device", round(e.hardwareTflopsPerDevice(), 2));
    n.put("hfu", round(e.hfu(), 4));
    n.put("memory_per_device_gib", round(e.memoryPerDeviceGiB(), 2));
    n.put("memory_capacity_gib", round(e.capacityGiB(), 2));
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
    });
    return n;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  // ---- text ----------------------------------------------------------------------------

  static String text(TrainingEstimate e) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Training %s on %d x %s (seq %d, batch %d sequences, %s)%n", e.model(), e.devices(),
        e.chip(), e.seqLen(), e.globalBatch(), e.precision()));
    s.append("Layout: ").append(e.layout());
    if (!e.chosen().isEmpty()) {
      s.append("  (chosen by search: ").append(String.join(", ", e.chosen())).append(")");
    }
    s.append(System.lineSeparator());
    s.append(String.format(Locale.ROOT, "Step time:        %.3f s", e.stepSeconds()));
    e.stepRange().ifPresent(r -> s.append(String.format(Locale.ROOT, "  (catalog ranges: %.3f to %.3f s)", r[0], r[1])));
    s.append(String.format(Locale.ROOT, "  over %.0f micro-batches%n", e.microBatches()));
    s.append(String.format(Locale.ROOT, "Throughput:       %,.0f tokens/s, %,.1f tokens/s per device%n", e.tokensPerSecond(),
        e.tokensPerSecondPerDevice()));
    s.append(String.format(Locale.ROOT, "Model FLOPs:      %.4g per token (6N + attention, PaLM)%n", e.modelFlopsPerToken()));
    s.append(String.format(Locale.ROOT, "Model TFLOP/s:    %.1f per device, MFU %.1f%%%n", e.modelTflopsPerDevice(), 100 * e.mfu()));
    s.append(String.format(Locale.ROOT, "Hardware TFLOP/s: %.1f per device, HFU %.1f%% (with recompute)%n",
        e.hardwareTflopsPerDevice(), 100 * e.hfu()));
    s.append(String.format(Locale.ROOT, "Memory/device:    %.1f of %.1f GiB, %s%n", e.memoryPerDeviceGiB(), e.capacityGiB(),
        e.fits() ? "fits" : String.format(Locale.ROOT, "DOES NOT FIT: %.1f GiB short", e.shortfallGiB())));
    for (Map.Entry<String, Double> m : e.memoryGiB().entrySet()) {
      s.append(String.format(Locale.ROOT, "  %-20s %8.2f GiB%n", m.getKey(), m.getValue()));
    }
    s.append("Step breakdown:").append(System.lineSeparator());
    for (Map.Entry<String, Double> b : e.breakdownSeconds().entrySet()) {
      if (b.getValue() > 0) {
        s.append(String.format(Locale.ROOT, "  %-20s %9.4f s %5.1f%%%n", b.getKey(), b.getValue(), 100 * b.getValue() / e.stepSeconds()));
      }
    }
    e.budget().ifPresent(b -> {
      s.append(String.format(Locale.ROOT, "Budget %.3g tokens: %.1f days, %,.0f device-hours", b.tokens(), b.days(), b.deviceHours()));
      b.energyKwh().ifPresent(k -> s.append(String.format(Locale.ROOT, ", %,.0f kWh (TDP x PUE %.2f)", k, b.pue())));
      b.costUsd().ifPresent(c -> s.append(String.format(Locale.ROOT, ", $%,.0f", c)));
      s.append(" [").append(b.costBasis()).append("]").append(System.lineSeparator());
    });
    s.append("Calibration: ").append(e.calibrationNote()).append(System.lineSeparator());
    return s.toString();
  }

  static String text(SearchOutcome so, String objective) {
    StringBuilder s = new StringBuilder();
    TrainingEstimate first = so.best().get(0);
    s.append(String.format(Locale.ROOT, "Search: %s on %d x %s, objective %s: %,d layouts evaluated, %,d fit, %,d pruned early, %.1f ms%n",
        first.model(), first.devices(), first.chip(), objective, so.evaluated(), so.feasible(), so.prunedByMemory(), so.searchMillis()));
    s.append(String.format(Locale.ROOT, "%-4s %-72s %10s %8s %6s %9s  %s%n", "rank", "layout", "step s", "tok/s/dev", "MFU",
        "mem GiB", "largest costs"));
    int rank = 1;
    for (TrainingEstimate e : so.best()) {
      String top = e.breakdownSeconds().entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(3)
          .map(x -> String.format(Locale.ROOT, "%s %.0f%%", x.getKey(), 100 * x.getValue() / e.stepSeconds()))
          .reduce((a, b) -> a + ", " + b).orElse("");
      s.append(String.format(Locale.ROOT, "%-4d %-72s %10.3f %8.1f %5.1f%% %9.1f  %s%n", rank++, e.layout(), e.stepSeconds(),
          e.tokensPerSecondPerDevice(), 100 * e.mfu(), e.memoryPerDeviceGiB(), top));
    }
    s.append(System.lineSeparator()).append("Best layout in detail:").append(System.lineSeparator()).append(text(first));
    return s.toString();
  }
}
