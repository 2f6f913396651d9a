package chipmix.scenario;

import chipmix.catalog.Catalog;
import chipmix.catalog.Chip;
import chipmix.catalog.Metric;
import chipmix.scenario.Engines.Finding;
import chipmix.scenario.Engines.Verdict;
import chipmix.scenario.Scenario.Pool;
import chipmix.scenario.Scenario.ServingDemand;
import chipmix.scenario.Scenario.TrainingRun;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Goal-seeking on top of the planner ({@code chipmix plan --solve}): devices of one chip to add by
 * a date so that every deadline and demand is met; the cheapest mix of candidate chips (those the
 * organisation may get under the export rules) that does it; the earliest date each run can
 * finish when it comes first. Added devices form new pools ({@code buy-<chip>}) that every run and
 * demand may use; "met" means every run with a deadline finishes by it (a run without one finishes
 * within the horizon) and no month leaves serving demand unmet. Feasibility only grows with
 * devices, so counts are found by bisection and mixes by a staircase walk over a grid.
 */
public final class GoalSeek {
  /** The most devices of one chip a search considers. */
  static final int MAX_DEVICES = 4_000_000;

  private final Planner planner;
  private final Catalog catalog;
  private final Engines.Compliance compliance;

  public GoalSeek(Planner planner, Catalog catalog, Engines.Compliance compliance) {
    this.planner = planner;
    this.catalog = catalog;
    this.compliance = compliance;
  }

  /** A candidate chip with its export finding for the organisation on the date. */
  public record Candidate(Chip chip, Finding finding) {}

  /** Devices to add per chip, what they cost, and the plan with them. */
  public record Mix(Map<String, Integer> devices, double costUsd, Plan plan) {
    public Mix {
      devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
    }
  }

  /** The answer to {@code --solve mix}: candidates (with the dropped ones and why) and the cheapest mix, if any. */
  public record MixAnswer(List<Candidate> candidates, List<Candidate> dropped, Optional<Mix> mix, int plansMade) {}

  /** The earliest finish of one run when it comes first. */
  public record EarliestFinish(String run, Optional<Plan.Placement> placement) {}

  /** Whether a plan meets every deadline and demand. */
  public static boolean meetsAll(Plan p) {
    boolean training = p.training().stream().allMatch(t -> t.placement().isPresent()
        && (t.deadline().isPresent() ? t.daysLate().orElse(1L) <= 0 : t.placement().get().finishesInHorizon()));
    boolean serving = p.serving().stream().allMatch(s -> s.maxUnmet() <= 1e-9);
    return training && serving;
  }

  /** The candidates the organisation may get on {@code date}: blocked chips are dropped (with the finding), at-risk ones kept. */
  public List<Candidate> screen(Scenario s, List<Chip> chips, LocalDate date, List<Candidate> dropped) {
    List<Candidate> out = new ArrayList<>();
    for (Chip c : chips) {
      // shipped from where it is designed: a chip made in the destination country crosses no export border
      String from = c.designOrigin().equals(s.organisation().primaryDataCentre()) ? c.designOrigin() : "US";
      Finding f = compliance.check(c, from, s.organisation().primaryDataCentre(), s.organisation().headquarters(),
          s.organisation().parties(), date);
      if (f.verdict() == Verdict.BLOCKED) {
        dropped.add(new Candidate(c, f));
      } else {
        out.add(new Candidate(c, f));
      }
    }
    return out;
  }

