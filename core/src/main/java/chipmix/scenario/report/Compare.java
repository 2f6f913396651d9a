package chipmix.scenario.report;

import chipmix.scenario.Plan;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Plans side by side: training finish dates, orders blocked or at risk, unmet serving demand, cost. */
public final class Compare {
  private Compare() {}

  /** The comparison table; {@code plans} are labelled by {@link Plan#label()} (or the caller's labels). */
  public static String table(List<Plan> plans) {
    return table(plans, plans.stream().map(Plan::label).toList());
  }

  public static String table(List<Plan> plans, List<String> labels) {
    List<String> rows = new ArrayList<>();
    List<List<String>> cells = new ArrayList<>();
    Set<String> runs = new LinkedHashSet<>();
    plans.forEach(p -> p.training().forEach(t -> runs.add(t.id())));
    for (String run : runs) {
      rows.add("training " + run + " finishes");
      cells.add(plans.stream().map(p -> p.training().stream().filter(t -> t.id().equals(run)).findFirst()
          .map(Compare::finish).orElse("-")).toList());
      rows.add("  on");
      cells.add(plans.stream().map(p -> p.training().stream().filter(t -> t.id().equals(run)).findFirst()
          .flatMap(TrainingResult::placement).map(x -> x.chipName() + " x" + Fmt.count(x.peakDevices())).orElse("-"))
          .toList());
    }
    rows.add("devices blocked");
    cells.add(plans.stream().map(p -> Fmt.count(p.orders().stream().mapToInt(OrderResult::blocked).sum())).toList());
    rows.add("devices at risk");
    cells.add(plans.stream().map(p -> Fmt.count(p.orders().stream().mapToInt(OrderResult::atRisk).sum())).toList());
    Set<String> demands = new LinkedHashSet<>();
    plans.forEach(p -> p.serving().forEach(s -> demands.add(s.id())));
    for (String d : demands) {
      rows.add("serving " + d + " max unmet req/s");
      cells.add(plans.stream().map(p -> p.serving().stream().filter(s -> s.id().equals(d)).findFirst()
          .map(ServingResult::maxUnmet).map(Fmt::num).orElse("-")).toList());
    }
    rows.add("cost over the horizon");
    cells.add(plans.stream().map(p -> Fmt.usd(p.totalCost())).toList());

    int first = rows.stream().mapToInt(String::length).max().orElse(10) + 2;
    List<Integer> widths = new ArrayList<>();
    for (int c = 0; c < plans.size(); c++) {
      int w = labels.get(c).length();
      for (List<String> row : cells) {
        w = Math.max(w, row.get(c).length());
      }
      widths.add(w + 2);
    }
    StringBuilder sb = new StringBuilder("Comparison\n");
    sb.append("  ").append(Fmt.pad("", first));
    for (int c = 0; c < plans.size(); c++) {
      sb.append(Fmt.pad(labels.get(c), widths.get(c)));
    }
    sb.append('\n');
    for (int r = 0; r < rows.size(); r++) {
      sb.append("  ").append(Fmt.pad(rows.get(r), first));
      for (int c = 0; c < plans.size(); c++) {
        sb.append(Fmt.pad(cells.get(r).get(c), widths.get(c)));
      }
      sb.append('\n');
    }
    return sb.toString().replaceAll(" +\n", "\n");
  }

  static String finish(TrainingResult t) {
    if (t.placement().isEmpty()) {
      return "not placed";
    }
    String late = t.daysLate().map(d -> d > 0 ? " (+" + d + "d)" : " (ok)").orElse("");
    return t.placement().get().finish() + late;
  }
}
