package chipmix.sweep;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one plan of a sweep: which point and sample it is, its key (for resuming), the
 * axis values in words, and the outcomes; or, when the point's scenario is not valid (values that
 * are each fine but clash together), the problem instead of outcomes.
 *
 * @param key a hash of the point's axis values, the sample and the inputs' fingerprint
 * @param costUsd the plan's total cost (capital, energy, rental)
 * @param devicesBlocked devices of deliveries the export rules block
 * @param devicesAtRisk devices of deliveries the rules put at risk (counted as received in the plan)
 */
public record Row(int point, int sample, String key, List<String> values, List<TrainingOutcome> training,
    List<ServingOutcome> serving, double costUsd, long devicesBlocked, long devicesAtRisk, Optional<String> problem) {
  public Row {
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
    training = List.copyOf(training);
    serving = List.copyOf(serving);
    Objects.requireNonNull(problem, "problem");
    if (point < 0 || sample < 0) {
      throw new IllegalArgumentException("point and sample are at least 0, got " + point + ", " + sample);
    }
    if (!Double.isFinite(costUsd) || costUsd < 0) {
      throw new IllegalArgumentException("cost must be a finite amount at least 0, got " + costUsd);
    }
    if (devicesBlocked < 0 || devicesAtRisk < 0) {
      throw new IllegalArgumentException("device counts are at least 0");
    }
  }

  /** A row for a point whose scenario could not be planned. */
  public static Row failed(int point, int sample, String key, List<String> values, String problem) {
    return new Row(point, sample, key, values, List.of(), List.of(), 0, 0, 0, Optional.of(problem));
  }

  /**
   * @param finish when the run finishes (empty when it is not placed)
   * @param daysLate days after the deadline (negative: early); empty without deadline or placement
   * @param deadlineMet empty without a deadline; false when the run is not placed
   */
  public record TrainingOutcome(String id, Optional<LocalDate> finish, Optional<Long> daysLate,
      Optional<Boolean> deadlineMet) {}

  /** @param maxUnmetRps the largest unmet demand in any month of the horizon, requests per second */
  public record ServingOutcome(String id, double maxUnmetRps) {
    public ServingOutcome {
      if (!Double.isFinite(maxUnmetRps) || maxUnmetRps < 0) {
        throw new IllegalArgumentException("unmet demand must be finite and at least 0, got " + maxUnmetRps);
      }
    }
  }

  /**
   * The numeric outcomes the summary and sensitivity work on, by name, in a fixed order:
   * {@code <run>.days_late}, {@code <run>.deadline_met} (1 or 0), {@code <demand>.max_unmet_rps},
   * {@code cost_usd}, {@code devices_blocked}, {@code devices_at_risk}; an outcome a plan lacks
   * (days late of a run not placed) is left out. Empty for a failed row.
   */
  public Map<String, Double> metrics(List<Outcome.Group> keep) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (problem.isPresent()) {
      return m;
    }
    if (keep.contains(Outcome.Group.TRAINING)) {
      for (TrainingOutcome t : training) {
        t.daysLate().ifPresent(d -> m.put(t.id() + ".days_late", (double) d));
        t.deadlineMet().ifPresent(b -> m.put(t.id() + ".deadline_met", b ? 1.0 : 0.0));
      }
    }
    if (keep.contains(Outcome.Group.SERVING)) {
      for (ServingOutcome s : serving) {
        m.put(s.id() + ".max_unmet_rps", s.maxUnmetRps());
      }
    }
    if (keep.contains(Outcome.Group.COST)) {
      m.put("cost_usd", costUsd);
    }
    if (keep.contains(Outcome.Group.DEVICES)) {
      m.put("devices_blocked", (double) devicesBlocked);
      m.put("devices_at_risk", (double) devicesAtRisk);
    }
    return m;
  }
}
