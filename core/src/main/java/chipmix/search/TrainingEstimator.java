package chipmix.search;

import static chipmix.perfmodel.TrainingCostModel.*;

import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.Layout;
import chipmix.perfmodel.TrainingCostModel;
import chipmix.perfmodel.TrainingOptions;
import chipmix.published.CheckedExpertLayouts;
import chipmix.validation.InfeasibleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Estimates a layout (filling open parts through the search) and runs searches, producing {@link TrainingEstimate}s. */
public final class TrainingEstimator {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private TrainingEstimator() {}

  /** A search outcome with its top layouts costed in full. */
  /**
   * The best layouts of a search and its counts.
   *
   * @param expertsBeyondChecked present when the best layout holds more routed experts per device than any published MoE run the
   *     model was checked on, so its host-issued expert cost is an extrapolation
   */
  public record SearchOutcome(List<TrainingEstimate> best, long evaluated, long feasible, long prunedByMemory,
      double searchMillis, Optional<CheckedExpertLayouts.Beyond> expertsBeyondChecked) {
    public SearchOutcome {
      best = List.copyOf(best);
      java.util.Objects.requireNonNull(expertsBeyondChecked, "expertsBeyondChecked");
    }
  }

  public static TrainingEstimate estimate(TrainingRequest request) {
    request.validate();
    TrainingCostModel cost = new TrainingCostModel(request.model(), request.hardware(), request.options());
    requireScaleOut(request, cost);
    PartialLayout fixed = request.layout();
    Layout layout;
    List<String> chosen;
    if (fixed.complete()) {
      layout = new Layout(fixed.tp().get(), fixed.pp().get(), fixed.dp().get(), fixed.cp().get(), fixed.ep().get(),
          fixed.vpp().get(), fixed.microBatch().get(), fixed.recompute().get(), fixed.sharding().get());
      chosen = List.of();
    } else {
      LayoutSearch.Result r = LayoutSearch.search(cost, request.devices(), fixed, 1);
      if (r.best().isEmpty()) {
        throw infeasible(request, r);
      }
      layout = r.best().get(0).layout();
      chosen = fixed.openParts();
    }
    return build(cost, request, layout, chosen);
  }

  public static SearchOutcome search(TrainingRequest request, int topK, Objective objective) {
    request.validate();
    TrainingCostModel cost = new TrainingCostModel(request.model(), request.hardware(), request.options());
    requireScaleOut(request, cost);
    LayoutSearch.Result r = LayoutSearch.search(cost, request.devices(), request.layout(), topK);
    if (r.best().isEmpty()) {
      throw infeasible(request, r);
    }
    List<TrainingEstimate> best = new ArrayList<>();
    for (LayoutSearch.Ranked ranked : r.best()) {
      best.add(build(cost, request, ranked.layout(), request.layout().openParts()));
    }
    return new SearchOutcome(best, r.evaluated(), r.feasible(), r.prunedByMemory(), r.searchMillis(),
        CheckedExpertLayouts.beyondBundled(request.model(), best.get(0).layout().ep()));
  }

  private static void requireScaleOut(TrainingRequest request, TrainingCostModel cost) {
    if (request.devices() > request.hardware().scaleUpDomain() && !cost.hasScaleOut()) {
      throw chipmix.validation.InvalidInputException.of("`scale_out_gbps`", request.devices() + " devices span more than one "
          + request.hardware().scaleUpDomain() + "-device scale-up domain, but the catalog states no scale-out bandwidth for "
          + request.hardware().chipId() + "; give the per-device network bandwidth with `scale_out_gbps` (for example 400)");
    }
  }

  private static InfeasibleException infeasible(TrainingRequest request, LayoutSearch.Result r) {
    double cap = request.hardware().memory().bytes() / GIB;
    String nearest = r.smallestMemoryLayout() == null
        ? "no layout satisfies the fixed parts and the divisibility rules"
        : "the smallest layout needs " + String.format(Locale.ROOT, "%.1f GiB", r.smallestMemoryBytes() / GIB)
            + " per device (" + r.smallestMemoryLayout() + ") against " + String.format(Locale.ROOT, "%.1f GiB", cap);
    return new InfeasibleException(request.model().name() + " fits in no layout on " + request.devices() + " x "
        + request.hardware().chipId() + ": " + nearest + " (" + r.evaluated() + " layouts checked). "
        + "To make it fit: use more devices, free `pp`/`tp`/`zero`/`recompute` if fixed, lower `seq_len` or `micro_batch`, or pick a chip with more memory.");
  }

