package chipmix.scenario;

import chipmix.catalog.Chip;
import chipmix.scenario.CapacityLedger.PoolInfo;
import chipmix.scenario.Engines.TrainingRate;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.Segment;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Scenario.Objective;
import chipmix.scenario.Scenario.Settings;
import chipmix.scenario.Scenario.TrainingRun;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places training runs one at a time on the devices the ledger has free: one chip type per run
 * (never two vendors in one collective group), the best layout from the training search, a fixed
 * device count from the best start date or, with {@code grow}, devices taken as they arrive.
 * Reserves the devices it places and charges their electricity.
 */
final class TrainingPlacement {
  private static final int FAR_FUTURE_YEARS = 20;

  private final CapacityLedger capacity;
  private final CostBook costs;
  private final Engines.Training engine;
  private final Settings settings;
  private final boolean hasServing;
  private final int runCount;
  private final Map<String, Optional<TrainingRate>> rates = new HashMap<>();
  private final Map<String, String> engineProblems = new HashMap<>();
  private String lastEngineProblem;
  private String lastFailure;

  TrainingPlacement(CapacityLedger capacity, CostBook costs, Engines.Training engine, Scenario s) {
    this.capacity = capacity;
    this.costs = costs;
    this.engine = engine;
    this.settings = s.settings();
    this.hasServing = !s.serving().isEmpty();
    this.runCount = s.training().size();
  }

  /** A tentative placement: segments and per-segment per-pool device counts. */
  private final class Candidate {
    final List<String> pools;
    final List<Segment> segments = new ArrayList<>();
    final List<Map<String, Integer>> split = new ArrayList<>();
    double costEstimate;

    Candidate(List<String> pools) {
      this.pools = pools;
    }

    LocalDate finish() {
      return segments.get(segments.size() - 1).to();
    }

    String chipVendor() {
      return capacity.chip(pools.get(0)).vendor();
    }
  }

  TrainingResult place(TrainingRun r) {
    List<String> notesHere = new ArrayList<>();
    Map<String, List<String>> byChip = new LinkedHashMap<>();
    for (String pool : r.pools()) {
      byChip.computeIfAbsent(capacity.chip(pool).id(), k -> new ArrayList<>()).add(pool);
    }
    chipNote(byChip, capacity).ifPresent(notesHere::add);
    LocalDate earliest = r.earliestStart();
    if (earliest.isBefore(settings.firstDay())) {
      notesHere.add("Earliest start " + earliest + " is before the horizon; the run is planned from " + settings.firstDay() + ".");
      earliest = settings.firstDay();
    }
    Candidate best = null;
    for (Map.Entry<String, List<String>> group : byChip.entrySet()) {
      Candidate c = r.grow() ? growing(r, group.getValue(), earliest) : fixed(r, group.getValue(), earliest);
      if (c == null) {
        Chip chip = capacity.chip(group.getValue().get(0));
        notesHere.add("On " + chip.name() + " (pools " + String.join(", ", group.getValue()) + ") the run cannot be"
            + " placed: " + (lastFailure == null ? "no devices are free" : lastFailure) + ".");
        continue;
      }
      if (byChip.size() > 1) {
        Chip chip = capacity.chip(group.getValue().get(0));
        Segment last = c.segments.get(c.segments.size() - 1);
        notesHere.add("On " + chip.name() + " (pools " + String.join(", ", group.getValue()) + "): "
            + c.segments.get(0).from() + " to " + last.to() + " on up to "
            + fmtCount(c.segments.stream().mapToInt(Segment::devices).max().orElse(0)) + " devices.");
      }
      if (best == null || better(c, best)) {
        best = c;
      }
    }
    if (best == null) {
      return new TrainingResult(r.id(), r.model(), r.tokens(), r.deadline(), Optional.empty(), notesHere);
    }
    if (byChip.size() > 1) {
      notesHere.add("Placed on " + capacity.chip(best.pools.get(0)).name() + " (" + best.chipVendor() + "), the "
          + (settings.objective() == Objective.FINISH ? "earliest finish" : "lowest cost") + ".");
    }
    return new TrainingResult(r.id(), r.model(), r.tokens(), r.deadline(), Optional.of(commit(r, best)), notesHere);
  }

  /** The note for a run whose pools hold several chips (or vendors): one chip type per run. */
  static Optional<String> chipNote(Map<String, List<String>> poolsByChip, CapacityLedger capacity) {
    List<String> vendors = poolsByChip.keySet().stream().map(c -> capacity.chip(poolsByChip.get(c).get(0)).vendor())
        .distinct().toList();
    if (vendors.size() > 1) {
      return Optional.of("The run lists pools of " + String.join(" and ", vendors) + ". A run never spans vendors in one"
          + " collective group (their collective libraries do not interoperate), so each vendor's pools were tried"
          + " on their own and the best was kept.");
    } else if (poolsByChip.size() > 1) {
      return Optional.of("The run lists pools of " + poolsByChip.size() + " chip types; the training model is homogeneous, so"
          + " each chip type was tried on its own and the best was kept.");
    }
    return Optional.empty();
  }

