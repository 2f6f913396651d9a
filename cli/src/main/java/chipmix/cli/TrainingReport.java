package chipmix.cli;

import chipmix.perfmodel.Layout;
import chipmix.search.TrainingEstimate;
import chipmix.search.TrainingJson;
import chipmix.search.TrainingEstimator.SearchOutcome;
import chipmix.units.Human;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** Renders training estimates and searches as text or JSON (the JSON keys are a documented contract). */
final class TrainingReport {

  private TrainingReport() {}

  // ---- JSON ----------------------------------------------------------------------------

  static String json(TrainingEstimate e) {
    return write(TrainingJson.estimate(e));
  }

  static String json(SearchOutcome s, String objective) {
    return write(TrainingJson.search(s, objective));
  }

  private static String write(ObjectNode n) {
    return OutputFormat.jsonText(n) + System.lineSeparator();
  }

  // ---- text ----------------------------------------------------------------------------

  static String text(TrainingEstimate e) {
    TrainingJson.estimate(e); // the output guard: no NaN, Infinity or negative count reaches the text either
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Training %s on %d x %s (seq %d, batch %d sequences, %s, %s gradients)%n", e.model(),
        e.devices(), e.chip(), e.seqLen(), e.globalBatch(), e.precision(), e.gradPrecision()));
    s.append("Recipe: ").append(e.recipe().id()).append(" (").append(e.recipe().name()).append(")");
    s.append(e.recipe().explicit().isEmpty() ? "; all settings the recipe's" : "; set explicitly: " + e.recipe().explicit().stream()
        .map(k -> k + "=" + e.recipe().settings().get(k)).reduce((a, b) -> a + ", " + b).orElse(""));
    s.append(System.lineSeparator()).append("  settings: ");
    s.append(e.recipe().settings().entrySet().stream().map(x -> x.getKey() + " " + x.getValue()).reduce((a, b) -> a + ", " + b)
        .orElse("")).append(System.lineSeparator());
    e.scaleOutBasis().ifPresent(b -> s.append("Network: scale-out ").append(b).append(System.lineSeparator()));
    s.append("Layout: ").append(e.layout());
    if (!e.chosen().isEmpty()) {
      s.append("  (chosen by search: ").append(String.join(", ", e.chosen())).append(")");
    }
    s.append(System.lineSeparator());
    s.append(String.format(Locale.ROOT, "Step time:        %.3f s", e.stepSeconds()));
    e.ranges().ifPresent(r -> s.append(String.format(Locale.ROOT, "  (catalog ranges: %.3f to %.3f s)", r.stepSeconds()[0],
        r.stepSeconds()[1])));
    s.append(String.format(Locale.ROOT, "  over %.0f micro-batches%n", e.microBatches()));
    s.append(String.format(Locale.ROOT, "Throughput:       %,.0f tokens/s, %,.1f tokens/s per device", e.tokensPerSecond(),
        e.tokensPerSecondPerDevice()));
    e.ranges().ifPresent(r -> s.append(String.format(Locale.ROOT, "  (catalog ranges: %,.0f to %,.0f tokens/s)",
        r.tokensPerSecond()[0], r.tokensPerSecond()[1])));
    s.append(System.lineSeparator());
    s.append(String.format(Locale.ROOT, "Model FLOPs:      %s per token (6N + attention, PaLM)%n", Human.count(e.modelFlopsPerToken(), 4)));
    s.append(String.format(Locale.ROOT, "Model TFLOP/s:    %.1f per device, MFU %.1f%% of the BF16 peak", e.modelTflopsPerDevice(),
        100 * e.mfu()));
    e.mfuAtPrecisionPeak().ifPresent(v -> s.append(String.format(Locale.ROOT, " (%.1f%% of the %s peak)", 100 * v, e.precision())));
    e.ranges().ifPresent(r -> s.append(String.format(Locale.ROOT, "  (catalog ranges: %.1f to %.1f, MFU %.1f%% to %.1f%%)",
        r.modelTflopsPerDevice()[0], r.modelTflopsPerDevice()[1], 100 * r.mfu()[0], 100 * r.mfu()[1])));
    s.append(System.lineSeparator());
    // HFU counts the recomputed forward work too; without recompute it equals MFU's FLOPs
    String hfuBasis = e.layout().recompute() == chipmix.perfmodel.Recompute.NONE ? "no recompute: equals MFU's FLOPs"
        : "counting the " + e.layout().recompute().name().toLowerCase(Locale.ROOT) + " recompute";
    s.append(String.format(Locale.ROOT, "Hardware TFLOP/s: %.1f per device, HFU %.1f%% (%s)", e.hardwareTflopsPerDevice(),
        100 * e.hfu(), hfuBasis));
    e.ranges().ifPresent(r -> s.append(String.format(Locale.ROOT, "  (catalog ranges: %.1f to %.1f, HFU %.1f%% to %.1f%%)",
        r.hardwareTflopsPerDevice()[0], r.hardwareTflopsPerDevice()[1], 100 * r.hfu()[0], 100 * r.hfu()[1])));
    s.append(System.lineSeparator());
    s.append(String.format(Locale.ROOT, "Memory/device:    %.1f of %.1f GiB, %s%n", e.memoryPerDeviceGiB(), e.capacityGiB(),
        e.fits() ? "fits" : String.format(Locale.ROOT, "DOES NOT FIT: %.1f GiB short", e.shortfallGiB())));
    for (Map.Entry<String, Double> m : e.memoryGiB().entrySet()) {
      s.append(String.format(Locale.ROOT, "  %-20s %8.2f GiB%n", m.getKey(), m.getValue()));
    }
    if (e.peakAtOptimizerStep()) {
      s.append("  peak at the optimizer step: the FP32 copy of the 16-bit gradients, activations freed")
          .append(System.lineSeparator());
    }
    s.append("Step breakdown:").append(System.lineSeparator());
    for (Map.Entry<String, Double> b : e.breakdownSeconds().entrySet()) {
      if (b.getValue() > 0) {
        s.append(String.format(Locale.ROOT, "  %-20s %9.4f s %5.1f%%%n", b.getKey(), b.getValue(), 100 * b.getValue() / e.stepSeconds()));
      }
    }
    e.budget().ifPresent(b -> {
      s.append(String.format(Locale.ROOT, "Budget %s tokens: %.1f days, %,.0f device-hours", Human.count(b.tokens(), 3), b.days(), b.deviceHours()));
      b.energyKwh().ifPresent(k -> s.append(String.format(Locale.ROOT, ", %,.0f kWh (TDP x PUE %.2f)", k, b.pue())));
      b.costUsd().ifPresent(c -> s.append(String.format(Locale.ROOT, ", $%,.0f", c)));
      s.append(" [").append(chipmix.validation.FieldRef.asOption(b.costBasis())).append("]").append(System.lineSeparator());
      b.daysRange().ifPresent(r -> s.append(String.format(Locale.ROOT, "  catalog ranges: %.1f to %.1f days", r[0], r[1])));
      b.energyKwhRange().ifPresent(r -> s.append(String.format(Locale.ROOT, "%s%,.0f to %,.0f kWh",
          b.daysRange().isPresent() ? ", " : "  catalog ranges: ", r[0], r[1])));
      b.costUsdRange().ifPresent(r -> s.append(String.format(Locale.ROOT, "%s$%,.0f to $%,.0f",
          b.daysRange().isPresent() || b.energyKwhRange().isPresent() ? ", " : "  catalog ranges: ", r[0], r[1])));
      if (b.daysRange().isPresent() || b.energyKwhRange().isPresent() || b.costUsdRange().isPresent()) {
        s.append(System.lineSeparator());
      }
    });
    s.append("Calibration: ").append(e.calibrationNote()).append(System.lineSeparator());
    return s.toString();
  }

  static String text(SearchOutcome so, String objective) {
    TrainingJson.search(so, objective); // the output guard, as for the estimate
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
    so.expertsBeyondChecked().ifPresent(b -> s.append(String.format(Locale.ROOT, "Note: the best layout holds %d routed experts per device; the"
        + " published MoE runs the model was checked on hold at most %d (%s), so its host-issued expert time (moe_host) is"
        + " an extrapolation.%n", b.localExperts(), b.widest().localExperts(), b.widest().caseId())));
    s.append(System.lineSeparator()).append("Best layout in detail:").append(System.lineSeparator()).append(text(first));
    return s.toString();
  }
}
