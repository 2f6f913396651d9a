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
    return text(view(plans, labels));
  }

  /**
   * The comparison as a view: one row per measure (a training run's finish and chips, devices
   * blocked and at risk, unmet serving, cost), one cell per plan. Renderers (text, HTML, CSV)
   * only lay it out.
   */
  public record View(List<String> labels, List<Row> rows) {
    public View {
      labels = List.copyOf(labels);
      rows = List.copyOf(rows);
    }
  }

  /** A measure and its value in each plan; {@code differs} when the plans do not all agree. */
  public record Row(String measure, List<String> cells) {
    public Row {
      cells = List.copyOf(cells);
    }

    public boolean differs() {
      return cells.stream().distinct().count() > 1;
    }
  }

  public static View view(List<Plan> plans, List<String> labels) {
    List<Row> rows = new ArrayList<>();
    Set<String> runs = new LinkedHashSet<>();
    plans.forEach(p -> p.training().forEach(t -> runs.add(t.id())));
    for (String run : runs) {
      rows.add(new Row("training " + run + " finishes", plans.stream().map(p -> p.training().stream()
          .filter(t -> t.id().equals(run)).findFirst().map(Compare::finish).orElse("-")).toList()));
      rows.add(new Row("  on", plans.stream().map(p -> p.training().stream().filter(t -> t.id().equals(run)).findFirst()
          .flatMap(TrainingResult::placement).map(x -> x.chipName() + " x" + Fmt.count(x.peakDevices())).orElse("-"))
          .toList()));
    }
    rows.add(new Row("devices blocked",
        plans.stream().map(p -> Fmt.count(p.orders().stream().mapToInt(OrderResult::blocked).sum())).toList()));
    rows.add(new Row("devices at risk",
        plans.stream().map(p -> Fmt.count(p.orders().stream().mapToInt(OrderResult::atRisk).sum())).toList()));
    Set<String> demands = new LinkedHashSet<>();
    plans.forEach(p -> p.serving().forEach(s -> demands.add(s.id())));
    for (String d : demands) {
      rows.add(new Row("serving " + d + " max unmet req/s", plans.stream().map(p -> p.serving().stream()
          .filter(s -> s.id().equals(d)).findFirst().map(ServingResult::maxUnmet).map(Fmt::num).orElse("-")).toList()));
    }
    rows.add(new Row("cost over the horizon", plans.stream().map(p -> Fmt.usd(p.totalCost())).toList()));
    return new View(labels, rows);
  }

  /** The view as a fixed-width text table. */
  static String text(View v) {
    int first = v.rows().stream().mapToInt(r -> r.measure().length()).max().orElse(10) + 2;
    List<Integer> widths = new ArrayList<>();
    for (int c = 0; c < v.labels().size(); c++) {
      int w = v.labels().get(c).length();
      for (Row row : v.rows()) {
        w = Math.max(w, row.cells().get(c).length());
      }
      widths.add(w + 2);
    }
    StringBuilder sb = new StringBuilder("Comparison\n");
    sb.append("  ").append(Fmt.pad("", first));
    for (int c = 0; c < v.labels().size(); c++) {
      sb.append(Fmt.pad(v.labels().get(c), widths.get(c)));
    }
    sb.append('\n');
    for (Row row : v.rows()) {
      sb.append("  ").append(Fmt.pad(row.measure(), first));
      for (int c = 0; c < v.labels().size(); c++) {
        sb.append(Fmt.pad(row.cells().get(c), widths.get(c)));
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