  private boolean better(Candidate a, Candidate b) {
    int byFinish = a.finish().compareTo(b.finish());
    int byCost = Double.compare(a.costEstimate, b.costEstimate);
    return settings.objective() == Objective.FINISH
        ? (byFinish < 0 || (byFinish == 0 && byCost < 0))
        : (byCost < 0 || (byCost == 0 && byFinish < 0));
  }

  private Optional<TrainingRate> rate(TrainingRun r, String pool, int devices) {
    PoolInfo info = capacity.pool(pool);
    String key = r.id() + "|" + info.chip().id() + "|" + info.system().map(s -> s.id()).orElse("") + "|"
        + info.scaleOutGbps() + "|" + devices;
    if (!rates.containsKey(key)) {
      Optional<TrainingRate> rate;
      try {
        rate = engine.best(r.model(), r.sequenceLength(), r.globalBatch(), info.chip(), info.system(), info.scaleOutGbps(),
            devices, r.recipe());
      } catch (InvalidInputException | InfeasibleException e) {
        // The model cannot say (a chip lacks a figure it needs, no system): a visible note, not a failed plan.
        engineProblems.put(key, e.getMessage());
        rate = Optional.empty();
      }
      rates.put(key, rate);
    }
    lastEngineProblem = engineProblems.containsKey(key)
        ? "the training model cannot estimate it: " + engineProblems.get(key) : null;
    return rates.get(key);
  }

  static String fmtCount(int n) {
    return String.format(java.util.Locale.ROOT, "%,d", n);
  }

  static LocalDate plusSeconds(LocalDate from, double seconds) {
    long days = (long) Math.ceil(seconds / 86400 - 1e-9);
    return from.plusDays(Math.max(days, 1));
  }

  /** The run on a fixed device count (the {@code devices} given, else all free devices at its start). */
  private Candidate fixed(TrainingRun r, List<String> pools, LocalDate earliest) {
    Candidate best = null;
    lastFailure = null;
    int mostFree = 0;
    LocalDate mostFreeOn = earliest;
    boolean notFree = false;
    for (LocalDate t : capacity.changePoints(pools, earliest)) {
      if (!t.isBefore(settings.endExclusive())) {
        break;
      }
      if (best != null && settings.objective() == Objective.FINISH && !t.isBefore(best.finish())) {
        break;
      }
      int free = capacity.freeOn(pools, t);
      if (free > mostFree) {
        mostFree = free;
        mostFreeOn = t;
      }
      int offer = r.devices().orElse(free);
      if (free <= 0 || offer > free) {
        lastFailure = "no devices are free";
        notFree = true;
        continue;
      }
      for (int attempt = 0; attempt < 6 && offer > 0; attempt++) {
        Optional<TrainingRate> rate = rate(r, pools.get(0), offer);
        if (rate.isEmpty()) {
          lastFailure = lastEngineProblem != null ? lastEngineProblem
              : "the model does not fit on " + offer + " devices in any layout";
          notFree = false;
          break;
        }
        int used = rate.get().devicesUsed();
        LocalDate end = plusSeconds(t, r.tokens() / rate.get().tokensPerSecond());
        int avail = capacity.minFree(pools, t, end);
        if (avail >= used) {
          Candidate c = new Candidate(pools);
          c.segments.add(new Segment(t, end, used, rate.get().tokensPerSecond(), rate.get().layout()));
          c.split.add(split(pools, t, end, used));
          c.costEstimate = estimateCost(c);
          if (best == null || better(c, best)) {
            best = c;
          }
          break;
        }
        if (r.devices().isPresent()) {
          notFree = true;
          break;
        }
        offer = avail;
      }
    }
    if (best == null && notFree && r.devices().isPresent()) {
      int asked = r.devices().get();
      String holders = hasServing ? "; other workloads hold the rest, and serving is sized first"
          : runCount > 1 ? "; other runs hold the rest" : "";
      lastFailure = "the " + fmtCount(asked) + " devices asked for are "
          + (mostFree < asked
              ? "never free at once within the horizon (" + (mostFree <= 0 ? "none is free from " + earliest
                  : "at most " + fmtCount(mostFree) + " are free, from " + mostFreeOn) + holders + ")"
              : "free at once (" + fmtCount(mostFree) + " from " + mostFreeOn + ") but never for the whole length of"
                  + " the run within the horizon" + (hasServing
                      ? " (serving is sized first, and other workloads hold them later)"
                      : runCount > 1 ? " (other runs hold them later)" : ""));
    }
    return best;
  }