  /** The scenario with {@code count} devices of each chip added, online on {@code by}, usable by every run and demand. */
  public Scenario withDevices(Scenario s, Map<Chip, Integer> add, LocalDate by) {
    List<Pool> pools = new ArrayList<>(s.pools());
    List<String> ids = new ArrayList<>();
    for (Map.Entry<Chip, Integer> e : add.entrySet()) {
      if (e.getValue() <= 0) {
        continue;
      }
      String id = "buy-" + e.getKey().id();
      ids.add(id);
      pools.add(new Pool(id, e.getKey().id(), Optional.empty(), e.getValue(), by,
          e.getKey().spec(Metric.PRICE).map(x -> x.nominal()), Optional.empty(), Optional.empty(),
          "added by the goal seek"));
    }
    List<TrainingRun> runs = s.training().stream().map(r -> new TrainingRun(r.id(), r.model(), r.tokens(),
        r.sequenceLength(), r.globalBatch(), r.earliestStart(), r.deadline(), concat(r.pools(), ids), r.devices(), r.grow(),
        r.recipe(), r.scale(), r.lateUsdPerDay())).toList();
    List<ServingDemand> demands = s.serving().stream().map(d -> new ServingDemand(d.id(), d.model(), d.requestsPerSecond(),
        d.promptTokens(), d.outputTokens(), d.ttftMs(), d.tpotMs(), d.weights(), d.kvCache(), concat(d.pools(), ids),
        d.unmetUsdPerRequestHour())).toList();
    return new Scenario(s.name(), s.description(), s.organisation(), pools, s.orders(), runs, demands, s.settings(),
        List.of());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private Plan planOf(Scenario s) {
    return planner.plan(s, Optional.empty());
  }

  /** The fewest devices (a multiple of {@code step}) of {@code chip} online by {@code by} that meet every deadline and demand. */
  public Optional<Mix> devices(Scenario s, Chip chip, LocalDate by, int step) {
    requirePrices(List.of(chip));
    Predicate<Integer> ok = n -> meetsAll(planOf(withDevices(s, Map.of(chip, n), by)));
    Optional<Integer> n = least(ok, step, 0);
    return n.map(k -> new Mix(Map.of(chip.id(), k), k * price(chip), planOf(withDevices(s, Map.of(chip, k), by))));
  }

  /**
   * The cheapest mix of the candidate chips (at most three: the walk is exact over the grid but
   * grows with each chip) that meets every deadline and demand, each count a multiple of {@code step}.
   */
  public MixAnswer mix(Scenario s, List<Chip> chips, LocalDate by, int step) {
    List<Candidate> dropped = new ArrayList<>();
    List<Candidate> candidates = screen(s, chips, by, dropped);
    Map<String, Boolean> memo = new LinkedHashMap<>();
    List<Chip> cs = candidates.stream().map(Candidate::chip).toList();
    requirePrices(cs);
    Predicate<int[]> ok = counts -> memo.computeIfAbsent(java.util.Arrays.toString(counts), k -> {
      Map<Chip, Integer> add = new LinkedHashMap<>();
      for (int i = 0; i < cs.size(); i++) {
        add.put(cs.get(i), counts[i]);
      }
      return meetsAll(planOf(withDevices(s, add, by)));
    });
    Optional<int[]> best = cheapest(cs.stream().mapToDouble(GoalSeek::price).toArray(), ok, step);
    Optional<Mix> mix = best.map(b -> {
      Map<Chip, Integer> add = new LinkedHashMap<>();
      Map<String, Integer> byId = new LinkedHashMap<>();
      double cost = 0;
      for (int i = 0; i < cs.size(); i++) {
        add.put(cs.get(i), b[i]);
        byId.put(cs.get(i).id(), b[i]);
        cost += b[i] * price(cs.get(i));
      }
      return new Mix(byId, cost, planOf(withDevices(s, add, by)));
    });
    return new MixAnswer(candidates, dropped, mix, memo.size());
  }

  /**
   * The cheapest integer vector (multiples of {@code step}) with {@code ok} true, when {@code ok} is
   * monotone (more of any chip never hurts). One chip: bisection. Several: for each count of the
   * first chip on the grid (up to the least that works alone), the cheapest of the others given it.
   */
  static Optional<int[]> cheapest(double[] price, Predicate<int[]> ok, int step) {
    // A first feasible point: the same count of every chip, doubled until it works; its cost bounds the walk.
    Optional<Integer> same = least(x -> {
      int[] v = new int[price.length];
      java.util.Arrays.fill(v, x);
      return ok.test(v);
    }, step, 0);
    if (same.isEmpty()) {
      return Optional.empty();
    }
    int[] start = new int[price.length];
    java.util.Arrays.fill(start, same.get());
    double bound = cost(start, price);
    return cheapest(price, ok, step, new int[price.length], 0, bound).or(() -> Optional.of(start));
  }

  private static double cost(int[] v, double[] price) {
    double c = 0;
    for (int i = 0; i < v.length; i++) {
      c += v[i] * price[i];
    }
    return c;
  }

  private static Optional<int[]> cheapest(double[] price, Predicate<int[]> ok, int step, int[] fixed, int index,
      double bound) {
    int k = price.length;
    if (index == k - 1) {
      Optional<Integer> n = least(x -> {
        int[] v = fixed.clone();
        v[index] = x;
        return ok.test(v);
      }, step, 0);
      return n.map(x -> {
        int[] v = fixed.clone();
        v[index] = x;
        return v;
      }).filter(v -> cost(v, price) <= bound);
    }
    Optional<int[]> best = Optional.empty();
    double bestCost = bound;
    // more of this chip than the best cost so far allows can only cost more
    for (int n = 0; cost(fixed, price) + n * price[index] <= bestCost; n += step) {
      int[] v = fixed.clone();
      v[index] = n;
      Optional<int[]> rest = cheapest(price, ok, step, v, index + 1, bestCost);
      if (rest.isPresent() && (best.isEmpty() || cost(rest.get(), price) < bestCost)) {
        bestCost = cost(rest.get(), price);
        best = rest;
      }
      if (rest.isPresent() && rest.get()[index + 1] == 0 && allZeroAfter(rest.get(), index + 1)) {
        break; // this chip alone meets everything: more of it only costs more
      }
    }
    return best;
  }

  private static boolean allZeroAfter(int[] v, int from) {
    for (int i = from; i < v.length; i++) {
      if (v[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The least multiple of {@code step} at or above {@code from} for which {@code ok} holds (monotone), up to the cap. */
  static Optional<Integer> least(Predicate<Integer> ok, int step, int from) {
    if (ok.test(from)) {
      return Optional.of(from);
    }
    long hi = Math.max(step, from + step);
    long cap = (long) MAX_DEVICES / step * step; // the largest multiple of step within the cap
    while (!ok.test((int) hi)) {
      if (hi >= cap) {
        return Optional.empty();
      }
      hi = Math.min(cap, hi * 2);
    }
    long lo = from;
    // ok(lo) false, ok(hi) true; both multiples of step
    while (hi - lo > step) {
      long mid = lo + ((hi - lo) / step / 2) * step;
      if (mid == lo) {
        mid = lo + step;
      }
      if (ok.test((int) mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return Optional.of((int) hi);
  }

  static double price(Chip c) {
    return c.spec(Metric.PRICE).map(x -> x.nominal()).orElseThrow(() -> new IllegalStateException(
        "chip " + c.id() + " has no price\nMaybe call requirePrices first."));
  }

  /** Every chip must have a catalog price: the answers are costed, and a cost cannot rest on a missing figure. */
  static void requirePrices(List<Chip> chips) {
    chipmix.validation.Issues issues = new chipmix.validation.Issues();
    for (Chip c : chips) {
      if (c.spec(Metric.PRICE).isEmpty()) {
        issues.add("chips", "chip " + c.id() + " has no price_usd in the catalog, so the answer cannot be costed;"
            + " add one in a catalog file of your own, or leave the chip out");
      }
    }
    issues.throwIfAny();
  }

  /** The earliest date each run can finish when it comes first (every other workload after it). */
  public List<EarliestFinish> earliest(Scenario s) {
    List<EarliestFinish> out = new ArrayList<>();
    for (TrainingRun r : s.training()) {
      List<TrainingRun> runs = s.training().stream().map(t -> new TrainingRun(t.id(), t.model(), t.tokens(),
          t.sequenceLength(), t.globalBatch(), t.earliestStart(), t.id().equals(r.id()) ? Optional.of(t.earliestStart())
              : Optional.empty(), t.pools(), t.devices(), t.grow(), t.recipe(), t.scale(),
          Optional.of(t.id().equals(r.id()) ? 1e9 : 0.0))).toList();
      List<ServingDemand> demands = s.serving().stream().map(d -> new ServingDemand(d.id(), d.model(), d.requestsPerSecond(),
          d.promptTokens(), d.outputTokens(), d.ttftMs(), d.tpotMs(), d.weights(), d.kvCache(), d.pools(),
          Optional.of(0.0))).toList();
      Scenario.Settings st = s.settings();
      Scenario.Settings first = new Scenario.Settings(st.start(), st.end(), st.pue(), st.electricityUsdPerKwh(),
          st.amortizationYears(), Scenario.Objective.FINISH, st.importSide(), Scenario.Allocation.SOLVER,
          new Scenario.Priorities(Optional.of(0.0), Optional.of(0.0), st.priorities().restartHours()), st.uncertainty());
      Scenario one = new Scenario(s.name(), s.description(), s.organisation(), s.pools(), s.orders(), runs, demands, first,
          List.of());
      Plan p = planOf(one);
      out.add(new EarliestFinish(r.id(), p.training().stream().filter(t -> t.id().equals(r.id())).findFirst()
          .flatMap(TrainingResult -> TrainingResult.placement())));
    }
    return out;
  }
}
