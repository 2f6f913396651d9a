package chipmix.scenario;

import chipmix.catalog.Chip;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.Segment;
import chipmix.scenario.Plan.ServingMonth;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Scenario.ServingDemand;
import chipmix.scenario.Scenario.TrainingRun;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why each workload got what it got: for a run that is late or not placed, who held the devices
 * of its chip before its deadline and how many more devices, online by its start, would let it
 * meet the deadline; for a demand left unmet, who held its pools and how many more devices would
 * meet it. The sentences are built from the plan's own figures (devices online and held per month)
 * and the training search's rate for the size named; nothing here is estimated anew.
 */
final class Explanations {
  private Explanations() {}

  /** Devices of {@code pools} held in month {@code m} by workloads other than {@code self}, by holder. */
  static Map<String, Integer> holders(List<String> pools, YearMonth m, String self, List<TrainingResult> training,
      List<ServingResult> serving) {
    Map<String, Integer> out = new LinkedHashMap<>();
    LocalDate day = m.atDay(1);
    for (ServingResult s : serving) {
      if (("serving " + s.id()).equals(self)) {
        continue;
      }
      for (ServingMonth sm : s.months()) {
        if (sm.month().equals(m)) {
          int n = pools.stream().mapToInt(p -> sm.devicesByPool().getOrDefault(p, 0)).sum();
          if (n > 0) {
            out.merge("serving " + s.id(), n, Integer::sum);
          }
        }
      }
    }
    for (TrainingResult t : training) {
      if (("training " + t.id()).equals(self) || t.placement().isEmpty()) {
        continue;
      }
      Placement pl = t.placement().get();
      if (pl.pools().stream().noneMatch(pools::contains)) {
        continue;
      }
      for (Segment seg : pl.segments()) {
        if (!seg.from().isAfter(day) && seg.to().isAfter(day)) {
          out.merge("training " + t.id(), seg.devices(), Integer::sum);
        }
      }
    }
    return out;
  }

