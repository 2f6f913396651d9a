package chipmix.scenario;

import chipmix.catalog.Chip;
import chipmix.scenario.Engines.Replica;
import chipmix.scenario.Plan.ServingMonth;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Scenario.ServingDemand;
import chipmix.validation.InfeasibleException;
import chipmix.validation.InvalidInputException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serving sized month by month on the devices free for the whole month: replicas are placed on
 * the pools in the order the demand lists them until the month's demand (times {@code share}) is
 * met; what cannot be met is unmet demand. Reserves the devices in the ledger and charges their
 * electricity.
 */
final class ServingAllocation {
  private ServingAllocation() {}

  /** The replica each pool of {@code d} would run, with a note per pool (empty: that pool does not serve it). */
  static Map<String, Optional<Replica>> replicas(ServingDemand d, CapacityLedger capacity, Engines.Serving engine,
      List<String> notes) {
    Map<String, Optional<Replica>> replicas = new LinkedHashMap<>();
    for (String pool : d.pools()) {
      CapacityLedger.PoolInfo info = capacity.pool(pool);
      Chip chip = info.chip();
      Optional<Replica> r;
      try {
        r = engine.replica(d.model(), d.promptTokens(), d.outputTokens(), d.ttftMs(), d.tpotMs(), d.weights(), d.kvCache(),
            chip, info.system(), info.scaleOutGbps());
      } catch (InvalidInputException | InfeasibleException e) {
        notes.add("Pool " + pool + " (" + chip.name() + ") does not serve " + d.model() + ": the inference model"
            + " cannot estimate it: " + e.getMessage());
        replicas.put(pool, Optional.empty());
        continue;
      }
      replicas.put(pool, r);
      if (r.isEmpty()) {
        notes.add("No replica of " + d.model() + " on " + chip.name() + " (pool " + pool + ") meets TTFT "
            + Planner.fmt(d.ttftMs()) + " ms and TPOT " + Planner.fmt(d.tpotMs()) + " ms; that pool does not serve it.");
      } else {
        notes.add("Pool " + pool + " (" + chip.name() + "): one replica sustains " + Planner.fmt(r.get().requestsPerSecond())
            + " requests/s within the targets on " + r.get().layout() + ".");
      }
    }
    return replicas;
  }

  /**
   * Serves {@code d} with at most {@code replicasByMonth} replicas per pool and month when given
   * (the allocation's decision), else as many as the demand needs and the free devices allow.
   */
  static ServingResult serve(ServingDemand d, CapacityLedger capacity, CostBook costs, Engines.Serving engine,
      List<YearMonth> months, Optional<Map<YearMonth, Map<String, Integer>>> replicasByMonth, List<String> extraNotes) {
    List<String> notesHere = new ArrayList<>();
    Map<String, Optional<Replica>> replicas = replicas(d, capacity, engine, notesHere);
    List<ServingMonth> out = new ArrayList<>();
    for (YearMonth m : months) {
      LocalDate from = m.atDay(1);
      LocalDate to = m.plusMonths(1).atDay(1);
      double demand = d.demandIn(m);
      double remaining = demand;
      double capacityRps = 0;
      double served = 0;
      int devices = 0;
      double kwh = 0;
      Map<String, Integer> byPool = new LinkedHashMap<>();
      for (String pool : d.pools()) {
        Optional<Replica> r = replicas.get(pool);
        if (r.isEmpty()) {
          continue;
        }
        int free = capacity.minFree(pool, from, to);
        int possible = free / r.get().devices();
        capacityRps += possible * r.get().requestsPerSecond();
        if (remaining <= 1e-9) {
          continue;
        }
        int need = (int) Math.ceil(remaining / r.get().requestsPerSecond() - 1e-9);
        int use = Math.min(need, possible);
        if (replicasByMonth.isPresent()) {
          use = Math.min(use, replicasByMonth.get().getOrDefault(m, Map.of()).getOrDefault(pool, 0));
        }
        if (use <= 0) {
          continue;
        }
        int n = use * r.get().devices();
        capacity.reserve(pool, from, to, n, "serving " + d.id());
        byPool.put(pool, n);
        devices += n;
        double got = Math.min(remaining, use * r.get().requestsPerSecond());
        served += got;
        remaining -= got;
        kwh += costs.chargeMonth(capacity.pool(pool), n, m);
      }
      out.add(new ServingMonth(m, demand, capacityRps, served, devices, byPool, kwh));
    }
    long unmetMonths = out.stream().filter(x -> x.unmetRps() > 1e-9).count();
    if (unmetMonths > 0) {
      notesHere.add("Demand is not fully met in " + unmetMonths + " of " + out.size() + " months.");
    }
    notesHere.addAll(extraNotes);
    return new ServingResult(d.id(), d.model(), out, notesHere, curves(d, capacity, replicas));
  }

  /** The capacity curve of each pool's replica, one per chip and layout (pools of one chip running the same replica share it). */
  static List<Plan.ServingCurve> curves(ServingDemand d, CapacityLedger capacity, Map<String, Optional<Replica>> replicas) {
    Map<String, List<String>> poolsByKey = new LinkedHashMap<>();
    Map<String, Plan.ServingCurve> first = new LinkedHashMap<>();
    for (String pool : d.pools()) {
      Optional<Replica> r = replicas.getOrDefault(pool, Optional.empty());
      if (r.isEmpty() || r.get().curve().isEmpty()) {
        continue;
      }
      String chip = capacity.pool(pool).chip().name();
      String key = chip + "|" + r.get().layout();
      poolsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(pool);
      first.putIfAbsent(key, new Plan.ServingCurve(List.of(), chip, r.get().layout(), r.get().curve()));
    }
    List<Plan.ServingCurve> out = new ArrayList<>();
    first.forEach((key, c) -> out.add(new Plan.ServingCurve(poolsByKey.get(key), c.chip(), c.layout(), c.points())));
    return out;
  }
}
