package chipmix.scenario;

import chipmix.scenario.CapacityLedger.PoolInfo;
import chipmix.scenario.Engines.Replica;
import chipmix.scenario.Engines.TrainingRate;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.Segment;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Scenario.ServingDemand;
import chipmix.scenario.Scenario.Settings;
import chipmix.scenario.Scenario.TrainingRun;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who gets which devices, as one integer model over the whole horizon solved with OR-Tools
 * CP-SAT (see docs/scenarios.md, "Allocation"). Per month: replicas of each serving demand on
 * each of its pools, and for each training run a size (one of a few device counts the training
 * search gives a rate for) on the pools of one chip, or nothing (paused). Constraints: devices
 * online on the first of the month; one chip type, hence one vendor, per run; a run's
 * {@code devices}, {@code min_devices} and {@code max_devices}; its earliest start; a run stops
 * once its tokens are trained. The objective weighs unmet serving, days late and cost with the
 * scenario's priorities; without declared weights it is solved in order (serving, then
 * deadlines, then cost), each optimum kept while the next is minimised.
 *
 * <p>Deterministic: one search worker and a deterministic time limit. The solver's answer is
 * turned into day-exact segments, reservations in the ledger and costs in the cost book.
 */
final class SolverAllocation {
  /** Requests per second are counted in thousandths in the model. */
  private static final long RPS_SCALE = 1000;
  /**
   * The weighted objective counts money in hundredths of a cent. The tie-break towards work done
   * early is not in it: it is a second stage, minimised only among the answers of equal dollars, so
   * it never outweighs a declared cost. (As a term of the sum, one per work unit and month, it was
   * worth about a hundred dollars per run moved a month, enough to outweigh small declared costs.)
   */
  private static final long CENT = 100;
  /** Device counts offered to the training search per chip when the solver may size a run. */
  private static final int LADDER_STEPS = 8;
  /** Each ladder step is this factor smaller than the one above. */
  private static final double LADDER_FACTOR = 1.6;
  /** CP-SAT deterministic time limit per stage (its own work units, about seconds; same answer on every machine). */
  static final double DETERMINISTIC_LIMIT = 10;

  private SolverAllocation() {}

  /** The solver's outcome: what each workload got, and what the solver reports about itself. */
  record Outcome(List<ServingResult> serving, Map<String, TrainingResult> training, List<String> notes) {}

  /** A size a run may take on one chip: devices offered, devices the layout uses, throughput, layout. */
  record Level(int used, double tokensPerSecond, String layout) {}

  /** The pools of one chip a run may use, with its sizes. */
  record Group(String chipId, List<String> pools, List<Level> levels) {}

  static {
    Loader.loadNativeLibraries();
  }

  /**
   * True when no weight is declared anywhere (settings, a run or a demand): the model is then solved
   * in stages (serving, deadlines, finish, cost); otherwise as one weighted sum in dollars.
   */
  static boolean ordered(Scenario s) {
    Scenario.Settings settings = s.settings();
    return settings.priorities().lateUsdPerDay().isEmpty() && settings.priorities().unmetUsdPerRequestHour().isEmpty()
        && s.training().stream().allMatch(r -> r.lateUsdPerDay().isEmpty())
        && s.serving().stream().allMatch(d -> d.unmetUsdPerRequestHour().isEmpty());
  }

  /** A demand's price of one request per second unmet for an hour: its own, else the settings', else none. */
  static Optional<Double> unmetWeight(Scenario s, ServingDemand d) {
    return d.unmetUsdPerRequestHour().or(() -> s.settings().priorities().unmetUsdPerRequestHour());
  }

  /** A run's price of a day late: its own, else the settings', else none. */
  static Optional<Double> lateWeight(Scenario s, TrainingRun r) {
    return r.lateUsdPerDay().or(() -> s.settings().priorities().lateUsdPerDay());
  }

  /** Empty when CP-SAT finds no answer within its deterministic limit (nothing is reserved then). */
  static Optional<Outcome> allocate(Scenario s, CapacityLedger capacity, CostBook costs, Engines engines) {
    return allocate(s, capacity, costs, engines, stage -> DETERMINISTIC_LIMIT);
  }

