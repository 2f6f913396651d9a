package chipmix.cli.infer;

import chipmix.cli.OutputFormat;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.InferenceEstimate;
import chipmix.perfmodel.InferenceRange;
import chipmix.perfmodel.StepTime;
import chipmix.serving.Pool;
import chipmix.serving.ServingJson;
import chipmix.serving.ServingPlan;
import chipmix.serving.SizingResult;
import chipmix.validation.Issues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Text and JSON renderings of inference estimates and sizing results. The JSON keys are a documented contract. */
final class InferOutput {
  private static final double GIB = 1L << 30;

  private InferOutput() {}

  /**
   * Whether JSON was asked for. A bad {@code --format} is reported together with the core's
   * input problems ({@code coreCheck}), so one message lists them all; with a good format the
   * core's checks are left to the command's own run (they are not run twice).
   */
  static boolean json(String format, Runnable coreCheck) {
    return format(format, coreCheck) == chipmix.cli.OutputFormat.JSON;
  }

  /** The --format asked for (text, json or csv); a bad one is listed with the core's checks of the other values. */
  static chipmix.cli.OutputFormat format(String format, Runnable coreCheck) {
    chipmix.validation.Issues issues = new chipmix.validation.Issues();
    chipmix.cli.OutputFormat f = chipmix.cli.OutputFormat.parse(issues, format, chipmix.cli.OutputFormat.TEXT,
        chipmix.cli.OutputFormat.JSON, chipmix.cli.OutputFormat.CSV);
    if (!issues.isEmpty()) {
      issues.attempt(() -> {
        coreCheck.run();
        return true;
      });
      issues.throwIfAny();
    }
    return f;
  }

  /** The rows of {@code key} of a JSON answer (or the whole answer as one row when {@code key} is empty) as CSV. */
  static String csv(com.fasterxml.jackson.databind.JsonNode answer, String key) {
    return chipmix.cli.Tabular.of(key.isEmpty() ? answer : answer.path(key)).csv();
  }

  static String key(Enum<?> e) {
    return ServingJson.key(e);
  }


  // ---- estimate ----------------------------------------------------------------------

