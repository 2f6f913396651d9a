package chipmix.scenario.report;

import chipmix.scenario.Engines.Reason;
import chipmix.scenario.Plan;
import chipmix.scenario.Plan.DeliveryResult;
import chipmix.scenario.Plan.MonthCost;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.PoolTimeline;
import chipmix.scenario.Plan.Segment;
import chipmix.scenario.Plan.ServingMonth;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Scenario;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The terminal report: a short summary with the answers first (training finish dates, blocked and
 * at-risk orders, serving devices and unmet demand, cost), a comparison of variants, then one
 * section per training run, order, serving demand, capacity and cost by month.
 */
public final class TextReport {
  public static final String DISCLAIMER = "Export-control findings are not legal advice; they rest on the cited public sources.";
  public static final String DISCLAIMER_LINE = DISCLAIMER + "\n";

  private TextReport() {}

  public static String render(Scenario scenario, List<Plan> plans) {
    StringBuilder sb = new StringBuilder();
    Plan first = plans.get(0);
    sb.append("chipmix plan: ").append(scenario.name()).append('\n');
    if (!scenario.description().isEmpty()) {
      sb.append(scenario.description().strip()).append('\n');
    }
    Scenario.Settings st = scenario.settings();
    sb.append("Organisation ").append(scenario.organisation().name()).append(" (headquarters ")
        .append(scenario.organisation().headquarters()).append(", data centres ")
        .append(String.join(", ", scenario.organisation().dataCentres())).append("). Horizon ").append(st.start())
        .append(" to ").append(st.end()).append(", PUE ").append(Fmt.num(st.pue())).append(", electricity $")
        .append(st.electricityUsdPerKwh()).append("/kWh.\n");
    sb.append(DISCLAIMER).append("\n");
    if (plans.size() > 1) {
      sb.append('\n').append(Compare.table(plans));
    }
    for (Plan p : plans) {
      sb.append('\n');
      plan(sb, p, plans.size() > 1);
    }
    List<chipmix.catalog.Source> sources = sources(plans);
    if (!sources.isEmpty()) {
      sb.append("\nSources cited\n");
      for (chipmix.catalog.Source s : sources) {
        sb.append("  ").append(s.id()).append(": ").append(s.title()).append(", ").append(s.publisher()).append(" (")
            .append(s.date()).append(") ").append(s.url()).append('\n');
      }
    }
    sb.append("\nAs of: ").append(first.asOf().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "))).append('\n');
    return sb.toString();
  }

  private static void plan(StringBuilder sb, Plan p, boolean titled) {
    String rule = "=".repeat(100);
    if (titled) {
      sb.append(rule).append('\n').append("Plan: ").append(p.label());
      if (p.variant().isPresent() && !p.description().isEmpty()) {
        sb.append(" (").append(p.description().strip()).append(')');
      }
      sb.append('\n').append(rule).append('\n');
    }
    summary(sb, p);
    p.outlook().ifPresent(o -> {
      sb.append('\n');
      OutlookReport.lines(o).forEach(l -> sb.append(l).append('\n'));
    });
    training(sb, p);
    orders(sb, p);
    serving(sb, p);
    capacity(sb, p);
    costs(sb, p);
    if (!p.notes().isEmpty()) {
      sb.append("\nNotes\n");
      p.notes().forEach(n -> sb.append("  - ").append(n).append('\n'));
    }
  }

  /** The summary block of one plan (the answers, before the detailed sections). */
  public static String summary(Plan p) {
    StringBuilder sb = new StringBuilder();
    summary(sb, p);
    return sb.toString();
  }

  private static void summary(StringBuilder sb, Plan p) {
    sb.append("Summary\n");
    if (!p.training().isEmpty()) {
      sb.append("  Training\n");
      for (TrainingResult t : p.training()) {
        sb.append("    ").append(Lines.training(t)).append('\n');
        p.withoutAtRisk().flatMap(f -> f.training().stream().filter(x -> x.id().equals(t.id())).findFirst())
            .ifPresent(f -> sb.append("      if the at-risk deliveries do not arrive: ")
                .append(f.placement().map(x -> x.chipName() + " (" + Fmt.count(x.peakDevices()) + " devices), "
                    + x.start() + " to " + x.finish() + Lines.deadline(f)).orElse("not placed")).append('\n'));
      }
    }
    if (!p.orders().isEmpty()) {
      sb.append("  Orders\n");
      for (OrderResult o : p.orders()) {
        sb.append("    ").append(Lines.order(o)).append('\n');
      }
    }
    if (!p.serving().isEmpty()) {
      sb.append("  Serving\n");
      for (ServingResult s : p.serving()) {
        sb.append("    ").append(Lines.serving(s)).append('\n');
        p.withoutAtRisk().flatMap(f -> f.serving().stream().filter(x -> x.id().equals(s.id())).findFirst())
            .ifPresent(f -> sb.append("      if the at-risk deliveries do not arrive: ")
                .append(f.maxUnmet() > 1e-9 ? "up to " + Fmt.num(f.maxUnmet()) + " requests/s unmet" : "demand still met")
                .append('\n'));
      }
    }
    sb.append("  Cost over the horizon: ").append(Lines.cost(p)).append('\n');
  }

  private static void training(StringBuilder sb, Plan p) {
    if (p.training().isEmpty()) {
      return;
    }
    sb.append("\nTraining runs\n");
    for (TrainingResult t : p.training()) {
      sb.append("  ").append(t.id()).append(" (").append(t.model()).append(", ").append(Fmt.tokens(t.tokens()))
          .append(" tokens)\n");
      if (t.placement().isPresent()) {
        Placement pl = t.placement().get();
        sb.append("    chip ").append(pl.chipName()).append(" (").append(pl.vendor()).append("), pools ")
            .append(String.join(", ", pl.pools())).append('\n');
        sb.append("    ").append(pl.start()).append(" to ").append(pl.finish()).append(Lines.deadline(t)).append('\n');
        for (Segment s : pl.segments()) {
          sb.append("      ").append(s.from()).append(" to ").append(s.to()).append(": ")
              .append(Fmt.count(s.devices())).append(" devices, ").append(Fmt.num(Math.round(s.tokensPerSecond())))
              .append(" tokens/s, ").append(s.layout()).append('\n');
        }
        sb.append("    ").append(Fmt.count(Math.round(pl.deviceHours()))).append(" device-hours, energy ")
            .append(pl.energyKwh().map(Fmt::gwh).orElse("unknown (no TDP in the catalog)"))
            .append(", electricity ").append(Fmt.usd(pl.energyUsd()));
        if (pl.capitalUsd() > 0) {
          sb.append(", amortised devices ").append(Fmt.usd(pl.capitalUsd()));
        }
        if (pl.rentalUsd() > 0) {
          sb.append(", rented device-hours ").append(Fmt.usd(pl.rentalUsd()));
        }
        sb.append('\n');
      }
      t.notes().forEach(n -> sb.append("    - ").append(n).append('\n'));
    }
  }

  private static void orders(StringBuilder sb, Plan p) {
    if (p.orders().isEmpty()) {
      return;
    }
    sb.append("\nOrders and compliance (rules in force on each arrival date)\n");
    for (OrderResult o : p.orders()) {
      sb.append("  ").append(Lines.order(o)).append("; paid ").append(Fmt.usd(o.spendUsd())).append('\n');
      // Each reason is printed in full once per order, at the first delivery it applies to; a later
      // delivery names the ones it shares by their opening words and prints only what is new for it
      // (a rule that came into force, a condition, an import measure).
      java.util.Set<String> printed = new java.util.HashSet<>();
      for (DeliveryResult d : o.deliveries()) {
        sb.append("    ").append(d.promised());
        if (!d.arrives().equals(d.promised())) {
          sb.append(" -> ").append(d.arrives());
        }
        sb.append(": ").append(Fmt.count(d.arriving()));
        if (d.arriving() != d.promisedCount()) {
          sb.append(" of ").append(Fmt.count(d.promisedCount()));
        }
        sb.append(" to ").append(d.destination()).append(", ").append(Lines.verdict(d.finding().verdict()))
            .append(" (").append(d.finding().outcome()).append(")").append(d.received() ? "" : ", not received")
            .append(d.arrives().isBefore(p.months().get(0).atDay(1)) ? ", delivered before the horizon (history: counted as received, not in the order's at-risk total)" : "")
            .append(d.arrives().isAfter(p.months().get(p.months().size() - 1).atEndOfMonth()) ? ", arrives after the horizon end (not received within the horizon)" : "")
            .append('\n');
        List<String> lines = (reasons(d.finding().reasons(), "      ") + reasons(d.finding().importSide(), "      import side: "))
            .lines().toList();
        List<String> fresh = lines.stream().filter(l -> !printed.contains(l)).toList();
        if (fresh.isEmpty()) {
          sb.append("      (same reasons as above)\n");
        } else {
          lines.stream().filter(printed::contains).forEach(l -> sb.append("      (as above) ").append(opening(l.strip())).append('\n'));
          fresh.forEach(l -> sb.append(l).append('\n'));
          printed.addAll(fresh);
        }
      }
    }
  }

  /** The first words of a reason, enough to recognise it (about 70 characters, cut at a space). */
  private static String opening(String line) {
    if (line.length() <= 72) {
      return line;
    }
    int cut = line.lastIndexOf(' ', 70);
    return line.substring(0, cut > 30 ? cut : 70) + " ...";
  }

  private static String reasons(List<Reason> reasons, String indent) {
    StringBuilder sb = new StringBuilder();
    for (Reason r : reasons) {
      sb.append(indent).append(r.text());
      if (!r.citations().isEmpty()) {
        sb.append(" [").append(String.join(", ", r.citations())).append(']');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void serving(StringBuilder sb, Plan p) {
    for (ServingResult s : p.serving()) {
      sb.append("\nServing ").append(s.id()).append(" (").append(s.model()).append(")\n");
      s.notes().forEach(n -> sb.append("  - ").append(n).append('\n'));
      sb.append("  month     demand req/s  capacity req/s  served req/s  unmet req/s  devices\n");
      for (ServingMonth m : s.months()) {
        sb.append("  ").append(Fmt.pad(m.month().toString(), 8)).append(Fmt.padLeft(Fmt.num(m.demandRps()), 14))
            .append(Fmt.padLeft(Fmt.num(m.capacityRps()), 16)).append(Fmt.padLeft(Fmt.num(m.servedRps()), 14))
            .append(Fmt.padLeft(Fmt.num(m.unmetRps()), 13)).append(Fmt.padLeft(Fmt.count(m.devices()), 9)).append('\n');
      }
    }
  }

  private static void capacity(StringBuilder sb, Plan p) {
    if (p.pools().isEmpty()) {
      return;
    }
    sb.append("\nCapacity: devices online on the first day of each month\n");
    sb.append("  ").append(Fmt.pad("month", 8));
    for (PoolTimeline t : p.pools()) {
      sb.append(Fmt.padLeft(t.id(), Math.max(10, t.id().length() + 2)));
    }
    sb.append('\n');
    for (int i = 0; i < p.months().size(); i++) {
      sb.append("  ").append(Fmt.pad(p.months().get(i).toString(), 8));
      for (PoolTimeline t : p.pools()) {
        sb.append(Fmt.padLeft(Fmt.count(t.online().get(i)), Math.max(10, t.id().length() + 2)));
      }
      sb.append('\n');
    }
  }

  private static void costs(StringBuilder sb, Plan p) {
    sb.append("\nCost by month (devices paid on arrival; electricity of busy devices; rented devices)\n");
    sb.append("  month          devices    electricity         rental          total\n");
    for (MonthCost c : p.costs()) {
      if (c.total() == 0) {
        continue;
      }
      sb.append("  ").append(Fmt.pad(c.month().toString(), 8)).append(Fmt.padLeft(Fmt.usd(c.capital()), 15))
          .append(Fmt.padLeft(Fmt.usd(c.energy()), 15)).append(Fmt.padLeft(Fmt.usd(c.rental()), 15))
          .append(Fmt.padLeft(Fmt.usd(c.total()), 15)).append('\n');
    }
    sb.append("  total   ").append(Lines.cost(p)).append('\n');
  }

  /** Every source the plans cite, once, in catalog order. */
  static List<chipmix.catalog.Source> sources(List<Plan> plans) {
    java.util.Map<String, chipmix.catalog.Source> out = new java.util.LinkedHashMap<>();
    for (Plan p : plans) {
      p.sources().forEach(s -> out.putIfAbsent(s.id(), s));
      p.withoutAtRisk().ifPresent(f -> f.sources().forEach(s -> out.putIfAbsent(s.id(), s)));
    }
    return List.copyOf(out.values());
  }
}