  /** As {@link #allocate(Scenario, CapacityLedger, CostBook, Engines)} with a deterministic limit per stage (0 the first). */
  static Optional<Outcome> allocate(Scenario s, CapacityLedger capacity, CostBook costs, Engines engines,
      java.util.function.IntToDoubleFunction stageLimit) {
    Settings settings = s.settings();
    List<YearMonth> months = settings.months();
    int nm = months.size();
    Map<String, int[]> free = new LinkedHashMap<>();
    for (PoolInfo p : capacity.pools()) {
      int[] f = new int[nm];
      for (int i = 0; i < nm; i++) {
        f[i] = capacity.free(p.id(), months.get(i).atDay(1));
      }
      free.put(p.id(), f);
    }
    List<String> planNotes = new ArrayList<>();

    // ---- serving: replica shapes
    Map<String, List<String>> servingNotes = new LinkedHashMap<>();
    Map<String, Map<String, Optional<Replica>>> replicas = new LinkedHashMap<>();
    for (ServingDemand d : s.serving()) {
      List<String> n = new ArrayList<>();
      replicas.put(d.id(), ServingAllocation.replicas(d, capacity, engines.serving(), n));
      servingNotes.put(d.id(), new ArrayList<>());
    }

    // ---- training: sizes per chip
    Map<String, List<Group>> groups = new LinkedHashMap<>();
    Map<String, List<String>> trainingNotes = new LinkedHashMap<>();
    for (TrainingRun r : s.training()) {
      List<String> notes = new ArrayList<>();
      trainingNotes.put(r.id(), notes);
      groups.put(r.id(), groups(r, capacity, engines.training(), free, notes));
    }

    Model m = new Model(s, capacity, costs, free, replicas, groups);
    m.build();
    Optional<Solved> answer = m.solve(stageLimit);
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    Solved solved = answer.get();
    planNotes.add(solved.summary());

    // ---- turn the answer into placements (training first: serving then sees what training holds)
    Map<String, TrainingResult> training = new LinkedHashMap<>();
    for (TrainingRun r : s.training()) {
      training.put(r.id(), m.placement(r, solved, trainingNotes.get(r.id())));
    }
    List<ServingResult> serving = new ArrayList<>();
    for (ServingDemand d : s.serving()) {
      Map<YearMonth, Map<String, Integer>> caps = new TreeMap<>();
      for (int i = 0; i < nm; i++) {
        Map<String, Integer> byPool = new LinkedHashMap<>();
        for (String p : d.pools()) {
          IntVar x = m.replicaVar(d.id(), p, i);
          if (x != null) {
            byPool.put(p, (int) solved.value(x));
          }
        }
        caps.put(months.get(i), byPool);
      }
      serving.add(ServingAllocation.serve(d, capacity, costs, engines.serving(), months, Optional.of(caps),
          servingNotes.get(d.id())));
    }
    // ---- why each workload got what it got
    List<TrainingResult> trainingList = List.copyOf(training.values());
    Map<String, TrainingResult> explained = new LinkedHashMap<>();
    for (TrainingRun r : s.training()) {
      TrainingResult t = training.get(r.id());
      List<String> notes = new ArrayList<>(t.notes());
      notes.addAll(Explanations.training(r, t, groups.get(r.id()), capacity, s, trainingList, serving));
      explained.put(r.id(), new TrainingResult(t.id(), t.model(), t.tokens(), t.deadline(), t.placement(), notes));
    }
    List<ServingResult> servingExplained = new ArrayList<>();
    for (int k = 0; k < serving.size(); k++) {
      ServingResult sr = serving.get(k);
      List<String> notes = new ArrayList<>(sr.notes());
      notes.addAll(Explanations.serving(s.serving().get(k), sr, replicas.get(sr.id()), capacity, trainingList, serving));
      servingExplained.add(new ServingResult(sr.id(), sr.model(), sr.months(), notes, sr.curves()));
    }
    return Optional.of(new Outcome(servingExplained, explained, planNotes));
  }