  /** Notes for one training run; {@code groups} are the chips it may use with the sizes the training search gives. */
  static List<String> training(TrainingRun r, TrainingResult result, List<SolverAllocation.Group> groups,
      CapacityLedger capacity, Scenario scenario, List<TrainingResult> training, List<ServingResult> serving) {
    Scenario.Settings settings = scenario.settings();
    List<String> out = new ArrayList<>();
    Optional<Long> late = result.daysLate();
    boolean placed = result.placement().isPresent();
    if (placed && (late.isEmpty() || late.get() <= 0)) {
      Placement pl = result.placement().get();
      StringBuilder sb = new StringBuilder("Why: ").append(late.isPresent() ? "meets its deadline with " + late.get() * -1
          + " days to spare" : "placed").append(" on up to ").append(TrainingPlacement.fmtCount(pl.peakDevices())).append(' ')
          .append(pl.chipName()).append(" from ").append(pl.start());
      for (ServingResult s : serving) {
        double shortfall = 0;
        for (ServingMonth sm : s.months()) {
          LocalDate day = sm.month().atDay(1);
          boolean during = pl.segments().stream().anyMatch(seg -> seg.from().isBefore(sm.month().plusMonths(1).atDay(1))
              && seg.to().isAfter(day));
          if (during && sm.unmetRps() > 1e-9) {
            shortfall = Math.max(shortfall, sm.unmetRps());
          }
        }
        if (shortfall > 0) {
          sb.append("; meanwhile serving ").append(s.id()).append(" is short of up to ")
              .append(String.format(java.util.Locale.ROOT, "%,.1f", shortfall)).append(" requests/s");
          if (!SolverAllocation.ordered(scenario)) {
            // the weights the solver traded, each workload's own where it declares one (issue 13)
            Optional<Double> unmet = scenario.serving().stream().filter(d -> d.id().equals(s.id())).findFirst()
                .flatMap(d -> SolverAllocation.unmetWeight(scenario, d));
            sb.append(" (the declared priorities: ").append(SolverAllocation.lateWeight(scenario, r)
                    .map(w -> String.format(java.util.Locale.ROOT, "$%,.0f per day late", w)).orElse("no price for a day late"))
                .append(" against ").append(unmet.map(u -> "$" + Planner.fmt(u) + " per unmet request-hour")
                    .orElse("no price for unmet requests")).append(")");
          }
        }
      }
      out.add(sb.append('.').toString());
      return out;
    }
    LocalDate earliest = r.earliestStart().isBefore(settings.firstDay()) ? settings.firstDay() : r.earliestStart();
    LocalDate by = r.deadline().orElse(settings.endExclusive());
    if (!by.isAfter(earliest)) {
      return out;
    }
    for (SolverAllocation.Group g : groups) {
      Chip chip = capacity.chip(g.pools().get(0));
      // the fewest devices of this chip left to the run in any month from its start to its deadline
      int leastLeft = Integer.MAX_VALUE;
      YearMonth tightest = YearMonth.from(earliest);
      Map<String, Integer> heldThen = Map.of();
      int onlineThen = 0;
      for (YearMonth m = YearMonth.from(earliest); m.atDay(1).isBefore(by) && !m.isAfter(settings.end()); m = m.plusMonths(1)) {
        LocalDate day = m.atDay(1).isBefore(earliest) ? earliest : m.atDay(1);
        int online = g.pools().stream().mapToInt(p -> capacity.online(p, day)).sum();
        Map<String, Integer> held = holders(g.pools(), m, "training " + r.id(), training, serving);
        int left = online - held.values().stream().mapToInt(Integer::intValue).sum();
        if (left < leastLeft) {
          leastLeft = left;
          tightest = m;
          heldThen = held;
          onlineThen = online;
        }
      }
      if (leastLeft == Integer.MAX_VALUE) {
        continue;
      }
      double seconds = java.time.temporal.ChronoUnit.DAYS.between(earliest, by) * 86400.0;
      double restart = settings.priorities().restartHours() * 3600;
      Optional<SolverAllocation.Level> enough = g.levels().stream()
          .filter(l -> l.tokensPerSecond() * (seconds - restart) >= r.tokens()).findFirst();
      StringBuilder sb = new StringBuilder();
      sb.append("Why: ").append(placed ? "misses its deadline by " + late.get() + " days" : "not placed").append(" on ")
          .append(chip.name()).append(": in ").append(tightest).append(' ');
      if (heldThen.isEmpty()) {
        sb.append("only ").append(TrainingPlacement.fmtCount(Math.max(0, onlineThen))).append(" are online");
      } else {
        List<String> parts = new ArrayList<>();
        heldThen.forEach((who, n) -> parts.add(who + " holds " + TrainingPlacement.fmtCount(n)));
        sb.append(String.join(" and ", parts)).append(" of the ").append(TrainingPlacement.fmtCount(onlineThen))
            .append(" online");
        if (SolverAllocation.ordered(scenario)) {
          sb.append(" (without declared priorities serving comes first: declare late_usd_per_day and"
              + " unmet_usd_per_request_hour to let the solver trade them)");
        }
      }
      sb.append(". ");
      if (enough.isPresent()) {
        int more = Math.max(0, enough.get().used() - Math.max(0, leastLeft));
        sb.append("With ").append(TrainingPlacement.fmtCount(more)).append(" more ").append(chip.name())
            .append(" online by ").append(earliest).append(" and left to it until ").append(by)
            .append(", it meets the deadline on ").append(TrainingPlacement.fmtCount(enough.get().used()))
            .append(" devices (").append(enough.get().layout()).append(").");
      } else {
        SolverAllocation.Level fastest = g.levels().get(g.levels().size() - 1);
        LocalDate finish = TrainingPlacement.plusSeconds(earliest, r.tokens() / fastest.tokensPerSecond() + restart);
        sb.append("No size the run may take on ").append(chip.name()).append(" finishes by ").append(by)
            .append(": the fastest, ").append(TrainingPlacement.fmtCount(fastest.used())).append(" devices, would finish on ")
            .append(finish).append(" from ").append(earliest).append('.');
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** Notes for one serving demand left unmet in some months. */
  static List<String> serving(ServingDemand d, ServingResult result, Map<String, Optional<Engines.Replica>> replicas,
      CapacityLedger capacity, List<TrainingResult> training, List<ServingResult> serving) {
    List<String> out = new ArrayList<>();
    Optional<ServingMonth> worst = result.months().stream().filter(m -> m.unmetRps() > 1e-9)
        .max(java.util.Comparator.comparingDouble(ServingMonth::unmetRps));
    if (worst.isEmpty()) {
      return out;
    }
    ServingMonth w = worst.get();
    YearMonth first = result.months().stream().filter(m -> m.unmetRps() > 1e-9).findFirst().orElseThrow().month();
    Optional<String> pool = d.pools().stream().filter(p -> replicas.getOrDefault(p, Optional.empty()).isPresent()).findFirst();
    StringBuilder sb = new StringBuilder("Why: up to ").append(String.format(java.util.Locale.ROOT, "%,.1f", w.unmetRps()))
        .append(" requests/s unmet (").append(w.month()).append(")");
    Map<String, Integer> held = holders(d.pools(), w.month(), "serving " + d.id(), training, serving);
    int online = d.pools().stream().filter(p -> replicas.getOrDefault(p, Optional.empty()).isPresent())
        .mapToInt(p -> capacity.online(p, w.month().atDay(1))).sum();
    int busy = held.values().stream().mapToInt(Integer::intValue).sum() + w.devices();
    List<String> parts = new ArrayList<>();
    held.forEach((who, n) -> parts.add(who + " holds " + TrainingPlacement.fmtCount(n)));
    parts.add("it serves on " + TrainingPlacement.fmtCount(w.devices()));
    sb.append(": of the ").append(TrainingPlacement.fmtCount(online)).append(" devices online in the pools that can serve it, ")
        .append(String.join(" and ", parts));
    int idle = online - busy;
    if (idle > 0) {
      sb.append("; ").append(TrainingPlacement.fmtCount(idle)).append(" stay idle (fewer than a replica per pool, or, at the"
          + " declared weights, serving more costs more in electricity than the unmet demand is worth)");
    }
    if (pool.isPresent()) {
      Engines.Replica r = replicas.get(pool.get()).get();
      int replicasNeeded = (int) Math.ceil(w.unmetRps() / r.requestsPerSecond() - 1e-9);
      Chip chip = capacity.chip(pool.get());
      sb.append(". With ").append(TrainingPlacement.fmtCount(replicasNeeded * r.devices())).append(" more ")
          .append(chip.name()).append(" (").append(replicasNeeded).append(" replicas of ").append(r.devices())
          .append(") online by ").append(first).append(" and serving it, the demand would be met in every month");
    }
    out.add(sb.append('.').toString());
    return out;
  }
}