  static TrainingEstimate build(TrainingCostModel cost, TrainingRequest req, Layout l, List<String> chosen) {
    double[] out = new double[OUT_SIZE];
    double step = cost.evaluate(l.tp(), l.pp(), l.dp(), l.cp(), l.ep(), l.vpp(), l.microBatch(), l.recompute(), l.sharding(), out);
    TrainingOptions o = req.options();
    Hardware hw = req.hardware();
    long n = req.devices();
    double tokensPerStep = (double) o.globalBatch() * o.seqLen();
    double tps = tokensPerStep / step;
    // MFU convention: model FLOPs over the dense BF16 peak; FP8 runs also against the FP8 peak
    double peak = hw.peak(chipmix.perfmodel.Precision.BF16).flopsPerSecond();
    double precisionPeak = hw.peak(o.precision()).flopsPerSecond();
    double modelFlops = cost.modelFlopsPerToken();
    double modelTflops = modelFlops * tps / n / 1e12;
    double hwTflops = out[HW_FLOPS_PER_STEP] / step / n / 1e12;
    Map<String, Double> mem = new LinkedHashMap<>();
    mem.put("weights", out[M_WEIGHTS] / GIB);
    mem.put("gradients_optimizer", out[M_GRADS_OPTIMIZER] / GIB);
    mem.put("activations", out[M_ACTIVATIONS] / GIB);
    mem.put("logits", out[M_LOGITS] / GIB);
    mem.put("reserve", out[M_RESERVE] / GIB);
    Map<String, Double> br = new LinkedHashMap<>();
    br.put("gemm", out[T_GEMM]);
    br.put("attention", out[T_ATTENTION]);
    br.put("memory_bound", out[T_MEMORY_BOUND]);
    br.put("recompute", out[T_RECOMPUTE]);
    br.put("tp_comm", out[T_TP_COMM]);
    br.put("cp_comm", out[T_CP_COMM]);
    br.put("ep_comm", out[T_EP_COMM]);
    br.put("pp_comm", out[T_PP_COMM]);
    br.put("pipeline_bubble", out[T_BUBBLE]);
    br.put("dp_comm_exposed", out[T_DP_COMM]);
    br.put("optimizer", out[T_OPTIMIZER]);
    br.put("moe_host", out[T_MOE_HOST]);
    double total = out[M_TOTAL];
    double cap = cost.capacityBytes();
    Optional<TrainingEstimate.Ranges> ranges = Optional.empty();
    if (hw.hasRanges()) {
      // the same layout at the fast and the slow end of every catalog range (hardware FLOPs do not depend on them)
      Hardware fastHw = hw.atBound(true);
      Hardware slowHw = hw.atBound(false);
      double fast = new TrainingCostModel(req.model(), fastHw, o).evaluate(l.tp(), l.pp(), l.dp(), l.cp(), l.ep(),
          l.vpp(), l.microBatch(), l.recompute(), l.sharding(), null);
      double slow = new TrainingCostModel(req.model(), slowHw, o).evaluate(l.tp(), l.pp(), l.dp(), l.cp(), l.ep(),
          l.vpp(), l.microBatch(), l.recompute(), l.sharding(), null);
      double fastPeak = fastHw.peak(chipmix.perfmodel.Precision.BF16).flopsPerSecond();
      double slowPeak = slowHw.peak(chipmix.perfmodel.Precision.BF16).flopsPerSecond();
      // each range also holds the nominal figure, which need not sit at either end (nominal values of
      // other ranged figures may be interior)
      double nominalMfu = modelTflops * 1e12 / peak;
      double nominalHfu = hwTflops * 1e12 / peak;
      double modelSlow = modelFlops * tokensPerStep / slow / n / 1e12;
      double modelFast = modelFlops * tokensPerStep / fast / n / 1e12;
      double hwSlow = out[HW_FLOPS_PER_STEP] / slow / n / 1e12;
      double hwFast = out[HW_FLOPS_PER_STEP] / fast / n / 1e12;
      double[] tpsRange = span(tps, tokensPerStep / slow, tokensPerStep / fast);
      ranges = Optional.of(new TrainingEstimate.Ranges(span(step, fast, slow), tpsRange,
          new double[] {tpsRange[0] / n, tpsRange[1] / n}, span(modelTflops, modelSlow, modelFast),
          span(nominalMfu, modelSlow * 1e12 / slowPeak, modelFast * 1e12 / fastPeak), span(hwTflops, hwSlow, hwFast),
          span(nominalHfu, hwSlow * 1e12 / slowPeak, hwFast * 1e12 / fastPeak)));
    }
    final Optional<double[]> stepRange = ranges.map(TrainingEstimate.Ranges::stepSeconds);
    Optional<TrainingEstimate.Budget> budget = o.tokens().map(tokens -> {
      double seconds = tokens / tps;
      double deviceHours = seconds / 3600 * n;
      // time scales with the step time, so the catalog ranges carry over as step-range / step
      double fastF = stepRange.map(r -> r[0] / step).orElse(1.0);
      double slowF = stepRange.map(r -> r[1] / step).orElse(1.0);
      double kwhPerWatt = n * seconds / 3600 / 1000 * o.pue();
      Optional<Double> kwh = hw.tdp().map(w -> w.watts() * kwhPerWatt);
      Optional<double[]> kwhRange = hw.tdpSpec().filter(t -> stepRange.isPresent() || t.isRange())
          .map(t -> new double[] {t.low() * kwhPerWatt * fastF, t.high() * kwhPerWatt * slowF});
      Optional<Double> rate;
      Optional<double[]> rateRange = Optional.empty();
      String basis;
      if (o.usdPerDeviceHour().isPresent()) {
        rate = o.usdPerDeviceHour();
        basis = "given $/device-hour";
      } else if (hw.price().isPresent()) {
        double hours = o.amortisationYears() * 365 * 24;
        rate = Optional.of(hw.price().get().dollars() / hours);
        rateRange = hw.priceSpec().map(p -> new double[] {p.low() / hours, p.high() / hours});
        basis = "catalog price amortised over " + chipmix.io.Node.fmt(o.amortisationYears()) + " years (hardware only)";
      } else {
        rate = Optional.empty();
        basis = "no price in the catalog; give " + chipmix.validation.FieldRef.of("usd_per_device_hour");
      }
      Optional<Double> usd = rate.map(r -> r * deviceHours);
      double[] rr = rateRange.orElse(rate.map(r -> new double[] {r, r}).orElse(null));
      Optional<double[]> usdRange = rr == null || (stepRange.isEmpty() && rr[0] == rr[1]) ? Optional.empty()
          : Optional.of(new double[] {rr[0] * deviceHours * fastF, rr[1] * deviceHours * slowF});
      Optional<double[]> daysRange = stepRange.map(r -> new double[] {seconds / 86400 * fastF, seconds / 86400 * slowF});
      return new TrainingEstimate.Budget(tokens, seconds / 86400, deviceHours, kwh, o.pue(), usd, rate, basis, daysRange,
          kwhRange, usdRange);
    });
    return new TrainingEstimate(req.model().name(), hw.chipId(), n, o.seqLen(), o.globalBatch(),
        o.precision().name().toLowerCase(Locale.ROOT), o.gradientPrecision().text(), l, l.tp() > 1 && o.sequenceParallel(), chosen, step,
        ranges, tps, tps / n, modelFlops, modelTflops,
        modelTflops * 1e12 / peak, hwTflops, hwTflops * 1e12 / peak, out[MICRO_BATCHES], mem, total / GIB, cap / GIB,
        total <= cap, Math.max(0, total - cap) / GIB, br, hw.calibration().calibrated(),
        calibrationNote(hw),
        budget, recipeUse(o), o.precision() == chipmix.perfmodel.Precision.BF16 ? Optional.empty()
            : Optional.of(modelTflops * 1e12 / precisionPeak), scaleOutBasis(hw, n));
  }