  /** The chips a run may use (one group per chip id among its pools) and the sizes the training search gives on each. */
  static List<Group> groups(TrainingRun r, CapacityLedger capacity, Engines.Training engine, Map<String, int[]> free,
      List<String> notes) {
    Map<String, List<String>> byChip = new LinkedHashMap<>();
    for (String pool : r.pools()) {
      byChip.computeIfAbsent(capacity.chip(pool).id(), k -> new ArrayList<>()).add(pool);
    }
    TrainingPlacement.chipNote(byChip, capacity).ifPresent(notes::add);
    List<Group> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byChip.entrySet()) {
      PoolInfo first = capacity.pool(e.getValue().get(0));
      int most = 0;
      for (int i = 0; i < free.get(first.id()).length; i++) {
        int sum = 0;
        for (String p : e.getValue()) {
          sum += free.get(p)[i];
        }
        most = Math.max(most, sum);
      }
      List<Integer> offers = new ArrayList<>();
      if (r.devices().isPresent() && !r.grow()) {
        offers.add(r.devices().get());
      } else {
        int max = Math.min(most, r.scale().maxDevices().orElse(r.devices().orElse(Integer.MAX_VALUE)));
        int min = r.scale().minDevices().orElse(1);
        double n = max;
        for (int k = 0; k < LADDER_STEPS && n >= min && n >= 1; k++) {
          offers.add((int) n);
          n /= LADDER_FACTOR;
        }
      }
      List<Level> levels = new ArrayList<>();
      String problem = null;
      for (int offer : offers) {
        if (offer < 1) {
          continue;
        }
        Optional<TrainingRate> rate;
        try {
          rate = engine.best(r.model(), r.sequenceLength(), r.globalBatch(), first.chip(), first.system(),
              first.scaleOutGbps(), offer, r.recipe());
        } catch (InvalidInputException | InfeasibleException ex) {
          problem = "the training model cannot estimate it: " + ex.getMessage();
          break;
        }
        if (rate.isEmpty()) {
          continue;
        }
        TrainingRate t = rate.get();
        if (t.devicesUsed() < r.scale().minDevices().orElse(1)) {
          continue;
        }
        boolean dominated = levels.stream().anyMatch(l -> l.used() <= t.devicesUsed() && l.tokensPerSecond() >= t.tokensPerSecond());
        if (!dominated) {
          levels.removeIf(l -> l.used() >= t.devicesUsed() && l.tokensPerSecond() <= t.tokensPerSecond());
          levels.add(new Level(t.devicesUsed(), t.tokensPerSecond(), t.layout()));
        }
      }
      if (levels.isEmpty()) {
        notes.add("On " + first.chip().name() + " (pools " + String.join(", ", e.getValue()) + ") the run cannot be placed: "
            + (problem != null ? problem : most == 0 ? "no devices are online"
                : "the model does not fit in any layout on " + (offers.size() == 1 ? TrainingPlacement.fmtCount(offers.get(0))
                    : "up to " + TrainingPlacement.fmtCount(most)) + " devices") + ".");
        continue;
      }
      levels.sort(java.util.Comparator.comparingInt(Level::used));
      out.add(new Group(e.getKey(), e.getValue(), levels));
    }
    return out;
  }

  /**
   * The answer kept: the values of the last stage that found one, its status, the stages it
   * optimised and, when a later stage reached its limit without an answer, that stage.
   */
  record Solved(com.google.ortools.sat.CpSolverResponse response, CpSolverStatus status, List<String> stages,
      Optional<String> timedOut) {
    long value(IntVar v) {
      return response.getSolution(v.getIndex());
    }

    boolean isTrue(BoolVar v) {
      return response.getSolution(v.getIndex()) != 0;
    }

    String summary() {
      return "Allocation: OR-Tools CP-SAT over " + String.join(", then ", stages) + "; " + (status == CpSolverStatus.OPTIMAL
          ? "proven optimal" : "the best found within the solver's deterministic limit (not proven optimal)")
          + timedOut.map(t -> "; the next stage (" + t + ") reached the solver's deterministic limit without an answer,"
              + " so the answer of the stages before it is kept").orElse("") + ".";
    }
  }

  /** The integer model. Money in cents, request rates in thousandths, tokens in {@link #tokenUnit} units. */
  private static final class Model {
    final LinearExprBuilder finishHours = LinearExpr.newBuilder();
    /** Tokens trained, weighted by how early (months before the horizon end): maximised to break ties within a month. */
    final LinearExprBuilder earliness = LinearExpr.newBuilder();
    final Scenario s;
    final Settings settings;
    final CapacityLedger capacity;
    final CostBook costs;
    final Map<String, int[]> free;
    final Map<String, Map<String, Optional<Replica>>> replicas;
    final Map<String, List<Group>> groups;
    final List<YearMonth> months;
    final int nm;
    final CpModel model = new CpModel();
    final Map<String, IntVar> x = new LinkedHashMap<>();
    /** y[run][group][level][month] */
    final Map<String, BoolVar[][][]> y = new LinkedHashMap<>();
    final Map<String, BoolVar[]> chosen = new LinkedHashMap<>();
    final Map<String, BoolVar[]> finish = new LinkedHashMap<>();
    final Map<String, IntVar[]> perPool = new LinkedHashMap<>();
    final Map<String, Double> tokenUnit = new LinkedHashMap<>();
    final LinearExprBuilder unmet = LinearExpr.newBuilder();
    final LinearExprBuilder late = LinearExpr.newBuilder();
    final LinearExprBuilder cost = LinearExpr.newBuilder();
    final LinearExprBuilder weighted = LinearExpr.newBuilder();
    final boolean ordered;

    Model(Scenario s, CapacityLedger capacity, CostBook costs, Map<String, int[]> free,
        Map<String, Map<String, Optional<Replica>>> replicas, Map<String, List<Group>> groups) {
      this.s = s;
      this.settings = s.settings();
      this.capacity = capacity;
      this.costs = costs;
      this.free = free;
      this.replicas = replicas;
      this.groups = groups;
      this.months = settings.months();
      this.nm = months.size();
      this.ordered = ordered(s);
    }

    double hours(int i) {
      YearMonth m = months.get(i);
      return ChronoUnit.DAYS.between(m.atDay(1), m.plusMonths(1).atDay(1)) * 24.0;
    }

    /**
     * Cents one busy device of a pool costs for month {@code i} beyond an idle one: its electricity.
     * Devices bought are paid whether busy or not, and rented ones for every online hour, so
     * neither price is a cost of using them.
     */
    long deviceMonthCents(String pool, int i) {
      PoolInfo p = capacity.pool(pool);
      double h = hours(i);
      double usd = p.tdpKw().map(kw -> kw * h * settings.pue() * settings.electricityUsdPerKwh()).orElse(0.0);
      return Math.round(usd * 100);
    }

    IntVar replicaVar(String demand, String pool, int i) {
      return x.get(demand + "|" + pool + "|" + i);
    }

    double unmetWeight(ServingDemand d) {
      return SolverAllocation.unmetWeight(s, d).orElse(0.0);
    }

    double lateWeight(TrainingRun r) {
      return SolverAllocation.lateWeight(s, r).orElse(0.0);
    }

    void build() {
      // Devices used per pool and month, by every workload.
      Map<String, LinearExprBuilder[]> use = new LinkedHashMap<>();
      for (String p : free.keySet()) {
        LinearExprBuilder[] b = new LinearExprBuilder[nm];
        for (int i = 0; i < nm; i++) {
          b[i] = LinearExpr.newBuilder();
        }
        use.put(p, b);
      }
      for (ServingDemand d : s.serving()) {
        for (int i = 0; i < nm; i++) {
          long demand = Math.round(d.demandIn(months.get(i)) * RPS_SCALE);
          LinearExprBuilder served = LinearExpr.newBuilder();
          for (String p : d.pools()) {
            Optional<Replica> r = replicas.get(d.id()).get(p);
            if (r.isEmpty()) {
              continue;
            }
            int most = free.get(p)[i] / r.get().devices();
            long rps = (long) Math.floor(r.get().requestsPerSecond() * RPS_SCALE);
            long need = rps > 0 ? (demand + rps - 1) / rps : 0;
            IntVar v = model.newIntVar(0, Math.min(most, need), "x_" + d.id() + "_" + p + "_" + i);
            x.put(d.id() + "|" + p + "|" + i, v);
            served.addTerm(v, rps);
            use.get(p)[i].addTerm(v, r.get().devices());
            cost.addTerm(v, (long) r.get().devices() * deviceMonthCents(p, i));
            weighted.addTerm(v, (long) r.get().devices() * deviceMonthCents(p, i) * CENT);
          }
          IntVar u = model.newIntVar(0, demand, "unmet_" + d.id() + "_" + i);
          model.addGreaterOrEqual(LinearExpr.newBuilder().add(u).add(served).build(), demand);
          long h = Math.round(hours(i));
          unmet.addTerm(u, h);
          // cents per thousandth of a request per second for the month
          weighted.addTerm(u, Math.round(h * unmetWeight(d) * 100 * CENT / RPS_SCALE));
        }
      }
      for (TrainingRun r : s.training()) {
        buildRun(r, use);
      }
      for (String p : free.keySet()) {
        for (int i = 0; i < nm; i++) {
          model.addLessOrEqual(use.get(p)[i].build(), free.get(p)[i]);
        }
      }
    }

    void buildRun(TrainingRun r, Map<String, LinearExprBuilder[]> use) {
      List<Group> gs = groups.get(r.id());
      double unit = Math.max(1, r.tokens() / 1e6);
      tokenUnit.put(r.id(), unit);
      long budget = (long) Math.ceil(r.tokens() / unit - 1e-9);
      LocalDate earliest = r.earliestStart().isBefore(settings.firstDay()) ? settings.firstDay() : r.earliestStart();
      BoolVar[][][] yr = new BoolVar[gs.size()][][];
      BoolVar[] z = new BoolVar[gs.size()];
      BoolVar[] f = new BoolVar[nm];
      for (int i = 0; i < nm; i++) {
        f[i] = model.newBoolVar("finish_" + r.id() + "_" + i);
      }
      finish.put(r.id(), f);
      LinearExprBuilder chosenSum = LinearExpr.newBuilder();
      LinearExprBuilder[] active = new LinearExprBuilder[nm];
      LinearExprBuilder[] progress = new LinearExprBuilder[nm];
      for (int i = 0; i < nm; i++) {
        active[i] = LinearExpr.newBuilder();
        progress[i] = LinearExpr.newBuilder();
      }
      double bestTps = 0;
      double lateCentsPerHour = lateWeight(r) * 100 / 24;
      long restartUnitsPerTps = 0;
      for (int g = 0; g < gs.size(); g++) {
        Group group = gs.get(g);
        z[g] = model.newBoolVar("chip_" + r.id() + "_" + g);
        chosenSum.add(z[g]);
        yr[g] = new BoolVar[group.levels().size()][nm];
        for (int k = 0; k < group.levels().size(); k++) {
          Level lv = group.levels().get(k);
          bestTps = Math.max(bestTps, lv.tokensPerSecond());
          for (int i = 0; i < nm; i++) {
            BoolVar v = model.newBoolVar("y_" + r.id() + "_" + g + "_" + k + "_" + i);
            yr[g][k][i] = v;
            LocalDate from = months.get(i).atDay(1);
            LocalDate to = months.get(i).plusMonths(1).atDay(1);
            if (!earliest.isBefore(to)) {
              model.addEquality(v, 0);
              continue;
            }
            model.addImplication(v, z[g]);
            double seconds = ChronoUnit.DAYS.between(from.isBefore(earliest) ? earliest : from, to) * 86400.0;
            long units = (long) Math.floor(lv.tokensPerSecond() * seconds / unit);
            active[i].add(v);
            // the work done this month at this size: at most a full month's, and only what the budget needs
            IntVar work = model.newIntVar(0, units, "work_" + r.id() + "_" + g + "_" + k + "_" + i);
            model.addLessOrEqual(work, LinearExpr.term(v, units));
            progress[i].add(work);
            earliness.addTerm(work, -(nm - i));
            // electricity of the device-seconds the work takes (a month's devices are held, the work is charged)
            double centsPerUnit = lv.used() * deviceMonthCents(group.pools().get(0), i) / hours(i) / 3600.0
                * unit / lv.tokensPerSecond();
            cost.addTerm(work, Math.round(centsPerUnit));
            weighted.addTerm(work, Math.round(centsPerUnit * CENT));
            long restartLoss = (long) Math.ceil(lv.tokensPerSecond() * settings.priorities().restartHours() * 3600 / unit);
            BoolVar st = model.newBoolVar("start_" + r.id() + "_" + g + "_" + k + "_" + i);
            if (i == 0) {
              model.addGreaterOrEqual(st, v);
            } else {
              model.addGreaterOrEqual(LinearExpr.newBuilder().add(st).add(yr[g][k][i - 1]).build(), v);
            }
            progress[i].addTerm(st, -restartLoss);
            // a tie-break against needless pauses and resizes (one cent per start)
            cost.addTerm(st, 1);
            weighted.addTerm(st, CENT + Math.round(lateCentsPerHour * CENT * settings.priorities().restartHours()));
          }
        }
        // devices per pool of the group, per month
        for (int i = 0; i < nm; i++) {
          LinearExprBuilder devices = LinearExpr.newBuilder();
          for (int k = 0; k < group.levels().size(); k++) {
            devices.addTerm(yr[g][k][i], group.levels().get(k).used());
          }
          LinearExprBuilder split = LinearExpr.newBuilder();
          for (String p : group.pools()) {
            IntVar w = model.newIntVar(0, free.get(p)[i], "w_" + r.id() + "_" + p + "_" + i);
            perPool.put(r.id() + "|" + g + "|" + p + "|" + i, new IntVar[] {w});
            split.add(w);
            use.get(p)[i].add(w);
          }
          model.addEquality(split.build(), devices.build());
        }
      }
      y.put(r.id(), yr);
      chosen.put(r.id(), z);
      model.addLessOrEqual(chosenSum.build(), 1);
      // one size per month; nothing after the month it finishes
      LinearExprBuilder finishedBefore = LinearExpr.newBuilder();
      LinearExprBuilder cumulative = LinearExpr.newBuilder();
      LinearExprBuilder finishedBy = LinearExpr.newBuilder();
      // a run without a deadline is late only when it does not finish within the horizon (its "never placed" price:
      // the hours its work still needs at its fastest size, below), never for finishing after its earliest start
      LocalDate reference = r.deadline().orElse(settings.endExclusive());
      for (int i = 0; i < nm; i++) {
        model.addLessOrEqual(LinearExpr.newBuilder().add(active[i]).add(finishedBefore).build(), 1);
        cumulative.add(progress[i]);
        finishedBy.add(f[i]);
        // finished by month i only if the cumulative progress covers the budget
        LinearExprBuilder cover = LinearExpr.newBuilder().add(cumulative);
        for (int j = 0; j <= i; j++) {
          cover.addTerm(f[j], -budget);
        }
        model.addGreaterOrEqual(cover.build(), 0);
        finishedBefore.add(f[i]);
        LocalDate monthEnd = months.get(i).plusMonths(1).atDay(1);
        long lateHours = Math.max(0, ChronoUnit.DAYS.between(reference, monthEnd)) * 24;
        late.addTerm(f[i], lateHours);
        finishHours.addTerm(f[i], Math.max(0, ChronoUnit.DAYS.between(earliest, monthEnd)) * 24);
        weighted.addTerm(f[i], Math.round(lateHours * lateCentsPerHour * CENT));
      }
      model.addLessOrEqual(finishedBy.build(), 1);
      // not finished within the horizon: late to the horizon end, plus the hours still needed at the fastest size
      BoolVar never = model.newBoolVar("never_" + r.id());
      model.addEquality(LinearExpr.newBuilder().add(finishedBy).add(never).build(), 1);
      long endLate = Math.max(0, ChronoUnit.DAYS.between(reference, settings.endExclusive())) * 24;
      late.addTerm(never, endLate);
      finishHours.addTerm(never, Math.max(0, ChronoUnit.DAYS.between(earliest, settings.endExclusive())) * 24);
      weighted.addTerm(never, Math.round(endLate * lateCentsPerHour * CENT));
      long unitsPerHour = Math.max(1, (long) Math.floor(bestTps * 3600 / unit));
      long maxRemHours = budget / unitsPerHour + 1;
      IntVar remaining = model.newIntVar(0, maxRemHours, "remaining_hours_" + r.id());
      model.addGreaterOrEqual(LinearExpr.newBuilder().addTerm(remaining, unitsPerHour).add(cumulative).build(), budget);
      late.add(remaining);
      finishHours.add(remaining);
      weighted.addTerm(remaining, Math.max(1, Math.round(lateCentsPerHour * CENT)));
    }

    /**
     * Empty when the first stage found no answer within its deterministic limit (the caller falls
     * back). A later stage that finds none keeps the answer of the stages before it, and says so.
     */
    Optional<Solved> solve(java.util.function.IntToDoubleFunction stageLimit) {
      CpSolver solver = new CpSolver();
      solverParameters(solver.getParameters());
      List<Map.Entry<String, LinearExpr>> plan = new ArrayList<>();
      if (ordered) {
        plan.add(Map.entry("unmet serving (request-hours)", unmet.build()));
        plan.add(Map.entry("hours late (training deadlines)", late.build()));
        if (settings.objective() == Scenario.Objective.FINISH) {
          plan.add(Map.entry("finish months (objective: finish)", finishHours.build()));
          plan.add(Map.entry("tokens trained early (the finish day within the month)", earliness.build()));
        }
        plan.add(Map.entry("cost", cost.build()));
      } else {
        plan.add(Map.entry("one objective in dollars (unmet serving, days late, cost, restarts)", weighted.build()));
        plan.add(Map.entry("tokens trained early among answers of equal dollars (the finish day within the month)",
            earliness.build()));
      }
      List<String> stages = new ArrayList<>();
      com.google.ortools.sat.CpSolverResponse kept = null;
      CpSolverStatus keptStatus = null;
      Optional<String> timedOut = Optional.empty();
      for (int k = 0; k < plan.size(); k++) {
        String what = plan.get(k).getKey();
        LinearExpr objective = plan.get(k).getValue();
        chipmix.cancel.Cancellation.check(); // a stage itself, native code, runs to its deterministic limit
        solver.getParameters().setMaxDeterministicTime(stageLimit.applyAsDouble(k));
        model.minimize(objective);
        CpSolverStatus status = solver.solve(model);
        if (status == CpSolverStatus.INFEASIBLE || status == CpSolverStatus.MODEL_INVALID) {
          throw new IllegalStateException("the allocation model has no solution (" + status + ")\nEvery workload may"
              + " take nothing, so the model is always feasible; this is a bug in the model.");
        }
        if (!ok(status)) {
          timedOut = kept == null ? Optional.empty() : Optional.of(what);
          break;
        }
        kept = solver.response();
        keptStatus = status;
        stages.add(what);
        if (k + 1 < plan.size()) {
          // the next stage keeps this optimum and starts from this answer (a complete, feasible hint)
          long best = Math.round(solver.objectiveValue());
          model.clearHints();
          var hint = model.getBuilder().getSolutionHintBuilder();
          for (int i = 0; i < kept.getSolutionCount(); i++) {
            hint.addVars(i);
            hint.addValues(kept.getSolution(i));
          }
          model.addLessOrEqual(objective, best);
        }
      }
      return kept == null ? Optional.empty() : Optional.of(new Solved(kept, keptStatus, stages, timedOut));
    }

    /**
     * CP-SAT's settings, chosen for models of a few hundred to a few thousand variables solved
     * thousands of times in a sweep (docs/sweeps.md, "Speed"). One search worker and a fixed seed:
     * the same answer on every run and machine. Probing off and one presolve pass: on the bundled
     * example's models (about 280 variables) CP-SAT's default probing and repeated presolve passes
     * were most of a solve's CPU time while the search itself needs a few hundred branches; without
     * them a solve takes about 40% less CPU. Neither changes what is proven: an answer reported
     * optimal is optimal under any settings (the objective values of the bundled example, its
     * variants and its sweep were compared before and after), though among equally good answers
     * the solver may return another one.
     */
    static void solverParameters(com.google.ortools.sat.SatParameters.Builder p) {
      p.setNumWorkers(1);
      p.setRandomSeed(1);
      p.setCpModelProbingLevel(0);
      p.setMaxPresolveIterations(1);
    }

    private static boolean ok(CpSolverStatus s) {
      return s == CpSolverStatus.OPTIMAL || s == CpSolverStatus.FEASIBLE;
    }

    /** The run as the solver placed it, with day-exact segments; reserved in the ledger and charged to the cost book. */
    TrainingResult placement(TrainingRun r, Solved solved, List<String> notes) {
      List<Group> gs = groups.get(r.id());
      BoolVar[][][] yr = y.get(r.id());
      int g = -1;
      for (int k = 0; k < gs.size(); k++) {
        if (solved.isTrue(chosen.get(r.id())[k])) {
          g = k;
        }
      }
      LocalDate earliest = r.earliestStart().isBefore(settings.firstDay()) ? settings.firstDay() : r.earliestStart();
      List<Segment> segments = new ArrayList<>();
      List<Map<String, Integer>> split = new ArrayList<>();
      if (g >= 0) {
        Group group = gs.get(g);
        double remaining = r.tokens();
        int lastLevel = -1;
        for (int i = 0; i < nm && remaining > 0; i++) {
          int level = -1;
          for (int k = 0; k < group.levels().size(); k++) {
            if (solved.isTrue(yr[g][k][i])) {
              level = k;
            }
          }
          if (level < 0) {
            lastLevel = -1;
            continue;
          }
          Level lv = group.levels().get(level);
          LocalDate from = months.get(i).atDay(1);
          if (from.isBefore(earliest)) {
            from = earliest;
          }
          if (level != lastLevel) {
            remaining += lv.tokensPerSecond() * settings.priorities().restartHours() * 3600;
          }
          LocalDate to = months.get(i).plusMonths(1).atDay(1);
          double seconds = ChronoUnit.DAYS.between(from, to) * 86400.0;
          if (lv.tokensPerSecond() * seconds >= remaining) {
            LocalDate end = TrainingPlacement.plusSeconds(from, remaining / lv.tokensPerSecond());
            to = end.isAfter(to) ? to : end;
            remaining = 0;
          } else {
            remaining -= lv.tokensPerSecond() * seconds;
          }
          Map<String, Integer> byPool = new LinkedHashMap<>();
          for (String p : group.pools()) {
            int n = (int) solved.value(perPool.get(r.id() + "|" + g + "|" + p + "|" + i)[0]);
            if (n > 0) {
              byPool.put(p, n);
            }
          }
          Segment seg = new Segment(from, to, lv.used(), lv.tokensPerSecond(), lv.layout());
          if (level == lastLevel && !segments.isEmpty() && segments.get(segments.size() - 1).to().equals(from)
              && split.get(split.size() - 1).equals(byPool)) {
            Segment prev = segments.remove(segments.size() - 1);
            split.remove(split.size() - 1);
            seg = new Segment(prev.from(), to, lv.used(), lv.tokensPerSecond(), lv.layout());
          }
          segments.add(seg);
          split.add(byPool);
          lastLevel = level;
        }
        if (!segments.isEmpty() && remaining > 0) {
          // still running at the horizon end: the finish is extrapolated with the size it held last
          Segment last = segments.get(segments.size() - 1);
          if (last.to().equals(settings.endExclusive())) {
            LocalDate end = TrainingPlacement.plusSeconds(last.from(),
                (remaining + last.tokensPerSecond() * ChronoUnit.DAYS.between(last.from(), last.to()) * 86400.0)
                    / last.tokensPerSecond());
            segments.set(segments.size() - 1, new Segment(last.from(), end, last.devices(), last.tokensPerSecond(),
                last.layout()));
          } else {
            notes.add("The run makes progress but the solver pauses it before the horizon end, so no finish date is given.");
            segments.clear();
          }
        }
        if (gs.size() > 1 && !segments.isEmpty()) {
          notes.add("Placed on " + capacity.chip(group.pools().get(0)).name() + " ("
              + capacity.chip(group.pools().get(0)).vendor() + "), the solver's choice under the priorities.");
        }
      }
      if (segments.isEmpty()) {
        return new TrainingResult(r.id(), r.model(), r.tokens(), r.deadline(), Optional.empty(), notes);
      }
      Placement pl = TrainingPlacement.Commit.placement(r, segments, split, capacity, costs, settings);
      return new TrainingResult(r.id(), r.model(), r.tokens(), r.deadline(), Optional.of(pl), notes);
    }
  }
}
