package chipmix.serving;

import static chipmix.perfmodel.InferenceModel.fmt;

import chipmix.cancel.Cancellation;
import chipmix.model.TransformerModel;
import chipmix.perfmodel.BatchChoice;
import chipmix.perfmodel.Hardware;
import chipmix.perfmodel.InferenceDevice;
import chipmix.perfmodel.InferenceEstimate;
import chipmix.perfmodel.InferenceModel;
import chipmix.perfmodel.Precision;
import chipmix.perfmodel.ServingLayout;
import chipmix.perfmodel.StepTime;
import chipmix.perfmodel.Workload;
import chipmix.serving.SizingResult.Rejected;
import chipmix.units.ByteRate;
import chipmix.units.Seconds;
import chipmix.validation.InfeasibleException;
import chipmix.validation.Limits;
import chipmix.validation.Range;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Serving capacity sizing: for each candidate chip (and, disaggregated, each prefill/decode pair
 * of chips) the cheapest replica shape and batch that meet the latency targets, the replicas the
 * demand needs, cost per million output tokens and power; ranked, with the reason the winner wins.
 * Pure function of its request.
 */
public final class Sizer {
  private Sizer() {}

  /**
   * What to size.
   *
   * @param candidates the chips to compare, each with its device profile and serving constants
   * @param kvTransferPath a KV-cache transfer path between prefill and decode pools that the user
   *     declared (bandwidth per prefill device); without it a disaggregated pair moves the KV cache
   *     over both chips' NICs and only between chips of the same vendor
   */
  public record Request(TransformerModel model, Demand demand, WeightsRequest weights, Precision kv,
      List<InferenceDevice> candidates, boolean disaggregated, CostAssumptions cost, Optional<ByteRate> kvTransferPath) {
    public Request {
      Objects.requireNonNull(weights, "weights");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(demand, "demand");
      Objects.requireNonNull(cost, "cost");
      Objects.requireNonNull(kvTransferPath, "kvTransferPath");
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("sizing needs at least one candidate chip");
      }
    }

    /** A request without a declared KV transfer path. */
    public Request(TransformerModel model, Demand demand, Precision weights, Precision kv,
        List<InferenceDevice> candidates, boolean disaggregated, CostAssumptions cost) {
      this(model, demand, WeightsRequest.of(weights), kv, candidates, disaggregated, cost, Optional.empty());
    }