  /**
   * Which calibration the estimate rests on: the chip's own fit, or, for a chip that shares another's
   * entry (calibration.yaml {@code chip_ids}, e.g. the Grand Teton H100 on the H100 SXM's), that chip's
   * fit, said so; an uncalibrated entry's own note.
   */
  static String calibrationNote(Hardware hw) {
    if (!hw.calibration().calibrated()) {
      return hw.calibration().note();
    }
    List<String> ids = hw.calibration().chipIds();
    if (ids.isEmpty() || ids.get(0).equals(hw.chipId())) {
      List<String> sharing = ids.isEmpty() ? List.of() : ids.subList(1, ids.size());
      return "calibrated: " + hw.chipId() + (sharing.isEmpty() ? "" : " (calibration.yaml; shared by " + String.join(", ", sharing) + ")");
    }
    return "calibrated: " + ids.get(0) + "'s constants, which " + hw.chipId() + " shares (calibration.yaml)";
  }

  /** The recipe and every setting in force, with the explicit ones named. */
  static TrainingEstimate.RecipeUse recipeUse(TrainingOptions o) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String k : chipmix.perfmodel.Recipes.SETTINGS) {
      settings.put(k, o.settingText(k));
    }
    List<String> explicit = chipmix.perfmodel.Recipes.SETTINGS.stream().filter(o.explicit()::contains).toList();
    return new TrainingEstimate.RecipeUse(o.recipe().id(), o.recipe().name(), settings, explicit);
  }

  /** The scale-out figure the estimate rests on (devices beyond one scale-up domain), with its source and confidence. */
  static Optional<String> scaleOutBasis(Hardware hw, long devices) {
    if (devices <= hw.scaleUpDomain() || hw.scaleOutBandwidthGbps().isEmpty()) {
      return Optional.empty();
    }
    chipmix.catalog.Spec s = hw.scaleOutBandwidthGbps().get();
    return Optional.of(chipmix.io.Node.fmt(s.nominal()) + " Gb/s per device (" + String.join(", ", s.sources()) + "; confidence "
        + s.confidence().name().toLowerCase(Locale.ROOT) + (s.note().isEmpty() ? "" : "; " + s.note()) + ")");
  }

  /** The smallest and largest of the values, as {low, high}. */
  private static double[] span(double... values) {
    return new double[] {java.util.Arrays.stream(values).min().orElseThrow(), java.util.Arrays.stream(values).max().orElseThrow()};
  }

}
