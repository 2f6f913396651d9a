package chipmix.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a sweep's rows say: per grid point, the mean and percentiles of each outcome over the
 * point's samples; and the sensitivity of each outcome to each axis. The sensitivity of an outcome
 * to an axis is the range (largest minus smallest) of the outcome's mean over the rows holding
 * each of the axis's values, the other axes averaged over; the axis with the largest range moves
 * the outcome most. Rows with a problem are counted and left out.
 */
public record Summary(List<String> axes, List<String> outcomes, List<PointStats> points, List<Sensitivity> sensitivity,
    int failed) {
  public Summary {
    axes = List.copyOf(axes);
    outcomes = List.copyOf(outcomes);
    points = List.copyOf(points);
    sensitivity = List.copyOf(sensitivity);
  }

  /** One grid point's statistics per outcome. */
  public record PointStats(int point, List<String> values, int samples, Map<String, Stats> outcomes) {
    public PointStats {
      values = List.copyOf(values);
      outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }
  }

  /** Mean and the 10th, 50th and 90th percentiles (linear between closest ranks) of {@code n} values. */
  public record Stats(int n, double mean, double p10, double p50, double p90) {
    public static Stats of(double[] values) {
      if (values.length == 0) {
        throw new IllegalArgumentException("statistics need at least one value");
      }
      double[] v = values.clone();
      Arrays.sort(v);
      return new Stats(v.length, Arrays.stream(v).average().orElseThrow(), percentile(v, 0.10), percentile(v, 0.50),
          percentile(v, 0.90));
    }

    /** The {@code q} quantile of sorted values, interpolating linearly between the closest ranks (R type 7). */
    static double percentile(double[] sorted, double q) {
      double h = (sorted.length - 1) * q;
      int lo = (int) Math.floor(h);
      int hi = (int) Math.ceil(h);
      return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
  }

  /**
   * One outcome's sensitivity to every axis, the axis that moves it most first.
   *
   * @param overallMean the outcome's mean over every row that has it
   */
  public record Sensitivity(String outcome, double overallMean, List<AxisEffect> axes) {
    public Sensitivity {
      axes = List.copyOf(axes);
    }
  }

  /**
   * @param means the outcome's mean per axis value (values without any row left out)
   * @param low the smallest of those means; {@code high} the largest; range is their difference
   */
  public record AxisEffect(String axis, Map<String, Double> means, double low, double high, String lowValue,
      String highValue) {
    public AxisEffect {
      means = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(means));
    }

    public double range() {
      return high - low;
    }
  }

  /** Summarises {@code rows} of a sweep over {@code axes}, keeping the outcome groups of {@code keep}. */
  public static Summary of(List<Axis> axes, List<Outcome.Group> keep, List<Row> rows) {
    Objects.requireNonNull(rows, "rows");
    List<Row> ok = rows.stream().filter(r -> r.problem().isEmpty()).toList();
    Set<String> outcomeNames = new LinkedHashSet<>();
    ok.forEach(r -> outcomeNames.addAll(r.metrics(keep).keySet()));
    List<String> outcomes = List.copyOf(outcomeNames);

    TreeMap<Integer, List<Row>> byPoint = new TreeMap<>();
    ok.forEach(r -> byPoint.computeIfAbsent(r.point(), k -> new ArrayList<>()).add(r));
    List<PointStats> points = new ArrayList<>();
    for (Map.Entry<Integer, List<Row>> e : byPoint.entrySet()) {
      Map<String, Stats> stats = new LinkedHashMap<>();
      for (String o : outcomes) {
        double[] v = e.getValue().stream().map(r -> r.metrics(keep).get(o)).filter(Objects::nonNull)
            .mapToDouble(Double::doubleValue).toArray();
        if (v.length > 0) {
          stats.put(o, Stats.of(v));
        }
      }
      points.add(new PointStats(e.getKey(), e.getValue().get(0).values(), e.getValue().size(), stats));
    }

    List<Sensitivity> sensitivity = new ArrayList<>();
    for (String o : outcomes) {
      double overall = ok.stream().map(r -> r.metrics(keep).get(o)).filter(Objects::nonNull)
          .mapToDouble(Double::doubleValue).average().orElseThrow();
      List<AxisEffect> effects = new ArrayList<>();
      for (int a = 0; a < axes.size(); a++) {
        Axis axis = axes.get(a);
        Map<String, Double> means = new LinkedHashMap<>();
        for (int i = 0; i < axis.size(); i++) {
          String label = axis.label(i);
          int ai = a;
          double[] v = ok.stream().filter(r -> r.values().get(ai).equals(label)).map(r -> r.metrics(keep).get(o))
              .filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
          if (v.length > 0) {
            means.put(label, Arrays.stream(v).average().orElseThrow());
          }
        }
        if (means.isEmpty()) {
          continue;
        }
        Map.Entry<String, Double> lo = means.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        Map.Entry<String, Double> hi = means.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        effects.add(new AxisEffect(axis.name(), means, lo.getValue(), hi.getValue(), lo.getKey(), hi.getKey()));
      }
      // Largest range first; ties keep the axis order of the file.
      effects.sort((x, y) -> Double.compare(y.range(), x.range()));
      sensitivity.add(new Sensitivity(o, overall, effects));
    }
    int failed = rows.size() - ok.size();
    return new Summary(axes.stream().map(Axis::name).toList(), outcomes, points, sensitivity, failed);
  }
}