    /** The workload on {@code dev}: its weight precision as {@link ChipPrecision#forSizing} chooses it. */
    Workload workload(InferenceDevice dev) {
      return new Workload(demand.promptTokens(), demand.outputTokens(),
          ChipPrecision.forSizing(dev.hardware(), weights).weights(), kv);
    }
  }

  /** Plans ranked best first; infeasible when no candidate can meet the demand (the message lists why, per candidate). */
  public static SizingResult size(Request r) {
    List<ServingPlan> plans = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (InferenceDevice dev : r.candidates()) {
      Cancellation.check();
      colocated(r, dev).ifPresentOrElse(plans::add, () -> rejected.add(new Rejected(dev.chipId(), whyNot(r, dev))));
    }
    if (r.disaggregated()) {
      for (InferenceDevice a : r.candidates()) {
        for (InferenceDevice b : r.candidates()) {
          Cancellation.check();
          String label = a.chipId() + " -> " + b.chipId();
          List<String> reasons = new ArrayList<>();
          disaggregated(r, a, b, reasons).ifPresentOrElse(plans::add,
              () -> rejected.add(new Rejected(label, String.join("; ", reasons))));
        }
      }
    }
    plans.sort(RANKING);
    if (plans.isEmpty()) {
      StringBuilder msg = new StringBuilder("no candidate can serve " + r.model().name() + " at this demand and these targets:");
      rejected.forEach(x -> msg.append("\n  ").append(x.label()).append(": ").append(x.reason()));
      throw new InfeasibleException(msg.toString());
    }
    List<String> assumptions = new ArrayList<>();
    assumptions.add("cost: " + r.cost().describe());
    assumptions.add("power: device TDP only (no host, network or cooling)");
    assumptions.add("demand is a steady average; no headroom for peaks or failures is added");
    r.candidates().stream().map(d -> ChipPrecision.forSizing(d.hardware(), r.weights()).note()).flatMap(Optional::stream)
        .forEach(assumptions::add);
    r.candidates().stream().map(d -> d.chipId() + ": efficiencies stand for " + d.serving().software()
        + (d.serving().calibrated() ? "" : d.serving().chipIds().isEmpty() ? " (uncalibrated defaults)"
            : " (not fitted to its own runs: " + d.serving().note() + ")")).distinct().forEach(assumptions::add);
    r.candidates().stream().map(d -> d.chipId() + ": serving recipe " + d.recipe().describe()
        + (d.speculation().acceptLength() > 1 ? "; speculative decoding, " + d.speculation().tokensPerPass()
            + " tokens verified per pass, acceptance length " + fmt(d.speculation().acceptLength()) + " (stated, not predicted)" : ""))
        .forEach(assumptions::add);
    return new SizingResult(r.model().name(), r.demand(), plans, rejected, explain(plans, r), assumptions);
  }

  static final Comparator<ServingPlan> RANKING = Comparator
      .comparing((ServingPlan p) -> p.costPerMillionOutputTokens().isEmpty())
      .thenComparingDouble(p -> p.costPerMillionOutputTokens().orElse(0.0))
      .thenComparingInt(ServingPlan::devices)
      .thenComparing(ServingPlan::label);

  // ---- colocated ---------------------------------------------------------------------

  static Optional<ServingPlan> colocated(Request r, InferenceDevice dev) {
    TransformerModel m = r.model();
    Workload w = r.workload(dev);
    Demand d = r.demand();
    Pool best = null;
    for (ServingLayout layout : InferenceModel.candidateLayouts(m, dev.hardware())) {
      Cancellation.check();
      int max = InferenceModel.maxBatch(dev, m, layout, w);
      if (max < 1) {
        continue;
      }
      StepTime pre = InferenceModel.prefill(dev, m, layout, w, 1);
      if (pre.total().seconds() > d.ttft().seconds()) {
        continue;
      }
      int batch = InferenceModel.batchForTpot(dev, m, layout, w, d.tpot(), max, pre);
      if (batch < 1) {
        continue;
      }
      InferenceEstimate est = InferenceModel.estimate(dev, m, layout, w, new BatchChoice.Fixed(batch));
      double perReplica = batch / est.tpot().seconds();
      OptionalInt replicas = replicasWithinCap(d.outputTokensPerSecond(), perReplica, layout);
      if (replicas.isEmpty()) {
        continue;
      }
      String limit = batch == max ? "memory" : "latency";
      Pool pool = pool(Pool.Role.SERVING, dev, layout, replicas.getAsInt(), batch, max, limit, est.decodeBound(),
          est.outputTokensPerSecondPerDevice(), est, r.cost());
      if (best == null || cheaper(pool, best)) {
        best = pool;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    InferenceEstimate est = best.estimate();
    List<String> why = new ArrayList<>();
    why.add("decode is " + est.decodeBound().key() + "-bound at batch " + best.batch() + " per replica, "
        + limitText(best.batchLimit(), d) + "; prefill is " + est.prefillBound().key() + "-bound (TTFT "
        + ms(est.ttft()) + " ms)");
    why.add("prefill of new requests takes " + pct(prefillShare(est)) + " of device time");
    why.add(replicaText(r, dev, best.layout()));
    ChipPrecision.forSizing(dev.hardware(), r.weights()).note().ifPresent(why::add);
    return Optional.of(plan(dev.chipId(), false, List.of(best), est.ttft(), est.tpot(), Optional.empty(), d, why));
  }

  private static String replicas(long n) {
    return n + (n == 1 ? " replica" : " replicas");
  }

  static String whyNot(Request r, InferenceDevice dev) {
    TransformerModel m = r.model();
    Workload w = r.workload(dev);
    Demand d = r.demand();
    List<ServingLayout> layouts = InferenceModel.candidateLayouts(m, dev.hardware());
    List<ServingLayout> fitting = layouts.stream().filter(l -> InferenceModel.maxBatch(dev, m, l, w) >= 1).toList();
    if (fitting.isEmpty()) {
      return "the model does not fit (with the KV cache of one " + w.fullContext() + "-token sequence): "
          + InferenceModel.noReplicaFits(dev, m, w);
    }
    double bestTtft = Double.MAX_VALUE;
    double bestTpot = Double.MAX_VALUE;
    for (ServingLayout l : fitting) {
      StepTime pre = InferenceModel.prefill(dev, m, l, w, 1);
      bestTtft = Math.min(bestTtft, pre.total().seconds());
      bestTpot = Math.min(bestTpot, InferenceModel.colocatedTpot(dev, m, l, w, 1, pre).seconds());
    }
    List<String> p = new ArrayList<>();
    if (bestTtft > d.ttft().seconds()) {
      p.add("the best achievable TTFT is " + ms(new Seconds(bestTtft)) + " ms (target " + ms(d.ttft()) + " ms)");
    }
    if (bestTpot > d.tpot().seconds()) {
      p.add("the best achievable TPOT is " + ms(new Seconds(bestTpot)) + " ms at batch 1 (target " + ms(d.tpot()) + " ms)");
    }
    if (p.isEmpty() && meetsTargets(r, dev, fitting)) {
      p.add(overCap());
    }
    if (p.isEmpty()) {
      p.add("no single replica meets both the TTFT target " + ms(d.ttft()) + " ms and the TPOT target " + ms(d.tpot())
          + " ms (relax one of them)");
    }
    return String.join("; ", p);
  }

  /** Whether some fitting layout of {@code dev} meets both latency targets (so only the device cap stops it). */
  private static boolean meetsTargets(Request r, InferenceDevice dev, List<ServingLayout> fitting) {
    Workload w = r.workload(dev);
    for (ServingLayout l : fitting) {
      StepTime pre = InferenceModel.prefill(dev, r.model(), l, w, 1);
      if (pre.total().seconds() <= r.demand().ttft().seconds() && InferenceModel.batchForTpot(dev, r.model(), l,
          w, r.demand().tpot(), InferenceModel.maxBatch(dev, r.model(), l, w), pre) >= 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * The replicas needed for {@code rate} at {@code perReplica} each, or empty when their devices
   * would exceed {@link Limits#DEVICES} (computed in doubles, so a huge demand cannot overflow).
   */
  static OptionalInt replicasWithinCap(double rate, double perReplica, ServingLayout layout) {
    double replicas = Math.max(1, Math.ceil(rate / perReplica));
    if (!Double.isFinite(replicas) || replicas * layout.devices() > Limits.DEVICES.max()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) replicas);
  }

  private static String overCap() {
    return "would need more than " + Range.fmt(Limits.DEVICES.max()) + " devices for this demand, the most a plan may"
        + " have (lower the demand or split it)";
  }

  // ---- disaggregated -----------------------------------------------------------------

  static Optional<ServingPlan> disaggregated(Request r, InferenceDevice a, InferenceDevice b, List<String> reasons) {
    TransformerModel m = r.model();
    Workload w = r.workload(a);
    Workload wd = r.workload(b);
    Demand d = r.demand();
    if (r.kvTransferPath().isEmpty()) {
      if (!a.vendor().equals(b.vendor())) {
        reasons.add("prefill on " + a.chipId() + " (" + a.vendor().orElse("vendor unknown") + ") and decode on " + b.chipId()
            + " (" + b.vendor().orElse("vendor unknown") + ") would move the KV cache between vendors, whose KV layouts"
            + " and transfer libraries (NIXL/Mooncake, Huawei's) do not interoperate; declare a transfer path with"
            + " `kv_transfer_gbps` to size it anyway");
        return Optional.empty();
      }
      for (InferenceDevice dev : List.of(a, b)) {
        if (dev.hardware().scaleOutPerDevice().isEmpty()) {
          reasons.add("the catalog has no scale-out bandwidth for " + dev.chipId()
              + ", so the KV transfer between pools cannot be costed (give one with `scale_out_gbps`)");
          return Optional.empty();
        }
      }
    }
    Workload promptOnly = new Workload(w.promptTokens(), 1, w.weights(), w.kv());
    Pool prefill = null;
    Seconds prefillTtft = null;
    Seconds kv = null;
    double bestTtft = Double.MAX_VALUE;
    for (ServingLayout layout : InferenceModel.candidateLayouts(m, a.hardware())) {
      Cancellation.check();
      if (InferenceModel.maxBatch(a, m, layout, promptOnly) < 1) {
        continue;
      }
      Seconds transfer = r.kvTransferPath().map(path -> InferenceModel.kvTransferOverPath(a, layout, m, w, path))
          .orElseGet(() -> InferenceModel.kvTransfer(a, layout, b, m, w).orElseThrow());
      bestTtft = Math.min(bestTtft, InferenceModel.prefill(a, m, layout, w, 1).total().seconds() + transfer.seconds());
      // a prefill-only pool batches prompts as far as the TTFT target allows (no decode shares it)
      int cap = Math.max(1, a.recipe().prefill().chunkTokens() / w.promptTokens());
      int prompts = InferenceModel.prefillBatchForTtft(a, m, layout, w, d.ttft(), transfer, cap);
      if (prompts < 1) {
        continue;
      }
      StepTime pre = InferenceModel.prefill(a, m, layout, w, prompts);
      double ttft = pre.total().seconds() + transfer.seconds();
      double perReplica = (double) layout.attentionGroups() * prompts * w.promptTokens() / pre.total().seconds();
      OptionalInt replicas = replicasWithinCap(d.promptTokensPerSecond(), perReplica, layout);
      if (replicas.isEmpty()) {
        reasons.add("prefill on " + a.chipId() + " " + overCap());
        continue;
      }
      InferenceEstimate est = InferenceModel.estimate(a, m, layout, promptOnly, new BatchChoice.Fixed(1));
      Pool pool = pool(Pool.Role.PREFILL, a, layout, replicas.getAsInt(), prompts * layout.attentionGroups(),
          InferenceModel.maxBatch(a, m, layout, promptOnly), prompts == cap ? "given" : "latency",
          pre.bound(), perReplica / layout.devices(), est, r.cost());
      if (prefill == null || cheaper(pool, prefill)) {
        prefill = pool;
        prefillTtft = new Seconds(ttft);
        kv = transfer;
      }
    }
    if (prefill == null) {
      reasons.add(bestTtft == Double.MAX_VALUE ? "the model does not fit on a prefill replica of " + a.chipId()
          : "the best TTFT with prefill on " + a.chipId() + " and KV transfer is " + ms(new Seconds(bestTtft))
              + " ms (target " + ms(d.ttft()) + " ms)");
      return Optional.empty();
    }
    Pool decode = null;
    double bestStep = Double.MAX_VALUE;
    for (ServingLayout layout : InferenceModel.candidateLayouts(m, b.hardware())) {
      Cancellation.check();
      int max = InferenceModel.maxBatch(b, m, layout, wd);
      if (max < 1) {
        continue;
      }
      bestStep = Math.min(bestStep, InferenceModel.decodeTokenTime(b, m, layout, wd, 1).seconds());
      int batch = InferenceModel.decodeBatchForTpot(b, m, layout, wd, d.tpot(), max);
      if (batch < 1) {
        continue;
      }
      StepTime step = InferenceModel.decodeStep(b, m, layout, wd, batch);
      double perReplica = batch / InferenceModel.decodeTokenTime(b, m, layout, wd, batch).seconds();
      OptionalInt replicas = replicasWithinCap(d.outputTokensPerSecond(), perReplica, layout);
      if (replicas.isEmpty()) {
        reasons.add("decode on " + b.chipId() + " " + overCap());
        continue;
      }
      InferenceEstimate est = InferenceModel.estimate(b, m, layout, wd, new BatchChoice.Fixed(batch));
      Pool pool = pool(Pool.Role.DECODE, b, layout, replicas.getAsInt(), batch, max, batch == max ? "memory" : "latency",
          step.bound(), perReplica / layout.devices(), est, r.cost());
      if (decode == null || cheaper(pool, decode)) {
        decode = pool;
      }
    }
    if (decode == null) {
      reasons.add(bestStep == Double.MAX_VALUE ? "the model does not fit on a decode replica of " + b.chipId()
          : "the best decode TPOT on " + b.chipId() + " is " + ms(new Seconds(bestStep)) + " ms at batch 1 (target "
              + ms(d.tpot()) + " ms)");
      return Optional.empty();
    }
    Seconds tpot = decode.estimate().decodeStep();
    List<String> why = new ArrayList<>();
    why.add("prefill on " + a.chipId() + " is " + prefill.bound().key() + "-bound, " + prefill.batch()
        + " prompts per forward pass (as many as the " + ms(d.ttft()) + " ms TTFT target and the recipe's "
        + a.recipe().prefill().chunkTokens() + "-token prefill chunk allow); " + replicas(prefill.replicas())
        + " of " + prefill.layout() + "; KV transfer " + ms(kv) + " ms per prompt "
        + (r.kvTransferPath().isPresent() ? "over the declared transfer path" : "over scale-out"));
    why.add("decode pool batch chosen by decode latency alone (TPOT = the decode step; no prefill shares the devices)");
    why.add("decode on " + b.chipId() + " is " + decode.bound().key() + "-bound at batch " + decode.batch() + " per replica, "
        + limitText(decode.batchLimit(), d) + "; " + replicas(decode.replicas()) + " of " + decode.layout());
    return Optional.of(plan(a.chipId() + " -> " + b.chipId(), true, List.of(prefill, decode), prefillTtft, tpot,
        Optional.of(kv), d, why));
  }

  // ---- helpers -----------------------------------------------------------------------

  static Pool pool(Pool.Role role, InferenceDevice dev, ServingLayout layout, int replicas, int batch, int max,
      String limit, StepTime.Bound bound, double tps, InferenceEstimate est, CostAssumptions cost) {
    Hardware hw = dev.hardware();
    int devices = Math.multiplyExact(replicas, layout.devices());
    Optional<Double> power = hw.tdp().map(t -> t.watts() * devices);
    Optional<Double> usd = hw.price().map(p -> devices * cost.usdPerDeviceHour(p.dollars(),
        hw.tdp().map(t -> t.watts()).orElse(0.0)));
    return new Pool(role, hw.chipId(), layout, replicas, batch, max, limit, bound, tps, usd, power, est);
  }

  static boolean cheaper(Pool a, Pool b) {
    if (a.usdPerHour().isPresent() && b.usdPerHour().isPresent()) {
      return a.usdPerHour().get() < b.usdPerHour().get();
    }
    return a.devices() < b.devices();
  }

  static ServingPlan plan(String label, boolean disaggregated, List<Pool> pools, Seconds ttft, Seconds tpot,
      Optional<Seconds> kv, Demand d, List<String> why) {
    int devices = pools.stream().mapToInt(Pool::devices).reduce(0, Math::addExact);
    Optional<Double> usd = pools.stream().allMatch(p -> p.usdPerHour().isPresent())
        ? Optional.of(pools.stream().mapToDouble(p -> p.usdPerHour().get()).sum()) : Optional.empty();
    Optional<Double> cost = usd.map(u -> u / (d.outputTokensPerSecond() * 3600) * 1e6);
    Optional<Double> kw = pools.stream().allMatch(p -> p.powerW().isPresent())
        ? Optional.of(pools.stream().mapToDouble(p -> p.powerW().get()).sum() / 1000) : Optional.empty();
    return new ServingPlan(label, disaggregated, pools, ttft, tpot, kv, d.outputTokensPerSecond() / devices, cost, kw, why);
  }

  static String limitText(String limit, Demand d) {
    return switch (limit) {
      case "memory" -> "limited by memory (the KV cache fills what the weights leave)";
      case "latency" -> "limited by the " + ms(d.tpot()) + " ms TPOT target";
      default -> "as given";
    };
  }

  static String replicaText(Request r, InferenceDevice dev, ServingLayout chosen) {
    Optional<ServingLayout> smallest = InferenceModel.smallestFit(dev, r.model(), r.workload(dev));
    String s = chosen.devices() + " devices per replica (tp=" + chosen.tp() + ", ep=" + chosen.ep() + ")";
    if (smallest.isPresent() && smallest.get().devices() < chosen.devices()) {
      int n = smallest.get().devices();
      return s + ", chosen for cost: the smallest replica that fits has " + n + (n == 1 ? " device" : " devices")
          + " but leaves less memory for the batch";
    }
    return s + ", the smallest that fits";
  }

  /** Share of a colocated replica's time spent prefilling new requests. */
  static double prefillShare(InferenceEstimate est) {
    return 1 - est.decodeStep().seconds() / est.tpot().seconds();
  }

  static String pct(double share) {
    return Math.round(100 * share) + "%";
  }

  static List<String> explain(List<ServingPlan> plans, Request r) {
    List<String> out = new ArrayList<>();
    ServingPlan win = plans.get(0);
    if (plans.size() > 1 && win.costPerMillionOutputTokens().isPresent()
        && plans.get(1).costPerMillionOutputTokens().isPresent()) {
      ServingPlan next = plans.get(1);
      double ratio = next.costPerMillionOutputTokens().get() / win.costPerMillionOutputTokens().get();
      out.add(win.label() + " ranks first: " + usd(win.costPerMillionOutputTokens().get())
          + " per million output tokens on " + win.devices() + " devices, "
          + (ratio < 1.005 ? "tied with " : fmt(ratio) + "x cheaper than ") + next.label() + " ("
          + usd(next.costPerMillionOutputTokens().get()) + " on " + next.devices() + " devices).");
    } else {
      out.add(win.label() + " ranks first with " + win.devices() + " devices"
          + win.costPerMillionOutputTokens().map(c -> " at " + usd(c) + " per million output tokens").orElse("") + ".");
    }
    Pool gen = win.pools().get(win.pools().size() - 1);
    StepTime step = gen.estimate().decodeTerms();
    String perK = tokensPerThousandUsd(r, gen).map(v -> " and delivers " + fmt(v) + " output tokens/s per 1000 USD of devices")
        .orElse("");
    out.add("Its decode on " + gen.chipId() + " is " + gen.bound().key() + "-bound (per step: compute "
        + ms(step.compute()) + " ms, memory " + ms(step.memory()) + " ms"
        + (step.kernelSerial().seconds() > 0 ? ", plus " + ms(step.kernelSerial()) + " ms as its compute-bound and memory-bound"
            + " kernels run in turn" : "")
        + ", all-to-all " + ms(step.allToAll()) + " ms)" + perK
        + comparedWith(r, plans, gen) + ".");
    double bw = bandwidthPerDollar(r, gen.chipId());
    double flops = flopsPerDollar(r, gen.chipId());
    boolean bestBw = r.candidates().stream().allMatch(d -> bandwidthPerDollar(r, d.chipId()) <= bw);
    boolean bestFlops = r.candidates().stream().allMatch(d -> flopsPerDollar(r, d.chipId()) <= flops);
    if (gen.bound() == StepTime.Bound.MEMORY && bestBw) {
      out.add("Memory-bound decode streams the weights and the KV cache every step, so memory bandwidth per dollar"
          + " decides, not FLOP/s " + perDollar(r, true) + ".");
    } else if (gen.bound() == StepTime.Bound.COMPUTE && bestFlops) {
      out.add("Compute-bound decode at this batch makes FLOP/s per dollar decide " + perDollar(r, false) + ".");
    } else if (gen.bound() == StepTime.Bound.COMMUNICATION) {
      out.add("The expert-parallel all-to-all bounds its decode: scale-out bandwidth per device counts.");
    } else {
      out.add("Neither resource alone decides here; per 1000 USD of device price the candidates have memory bandwidth "
          + perDollar(r, true) + " and compute " + perDollar(r, false) + ".");
    }
    out.add("Its decode batch of " + gen.batch() + " per replica is " + limitText(gen.batchLimit(), r.demand()) + ".");
    if (!win.disaggregated()) {
      out.add("Prefill shares its devices and takes " + pct(prefillShare(gen.estimate())) + " of their time"
          + " (prefill is " + gen.estimate().prefillBound().key() + "-bound).");
    }
    boolean hint = false;
    for (ServingPlan other : plans.subList(1, Math.min(plans.size(), 4))) {
      Pool og = other.pools().get(other.pools().size() - 1);
      boolean richer = gen.bound() == StepTime.Bound.MEMORY && bandwidthPerDollar(r, og.chipId()) > bandwidthPerDollar(r, gen.chipId());
      String s = other.label() + (richer ? " has more memory bandwidth per dollar than " + gen.chipId() + " but loses here" : "")
          + ": decode " + og.bound().key() + "-bound at batch " + og.batch() + " (" + limitText(og.batchLimit(), r.demand()) + ")";
      if (!other.disaggregated()) {
        s += ", prefill takes " + pct(prefillShare(og.estimate())) + " of its device time";
        hint |= richer && !r.disaggregated();
      }
      out.add(s + ", " + other.devices() + " devices.");
    }
    if (hint) {
      out.add("Prefill on a compute-rich chip and decode on a bandwidth-rich one may be cheaper: try "
          + chipmix.validation.FieldRef.of("disaggregated") + " (with " + chipmix.validation.FieldRef.of("scale_out_gbps")
          + " for chips the catalog gives no NIC bandwidth).");
    }
    return out;
  }

  static double bandwidthPerDollar(Request r, String chipId) {
    return r.candidates().stream().filter(d -> d.chipId().equals(chipId)).findFirst()
        .flatMap(d -> d.hardware().price().map(p -> d.hardware().memoryBandwidth().bytesPerSecond() / p.dollars()))
        .orElse(0.0);
  }

  static double flopsPerDollar(Request r, String chipId) {
    return r.candidates().stream().filter(d -> d.chipId().equals(chipId)).findFirst()
        .flatMap(d -> d.hardware().price().map(p -> d.hardware()
            .peak(InferenceModel.computePrecision(d.hardware(), r.workload(d).weights())).flopsPerSecond() / p.dollars()))
        .orElse(0.0);
  }

  /** Output tokens per second per 1000 USD of the pool's device price. */
  static Optional<Double> tokensPerThousandUsd(Request r, Pool pool) {
    return r.candidates().stream().filter(d -> d.chipId().equals(pool.chipId())).findFirst()
        .flatMap(d -> d.hardware().price().map(p -> pool.tokensPerSecondPerDevice() / p.dollars() * 1000));
  }

  static String comparedWith(Request r, List<ServingPlan> plans, Pool gen) {
    for (ServingPlan p : plans) {
      Pool other = p.pools().get(p.pools().size() - 1);
      if (!other.chipId().equals(gen.chipId())) {
        // Name the plan only when it is not just the chip (a disaggregated pair).
        String where = p.label().equals(other.chipId()) ? "" : " in " + p.label();
        return tokensPerThousandUsd(r, other).map(v -> ", vs " + fmt(v) + " on " + other.chipId() + where)
            .orElse("");
      }
    }
    return "";
  }

  static String perDollar(Request r, boolean bandwidth) {
    List<String> parts = new ArrayList<>();
    for (InferenceDevice d : r.candidates()) {
      Hardware hw = d.hardware();
      if (hw.price().isEmpty()) {
        continue;
      }
      double per1000 = 1000 / hw.price().get().dollars();
      parts.add(bandwidth
          ? d.chipId() + " " + fmt(hw.memoryBandwidth().toTB() * 1000 * per1000) + " GB/s per 1000 USD"
          : d.chipId() + " " + fmt(hw.peak(InferenceModel.computePrecision(hw, r.workload(d).weights())).toTera() * per1000)
              + " TFLOP/s per 1000 USD");
    }
    return parts.isEmpty() ? "" : "(" + String.join(", ", parts) + ")";
  }

  static String ms(Seconds s) {
    double v = s.toMillis();
    return fmt(v);
  }

  static String usd(double v) {
    return "$" + String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.3f", v);
  }
}
