package chipmix.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Metric;
import chipmix.catalog.Spec;
import chipmix.scenario.Engines.Verdict;
import chipmix.scenario.Plan.DeliveryResult;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.Segment;
import chipmix.scenario.Plan.ServingMonth;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Scenario.Order;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Monte Carlo over a plan: the plan's decisions (which chip and how many devices each run holds
 * in each stretch, how many devices serve each demand each month) are replayed against sampled
 * futures. Each sample draws, independently: each order's slip from its {@code slip_range}; for
 * each at-risk delivery still to come, whether it is stopped (the declared probability for its
 * outcome); each chip's peak compute within the catalog's range; and each chip's performance-model
 * error. Sample {@code i} is a pure function of (plan, scenario, seed, i), so results do not depend
 * on the number of threads.
 *
 * <p>The replay: devices arrive as sampled; in a month where a run's pools hold fewer devices than
 * the run's size, the run pauses for that month (it cannot change size without a restart) and
 * continues after its planned end at its last rate; serving keeps what training leaves, up to its
 * planned devices, at the planned requests per device. Throughput scales with the sampled peak
 * over the catalog's nominal figure (the compute-bound case: an upper bound of the effect) and the
 * model-error factor: {@code exp(sigma z)}, z standard normal truncated at 3, one draw per chip for
 * training and one for serving, sigma from the chip family's cross-validated error
 * ({@link ModelErrorTable}, {@link ModelErrors#bundled}) or the scenario's declared {@code model_error}.
 */
public final class MonteCarlo {
  private MonteCarlo() {}

  /** P10, P50, P90 of a quantity over the samples (nearest rank). */
  public record Percentiles(double p10, double p50, double p90) {
    static Percentiles of(double[] values) {
      double[] v = values.clone();
      Arrays.sort(v);
      return new Percentiles(rank(v, 0.10), rank(v, 0.50), rank(v, 0.90));
    }

    private static double rank(double[] sorted, double q) {
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
  }

  /**
   * A training run over the samples.
   *
   * @param finish P10/P50/P90 finish dates, empty when the run finishes in under half of the samples
   * @param finishes the share of samples in which it finishes (within 20 years of the horizon end)
   * @param meetsDeadline the share of samples in which it finishes by its deadline (empty without one)
   */
  public record RunOutlook(String id, Optional<LocalDate> finishP10, Optional<LocalDate> finishP50,
      Optional<LocalDate> finishP90, double finishes, Optional<Double> meetsDeadline) {}

  /** A serving demand over the samples: the largest unmet rate, and unmet per month. */
  public record DemandOutlook(String id, Percentiles maxUnmetRps, List<Percentiles> unmetByMonth) {
    public DemandOutlook {
      unmetByMonth = List.copyOf(unmetByMonth);
    }
  }

  /**
   * The model error one chip's samples used: one standard deviation of the log throughput, for
   * training and for serving, and where each comes from.
   */
  public record ChipError(String chipId, double trainingSigma, String trainingBasis, double servingSigma,
      String servingBasis) {
    public ChipError {
      java.util.Objects.requireNonNull(chipId, "chipId");
      java.util.Objects.requireNonNull(trainingBasis, "trainingBasis");
      java.util.Objects.requireNonNull(servingBasis, "servingBasis");
    }
  }

  /**
   * What the samples say about one plan.
   *
   * @param modelError the model error each chip of the plan was sampled with
   */
  public record Outlook(int samples, long seed, List<RunOutlook> runs, List<DemandOutlook> demands, Percentiles costUsd,
      List<String> assumptions, List<ChipError> modelError) {
    public Outlook {
      runs = List.copyOf(runs);
      demands = List.copyOf(demands);
      assumptions = List.copyOf(assumptions);
      modelError = List.copyOf(modelError);
    }
  }

  /** One sample's outcome. */
  private record Sample(double[] finishEpochDay, double[] maxUnmet, double[][] unmetByMonth, double cost) {}

  /**
   * Samples {@code plan} of scenario {@code s} (the variant already applied) {@code n} times from
   * {@code seed}, with the bundled model error per chip family ({@link ModelErrors#bundled}).
   */
  public static Outlook sample(Scenario s, Plan plan, Catalog catalog, int n, long seed) {
    return sample(s, plan, catalog, n, seed, ModelErrors.bundled());
  }

  /** As {@link #sample(Scenario, Plan, Catalog, int, long)} with the model error of {@code errors}. */
  public static Outlook sample(Scenario s, Plan plan, Catalog catalog, int n, long seed, ModelErrorTable errors) {
    if (n < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + n);
    }
    Context ctx = new Context(s, plan, catalog, errors);
    Sample[] out = new Sample[n];
    IntStream.range(0, n).parallel().forEach(i -> out[i] = ctx.run(new SplittableRandom(mix(seed, i))));
    List<RunOutlook> runs = new ArrayList<>();
    LocalDate farFuture = s.settings().endExclusive().plusYears(20);
    for (int r = 0; r < plan.training().size(); r++) {
      TrainingResult t = plan.training().get(r);
      double[] finish = new double[n];
      int finished = 0;
      int onTime = 0;
      for (int i = 0; i < n; i++) {
        finish[i] = out[i].finishEpochDay()[r];
        if (finish[i] < farFuture.toEpochDay()) {
          finished++;
          if (t.deadline().isPresent() && finish[i] <= t.deadline().get().toEpochDay()) {
            onTime++;
          }
        }
      }
      Percentiles p = Percentiles.of(finish);
      double share = finished / (double) n;
      double onTimeShare = onTime / (double) n;
      runs.add(new RunOutlook(t.id(), date(p.p10(), farFuture), date(p.p50(), farFuture), date(p.p90(), farFuture), share,
          t.deadline().map(d -> onTimeShare)));
    }
    List<DemandOutlook> demands = new ArrayList<>();
    for (int d = 0; d < plan.serving().size(); d++) {
      double[] max = new double[n];
      List<Percentiles> byMonth = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        max[i] = out[i].maxUnmet()[d];
      }
      for (int m = 0; m < plan.months().size(); m++) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = out[i].unmetByMonth()[d][m];
        }
        byMonth.add(Percentiles.of(v));
      }
      demands.add(new DemandOutlook(plan.serving().get(d).id(), Percentiles.of(max), byMonth));
    }
    double[] cost = new double[n];
    for (int i = 0; i < n; i++) {
      cost[i] = out[i].cost();
    }
    return new Outlook(n, seed, runs, demands, Percentiles.of(cost), ctx.assumptions(), ctx.errors);
  }

  /**
   * One sample's outcome: sample {@code i} of {@code seed}, the same draw as the {@code i}-th of
   * {@link #sample} (so a sweep's rows at a point are that point's {@code plan --samples} samples).
   *
   * @param finish per training run, in plan order: when it finishes (empty when it does not
   *     finish within 20 years of the horizon's end)
   * @param maxUnmetRps per serving demand, in plan order: the largest unmet rate in any month
   * @param costUsd capital, energy and rental over the horizon in this sample
   */
  public record Draw(List<Optional<LocalDate>> finish, List<Double> maxUnmetRps, double costUsd) {
    public Draw {
      finish = List.copyOf(finish);
      maxUnmetRps = List.copyOf(maxUnmetRps);
    }
  }

  /** Sample {@code i} (from 0) of {@code plan} of scenario {@code s} (the variant already applied) from {@code seed}. */
  public static Draw draw(Scenario s, Plan plan, Catalog catalog, long seed, int i) {
    if (i < 0) {
      throw new IllegalArgumentException("a sample's number is at least 0, got " + i);
    }
    Sample one = new Context(s, plan, catalog, ModelErrors.bundled()).run(new SplittableRandom(mix(seed, i)));
    LocalDate farFuture = s.settings().endExclusive().plusYears(20);
    List<Optional<LocalDate>> finish = new ArrayList<>();
    for (double d : one.finishEpochDay()) {
      finish.add(date(d, farFuture));
    }
    return new Draw(finish, Arrays.stream(one.maxUnmet()).boxed().toList(), one.cost());
  }

  private static Optional<LocalDate> date(double epochDay, LocalDate farFuture) {
    return epochDay >= farFuture.toEpochDay() ? Optional.empty() : Optional.of(LocalDate.ofEpochDay((long) epochDay));
  }

  /** A well-mixed seed for sample {@code i} (SplitMix64 finaliser). */
  static long mix(long seed, int i) {
    long z = seed + 0x9E3779B97F4A7C15L * (i + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** What every sample shares: the plan's decisions, pools, prices. */
  private static final class Context {
    final Scenario s;
    final Plan plan;
    final List<YearMonth> months;
    final Map<String, Chip> chipOfPool = new LinkedHashMap<>();
    final List<String> chipIds = new ArrayList<>();
    /** Per chip, in {@link #chipIds} order. */
    final List<ChipError> errors = new ArrayList<>();
    final boolean modelErrorDeclared;

    Context(Scenario s, Plan plan, Catalog catalog, ModelErrorTable table) {
      this.s = s;
      this.plan = plan;
      this.months = plan.months();
      for (Plan.PoolTimeline p : plan.pools()) {
        Chip c = catalog.findChip(p.chipId()).orElseThrow();
        chipOfPool.put(p.id(), c);
        if (!chipIds.contains(c.id())) {
          chipIds.add(c.id());
        }
      }
      Optional<Double> declared = s.settings().uncertainty().modelError();
      this.modelErrorDeclared = declared.isPresent();
      for (String chipId : chipIds) {
        if (declared.isPresent()) {
          String basis = "declared in settings.uncertainty.model_error";
          errors.add(new ChipError(chipId, declared.get(), basis, declared.get(), basis));
        } else {
          ModelErrorTable.Used t = table.sigma(chipId, ModelErrorTable.Kind.TRAINING);
          ModelErrorTable.Used v = table.sigma(chipId, ModelErrorTable.Kind.SERVING);
          errors.add(new ChipError(chipId, t.sigma(), t.basis(), v.sigma(), v.basis()));
        }
      }
    }

    List<String> assumptions() {
      List<String> out = new ArrayList<>();
      out.add("The plan's decisions are held fixed and replayed against each sampled future (a run short of devices"
          + " in a month pauses and continues after its planned end; serving keeps what training leaves).");
      out.add("Performance-model error: each chip's training and serving throughput is multiplied by exp(sigma z), z standard"
          + " normal truncated at 3 sigma, one draw per chip and kind; sigma is "
          + (modelErrorDeclared ? "declared in settings.uncertainty.model_error"
              : "the chip family's cross-validated (leave-one-family-out) error from chipmix/scenario/model-error.yaml"
                  + " (docs/planner.md)") + ":");
      for (ChipError e : errors) {
        out.add(String.format(java.util.Locale.ROOT, "Model error of %s: training %.1f%% (%s); serving %.1f%% (%s).", e.chipId(),
            e.trainingSigma() * 100, e.trainingBasis(), e.servingSigma() * 100, e.servingBasis()));
      }
      out.add("Catalog ranges: each chip's peak BF16 compute is drawn uniformly within the catalog's range and throughput"
          + " scales with it (the compute-bound case, an upper bound of the effect); the model error and the peak apply to"
          + " training throughput and to serving capacity alike.");
      out.add("Deliveries keep the export finding of their planned arrival date; an at-risk delivery still to come is"
          + " stopped with the probability declared for its outcome in settings.uncertainty.stop_probability"
          + (s.settings().uncertainty().stopProbability().isEmpty() ? " (none declared: never stopped)" : "") + ".");
      out.add("Orders without slip_range keep their slip in every sample.");
      return out;
    }

    Sample run(SplittableRandom rnd) {
      int nm = months.size();
      // ---- per-chip factors
      Map<String, Double> factor = new HashMap<>();
      Map<String, Double> servingFactor = new HashMap<>();
      for (int k = 0; k < chipIds.size(); k++) {
        String chipId = chipIds.get(k);
        Chip chip = chipOfPool.values().stream().filter(c -> c.id().equals(chipId)).findFirst().orElseThrow();
        double peak = 1;
        Optional<Spec> bf16 = chip.spec(Metric.BF16);
        if (bf16.isPresent() && bf16.get().isRange() && bf16.get().nominal() > 0) {
          double v = bf16.get().low() + rnd.nextDouble() * (bf16.get().high() - bf16.get().low());
          peak = v / bf16.get().nominal();
        }
        double zTraining = Math.max(-3, Math.min(3, rnd.nextGaussian()));
        double zServing = Math.max(-3, Math.min(3, rnd.nextGaussian()));
        factor.put(chipId, peak * Math.exp(errors.get(k).trainingSigma() * zTraining));
        servingFactor.put(chipId, peak * Math.exp(errors.get(k).servingSigma() * zServing));
      }
      // ---- devices online per pool per month, and capital
      Map<String, int[]> online = new LinkedHashMap<>();
      double capital = 0;
      for (Plan.PoolTimeline p : plan.pools()) {
        if (p.kind().equals("fleet")) {
          online.put(p.id(), p.online().stream().mapToInt(Integer::intValue).toArray());
        }
      }
      capital += plan.costs().stream().mapToDouble(Plan.MonthCost::capital).sum();
      for (OrderResult o : plan.orders()) {
        Order order = s.orders().stream().filter(x -> x.id().equals(o.id())).findFirst().orElseThrow();
        int delay = order.slip().delayDays();
        double fraction = order.slip().deliveredFraction();
        if (order.slipRange().isPresent()) {
          Scenario.SlipRange r = order.slipRange().get();
          delay = r.delayDaysLow() + rnd.nextInt(r.delayDaysHigh() - r.delayDaysLow() + 1);
          fraction = r.fractionLow() + rnd.nextDouble() * (r.fractionHigh() - r.fractionLow());
        }
        int[] on = new int[nm];
        double price = order.unitPriceUsd().orElse(0.0);
        for (DeliveryResult d : o.deliveries()) {
          boolean past = d.arrives().isBefore(s.settings().firstDay());
          LocalDate arrives = past ? d.arrives() : d.promised().plusDays(delay);
          int count = past ? d.arriving() : (int) Math.floor(d.promisedCount() * fraction + 1e-9);
          boolean received = switch (d.finding().verdict()) {
            case CLEAR -> true;
            case BLOCKED -> past;
            case AT_RISK -> past || rnd.nextDouble() >= s.settings().uncertainty().stopProbability()
                .getOrDefault(d.finding().outcome(), 0.0);
          };
          // the plan's own capital for this delivery is replaced by the sample's
          if (d.received() && !d.arrives().isBefore(s.settings().firstDay()) && d.arrives().isBefore(s.settings().endExclusive())) {
            capital -= d.arriving() * price;
          }
          if (!received) {
            continue;
          }
          if (!arrives.isBefore(s.settings().firstDay()) && arrives.isBefore(s.settings().endExclusive())) {
            capital += count * price;
          }
          for (int m = 0; m < nm; m++) {
            if (!arrives.isAfter(months.get(m).atDay(1))) {
              on[m] += count;
            }
          }
        }
        online.put(o.id(), on);
      }
      Map<String, int[]> left = new LinkedHashMap<>();
      online.forEach((k, v) -> left.put(k, v.clone()));
      double electricity = 0;
      double pue = s.settings().pue();
      double price = s.settings().electricityUsdPerKwh();
      // ---- training, in plan order
      LocalDate farFuture = s.settings().endExclusive().plusYears(20);
      double[] finish = new double[plan.training().size()];
      for (int r = 0; r < plan.training().size(); r++) {
        TrainingResult t = plan.training().get(r);
        finish[r] = farFuture.toEpochDay();
        if (t.placement().isEmpty()) {
          continue;
        }
        Placement pl = t.placement().get();
        double f = factor.get(pl.chipId());
        double kw = chipOfPool.get(pl.pools().get(0)).spec(Metric.TDP).map(Spec::nominal).orElse(0.0) / 1000;
        boolean[] paused = new boolean[nm];
        for (int m = 0; m < nm; m++) {
          int need = devicesIn(pl, months.get(m));
          if (need == 0) {
            continue;
          }
          int month = m;
          int have = pl.pools().stream().mapToInt(p -> left.get(p)[month]).sum();
          if (have < need) {
            paused[m] = true;
            continue;
          }
          int rest = need;
          for (String p : pl.pools()) {
            int take = Math.min(rest, left.get(p)[m]);
            left.get(p)[m] -= take;
            rest -= take;
          }
        }
        double remaining = t.tokens();
        LocalDate cur = null;
        double lastTps = 0;
        LocalDate lastEnd = null;
        for (Segment seg : pl.segments()) {
          for (LocalDate a = seg.from(); a.isBefore(seg.to()) && remaining > 0; ) {
            YearMonth ym = YearMonth.from(a);
            LocalDate b = ym.plusMonths(1).atDay(1).isBefore(seg.to()) ? ym.plusMonths(1).atDay(1) : seg.to();
            int m = months.indexOf(ym);
            if (m < 0 || !paused[m]) {
              double tps = seg.tokensPerSecond() * f;
              double seconds = ChronoUnit.DAYS.between(a, b) * 86400.0;
              double used = Math.min(seconds, remaining / tps);
              remaining -= tps * used;
              electricity += seg.devices() * used / 3600 * kw * pue * price;
              cur = remaining <= 0 ? a.plusDays((long) Math.ceil(used / 86400 - 1e-9)) : b;
            }
            lastTps = seg.tokensPerSecond() * f;
            a = b;
          }
          lastEnd = seg.to();
        }
        if (remaining > 0 && lastTps > 0) {
          double seconds = remaining / lastTps;
          Segment last = pl.segments().get(pl.segments().size() - 1);
          electricity += last.devices() * seconds / 3600 * kw * pue * price;
          cur = lastEnd.plusDays((long) Math.ceil(seconds / 86400 - 1e-9));
          remaining = 0;
        }
        if (cur != null && remaining <= 0) {
          finish[r] = Math.min(cur.toEpochDay(), farFuture.toEpochDay());
        }
      }
      // ---- serving, on what training leaves
      double[] maxUnmet = new double[plan.serving().size()];
      double[][] unmet = new double[plan.serving().size()][nm];
      for (int d = 0; d < plan.serving().size(); d++) {
        ServingResult sr = plan.serving().get(d);
        for (int m = 0; m < nm; m++) {
          ServingMonth sm = sr.months().get(m);
          double served = 0;
          double hours = ChronoUnit.DAYS.between(months.get(m).atDay(1), months.get(m).plusMonths(1).atDay(1)) * 24.0;
          double perDevice = sm.devices() > 0 ? sm.servedRps() / sm.devices() : 0;
          for (Map.Entry<String, Integer> e : sm.devicesByPool().entrySet()) {
            int[] l = left.get(e.getKey());
            int take = Math.min(e.getValue(), Math.max(0, l[m]));
            l[m] -= take;
            Chip chip = chipOfPool.get(e.getKey());
            served += take * perDevice * servingFactor.get(chip.id());
            double kw = chip.spec(Metric.TDP).map(Spec::nominal).orElse(0.0) / 1000;
            electricity += take * hours * kw * pue * price;
          }
          double u = Math.max(0, sm.demandRps() - Math.min(served, sm.demandRps()));
          unmet[d][m] = u;
          maxUnmet[d] = Math.max(maxUnmet[d], u);
        }
      }
      double rental = plan.costs().stream().mapToDouble(Plan.MonthCost::rental).sum();
      return new Sample(finish, maxUnmet, unmet, capital + electricity + rental);
    }

    /** Devices a run holds on the first day of month {@code m} (or the most it holds within it). */
    private static int devicesIn(Placement pl, YearMonth m) {
      int most = 0;
      for (Segment seg : pl.segments()) {
        if (seg.from().isBefore(m.plusMonths(1).atDay(1)) && seg.to().isAfter(m.atDay(1))) {
          most = Math.max(most, seg.devices());
        }
      }
      return most;
    }
  }

}