  static String estimateText(InferenceEstimate e, InferenceDevice dev, Optional<InferenceRange> range) {
    ServingJson.estimate(e, dev, range); // the output guard: no NaN, Infinity or negative count reaches the text either
    StringBuilder sb = new StringBuilder();
    sb.append("Inference estimate: ").append(e.modelName()).append(" on ").append(e.chipId()).append(" (")
        .append(dev.hardware().systemId()).append("), ").append(e.layout()).append(" per replica\n");
    sb.append("Workload: prompt ").append(e.workload().promptTokens()).append(" tokens, output ")
        .append(e.workload().outputTokens()).append(" tokens; weights ").append(key(e.workload().weights()))
        .append(" (matmuls ").append(key(e.computePrecision())).append("), KV cache ").append(key(e.workload().kv()))
        .append("\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Batch", e.batch() + " sequences per replica (" + limit(e.batchLimit()) + "); largest that fits: "
        + e.maxBatch()});
    rows.add(new String[] {"TTFT", num(e.ttft().toMillis()) + " ms (prefill " + e.prefillBound().key() + "-bound)"});
    rows.add(new String[] {"TPOT", num(e.tpot().toMillis()) + " ms with prefill interleaved; decode only "
        + num(e.decodeStep().toMillis()) + " ms per output token (" + e.decodeBound().key() + "-bound)"});
    rows.add(new String[] {"Prefill throughput", num(e.prefillTokensPerSecondPerDevice()) + " prompt tokens/s per device"});
    rows.add(new String[] {"Decode throughput", num(e.decodeTokensPerSecondPerDevice())
        + " output tokens/s per device (decode-only pool)"});
    rows.add(new String[] {"Output throughput", num(e.outputTokensPerSecondPerDevice())
        + " output tokens/s per device (prefill and decode on the same devices)"});
    e.serving().speculation().ifPresent(sp -> rows.add(new String[] {"Speculative decoding", sp.kind() + ": "
        + sp.tokensPerPass() + " tokens verified per pass, " + num(sp.acceptLength()) + " accepted (output tokens per pass); "
        + "draft " + num(sp.draftPerPass().toMillis()) + " ms per pass; the pass costs " + pct(sp.extraComputeShare())
        + " more than a plain decode step; extra memory " + num(sp.extraMemoryPerDevice().bytes() / GIB) + " GiB per device"}));
    rows.add(new String[] {"Serving recipe", e.serving().recipeSettings()});
    rows.add(new String[] {"KV cache per token", num(e.kvCacheBytesPerToken().bytes() / 1024) + " KiB (whole model)"});
    rows.add(new String[] {"Memory per device", num(e.memoryPerDevice().bytes() / GIB) + " of "
        + num(e.deviceMemory().bytes() / GIB) + " GiB: weights " + num(e.weightsPerDevice().bytes() / GIB)
        + ", KV cache " + num(e.kvCachePerDevice().bytes() / GIB) + ", runtime reserve "
        + num(e.deviceMemory().bytes() * dev.serving().memoryReserveFraction().value() / GIB)});
    sb.append(table(rows));
    range.ifPresent(r -> sb.append("Range              TTFT ").append(num(r.ttftMs().low())).append("–")
        .append(num(r.ttftMs().high())).append(" ms, TPOT ").append(num(r.tpotMs().low())).append("–")
        .append(num(r.tpotMs().high())).append(" ms, decode ").append(num(r.decodeTokensPerSecondPerDevice().low()))
        .append("–").append(num(r.decodeTokensPerSecondPerDevice().high())).append(" tokens/s per device (")
        .append(r.basis()).append(")\n"));
    sb.append('\n');
    sb.append("Decode step (ms):  ").append(terms(e.decodeTerms())).append('\n');
    sb.append("Prefill pass (ms): ").append(terms(e.prefillTerms())).append('\n');
    sb.append("  compute and memory overlap inside a kernel class (GEMMs, attention; in a two-batch decode pass, each stage of its schedule), the classes run in turn; the all-to-all adds: all of it without overlap, the part left exposed under two-batch (decode)"
        + " or single-batch overlap; a two-batch prefill overlaps it with compute and memory (the longest counts); tensor-parallel, overhead and draft add.\n\n");
    sb.append("Assumptions\n");
    e.assumptions().forEach(a -> sb.append("  - ").append(chipmix.validation.FieldRef.asOption(a)).append('\n'));
    sb.append("Calibration: ").append(calibrationText(dev)).append('\n');
    return sb.toString();
  }

  /** The serving-capacity curve as a table: batch, TPOT and throughput per device, decode-only and colocated. */
  static String curveText(List<chipmix.perfmodel.InferenceModel.CurvePoint> points) {
    StringBuilder sb = new StringBuilder("\nServing-capacity curve (per replica batch; throughput per device)\n");
    sb.append(String.format(java.util.Locale.ROOT, "%8s  %16s  %18s  %16s  %18s  %s%n", "Batch", "Decode TPOT ms",
        "Decode tok/s/dev", "Colocated TPOT ms", "Output tok/s/dev", "Bound"));
    for (var p : points) {
      sb.append(String.format(java.util.Locale.ROOT, "%8d  %16s  %18s  %16s  %18s  %s%n", p.batch(),
          num(p.decodeTpot().toMillis()), num(p.decodeTokensPerSecondPerDevice()), num(p.colocatedTpot().toMillis()),
          num(p.outputTokensPerSecondPerDevice()), p.bound().key()));
    }
    return sb.toString();
  }

  static String calibrationText(InferenceDevice dev) {
    var s = dev.serving();
    return "decode memory efficiency " + s.decodeMemoryEfficiency().value() + " (" + s.decodeMemoryEfficiency().source()
        + ", " + key(s.decodeMemoryEfficiency().confidence()) + "); forward overhead " + s.forwardOverheadMs().value()
        + " ms; GEMM ceiling " + dev.hardware().calibration().gemmMaxEfficiency().value() + " ("
        + dev.hardware().calibration().gemmMaxEfficiency().source() + ")";
  }

  private static String terms(StepTime t) {
    return "compute " + num(t.compute().toMillis()) + ", memory " + num(t.memory().toMillis())
        + (t.kernelSerial().seconds() > 0 ? " (+" + num(t.kernelSerial().toMillis()) + " kernels bound differently, run in turn)" : "")
        + ", all-to-all "
        + num(t.allToAll().toMillis()) + ", tensor-parallel " + num(t.tensorParallel().toMillis()) + ", overhead "
        + num(t.overhead().toMillis()) + (t.draft().seconds() > 0 ? ", draft " + num(t.draft().toMillis()) : "")
        + (t.allToAllOverlapped() ? " (all-to-all overlapped with compute and memory: the longest counts)" : "") + " -> " + num(t.total().toMillis());
  }

  private static String pct(double share) {
    return Math.round(100 * share) + "%";
  }

  private static String limit(String batchLimit) {
    return switch (batchLimit) {
      case "memory" -> "limited by memory";
      case "latency" -> "limited by the TPOT target";
      default -> "as given";
    };
  }

  // ---- size --------------------------------------------------------------------------

  static String sizeText(SizingResult r) {
    ServingJson.size(r); // the output guard: no NaN, Infinity or negative count reaches the text either
    StringBuilder sb = new StringBuilder();
    var d = r.demand();
    sb.append("Serving ").append(r.modelName()).append(": ").append(num(d.requestsPerSecond())).append(" requests/s (")
        .append(num(d.outputTokensPerSecond())).append(" output tokens/s); prompt ").append(d.promptTokens())
        .append(", output ").append(d.outputTokens()).append(" tokens; targets TTFT ").append(num(d.ttft().toMillis()))
        .append(" ms, TPOT ").append(num(d.tpot().toMillis())).append(" ms\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Rank", "Plan", "Devices", "Replicas x shape", "Batch", "Decode", "TTFT ms", "TPOT ms",
        "Out tok/s/dev", "$/M out", "kW"});
    int rank = 1;
    for (ServingPlan p : r.ranked()) {
      List<String> shapes = new ArrayList<>();
      List<String> batches = new ArrayList<>();
      for (Pool pool : p.pools()) {
        String prefix = p.disaggregated() ? pool.role().key().charAt(0) + ":" : "";
        shapes.add(prefix + pool.replicas() + "x" + pool.layout().devices() + " (tp" + pool.layout().tp() + " ep"
            + pool.layout().ep() + ")");
        if (pool.role() != Pool.Role.PREFILL) {
          batches.add(Integer.toString(pool.batch()));
        }
      }
      Pool gen = p.pools().get(p.pools().size() - 1);
      rows.add(new String[] {Integer.toString(rank++), p.label(), Integer.toString(p.devices()), String.join(" ", shapes),
          String.join(" ", batches), gen.bound().key(), num(p.ttft().toMillis()), num(p.tpot().toMillis()),
          num(p.outputTokensPerSecondPerDevice()), p.costPerMillionOutputTokens().map(InferOutput::money).orElse("-"),
          p.powerKw().map(InferOutput::num).orElse("-")});
    }
    sb.append(table(rows));
    sb.append("\nWhy ").append(r.ranked().get(0).label()).append('\n');
    r.explanation().forEach(x -> sb.append("  - ").append(chipmix.validation.FieldRef.asOption(x)).append('\n'));
    sb.append("\nPlans\n");
    for (ServingPlan p : r.ranked()) {
      sb.append("  ").append(p.label()).append(":\n");
      p.why().forEach(x -> sb.append("    - ").append(chipmix.validation.FieldRef.asOption(x)).append('\n'));
    }
    if (!r.rejected().isEmpty()) {
      sb.append("\nCannot serve this demand\n");
      r.rejected().forEach(x -> sb.append("  - ").append(x.label()).append(": ").append(chipmix.validation.FieldRef.asOption(x.reason())).append('\n'));
    }
    sb.append("\nAssumptions\n");
    r.assumptions().forEach(x -> sb.append("  - ").append(chipmix.validation.FieldRef.asOption(x)).append('\n'));
    return sb.toString();
  }

  // ---- helpers -----------------------------------------------------------------------

  static String table(List<String[]> rows) {
    int cols = rows.stream().mapToInt(a -> a.length).max().orElse(0);
    int[] w = new int[cols];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        w[i] = Math.max(w[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], w[i]));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  /** Four significant digits: JSON numbers stay stable and readable. */
  static String num(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.2f", v);
  }

  static String money(double v) {
    return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.3f", v);
  }

}