  /** The run starting as soon as the model fits and taking devices as they arrive. */
  private Candidate growing(TrainingRun r, List<String> pools, LocalDate earliest) {
    lastFailure = "no devices are free";
    LocalDate farFuture = settings.endExclusive().plusYears(FAR_FUTURE_YEARS);
    for (LocalDate t : capacity.changePoints(pools, earliest)) {
      if (!t.isBefore(settings.endExclusive())) {
        break;
      }
      int offer = Math.min(capacity.freeOn(pools, t), r.devices().orElse(Integer.MAX_VALUE));
      if (offer <= 0) {
        continue;
      }
      if (rate(r, pools.get(0), offer).isEmpty()) {
        lastFailure = lastEngineProblem != null ? lastEngineProblem
            : "the model does not fit on the " + offer + " devices free on " + t + " in any layout";
        continue;
      }
      Candidate c = new Candidate(pools);
      double remaining = r.tokens();
      LocalDate cur = t;
      while (remaining > 0 && cur.isBefore(farFuture)) {
        LocalDate next = Optional.ofNullable(capacity.changePoints(pools, cur).higher(cur)).orElse(farFuture);
        int n = Math.min(capacity.freeOn(pools, cur), r.devices().orElse(Integer.MAX_VALUE));
        Optional<TrainingRate> rate = n > 0 ? rate(r, pools.get(0), n) : Optional.empty();
        if (rate.isEmpty()) {
          cur = next;
          continue;
        }
        double seconds = ChronoUnit.DAYS.between(cur, next) * 86400.0;
        double tps = rate.get().tokensPerSecond();
        LocalDate end = next;
        if (tps * seconds >= remaining) {
          end = plusSeconds(cur, remaining / tps);
          if (end.isAfter(next)) {
            end = next;
          }
          remaining = 0;
        } else {
          remaining -= tps * seconds;
        }
        int used = rate.get().devicesUsed();
        c.segments.add(new Segment(cur, end, used, tps, rate.get().layout()));
        c.split.add(split(pools, cur, end, used));
        cur = end;
      }
      if (remaining > 0 || c.segments.isEmpty()) {
        lastFailure = "it does not finish within " + FAR_FUTURE_YEARS + " years of the horizon end";
        return null;
      }
      c.costEstimate = estimateCost(c);
      return c;
    }
    return null;
  }

  /** Devices per pool for a stretch, filling pools in the order the run lists them. */
  private Map<String, Integer> split(List<String> pools, LocalDate from, LocalDate to, int devices) {
    Map<String, Integer> out = new LinkedHashMap<>();
    int left = devices;
    for (String p : pools) {
      int take = Math.min(left, capacity.minFree(p, from, to));
      if (take > 0) {
        out.put(p, take);
        left -= take;
      }
    }
    return out;
  }

  private double estimateCost(Candidate c) {
    return costs.cost(c.segments, c.split, capacity::pool).totalUsd();
  }

  private Placement commit(TrainingRun r, Candidate c) {
    return Commit.placement(r, c.segments, c.split, capacity, costs, settings);
  }

  /** Reserving a run's devices and charging them: shared by every allocation. */
  static final class Commit {
    private Commit() {}

    static Placement placement(TrainingRun r, List<Segment> segments, List<Map<String, Integer>> split,
        CapacityLedger capacity, CostBook costs, Settings settings) {
      for (int i = 0; i < segments.size(); i++) {
        Segment seg = segments.get(i);
        for (Map.Entry<String, Integer> e : split.get(i).entrySet()) {
          capacity.reserve(e.getKey(), seg.from(), seg.to(), e.getValue(), "training " + r.id());
          costs.chargeBusy(capacity.pool(e.getKey()), e.getValue(), seg.from(), seg.to());
        }
      }
      CostBook.WorkloadCost k = costs.cost(segments, split, capacity::pool);
      String firstPool = split.stream().flatMap(m -> m.keySet().stream()).findFirst().orElseThrow();
      Chip chip = capacity.chip(firstPool);
      List<String> used = split.stream().flatMap(m -> m.keySet().stream()).distinct().toList();
      LocalDate finish = segments.get(segments.size() - 1).to();
      return new Placement(chip.id(), chip.name(), chip.vendor(), used, segments.get(0).from(), finish,
          !finish.isAfter(settings.endExclusive()), segments, k.deviceHours(), k.energyKwh(), k.energyUsd(),
          k.amortisedUsd(), k.rentalUsd());
    }
  }
}
