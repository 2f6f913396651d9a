package chipmix.scenario.report;

import chipmix.io.Resources;
import chipmix.scenario.Engines.Reason;
import chipmix.scenario.Plan;
import chipmix.scenario.Plan.DeliveryResult;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One self-contained HTML file (opens offline): the summary, a comparison of variants, and per
 * plan the charts (capacity by pool over time, a Gantt of training runs against deadlines,
 * serving demand against capacity, cost by month) and the compliance findings with citations.
 * Charts are drawn by Apache ECharts, inlined from its WebJar; their data is the JSON report,
 * embedded in the page.
 */
public final class HtmlReport {
  public static final String ECHARTS_VERSION = "5.3.1";
  static final String ECHARTS = "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

  private HtmlReport() {}

  public static String render(Scenario scenario, List<Plan> plans) {
    String data = JsonReport.write(JsonReport.tree(scenario, plans)).replace("</", "<\\/");
    StringBuilder sb = new StringBuilder(1_200_000);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>chipmix plan: ")
        .append(esc(scenario.name())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    sb.append("<h1>chipmix plan: ").append(esc(scenario.name())).append("</h1>\n");
    if (!scenario.description().isEmpty()) {
      sb.append("<p>").append(esc(scenario.description())).append("</p>\n");
    }
    Scenario.Settings st = scenario.settings();
    sb.append("<p class=\"meta\">Organisation ").append(esc(scenario.organisation().name())).append(" (headquarters ")
        .append(esc(scenario.organisation().headquarters())).append(", data centres ")
        .append(esc(String.join(", ", scenario.organisation().dataCentres()))).append("). Horizon ").append(st.start())
        .append(" to ").append(st.end()).append(", PUE ").append(Fmt.num(st.pue())).append(", electricity $")
        .append(st.electricityUsdPerKwh()).append("/kWh. As of: ")
        .append(esc(plans.get(0).asOf().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")))).append("</p>\n");
    sb.append("<p class=\"disclaimer\">").append(esc(TextReport.DISCLAIMER)).append("</p>\n");
    if (plans.size() > 1) {
      sb.append("<h2>Comparison of variants</h2>\n").append(comparisonTable(Compare.view(plans,
          plans.stream().map(Plan::label).toList())));
    }
    for (int i = 0; i < plans.size(); i++) {
      plan(sb, plans.get(i), i, plans.size() > 1);
    }
    List<chipmix.catalog.Source> sources = TextReport.sources(plans);
    if (!sources.isEmpty()) {
      sb.append("<h2>Sources cited</h2>\n<table>\n<tr><th>id</th><th>title</th><th>publisher</th><th>date</th></tr>\n");
      for (chipmix.catalog.Source s : sources) {
        sb.append("<tr><td>").append(esc(s.id())).append("</td><td>").append(link(s.url(), s.title()))
            .append("</td><td>").append(esc(s.publisher())).append("</td><td>")
            .append(esc(s.date())).append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }
    sb.append("<footer>Charts: Apache ECharts ").append(ECHARTS_VERSION)
        .append(" (Apache License 2.0), inlined so this page works offline.</footer>\n");
    sb.append("<script type=\"application/json\" id=\"plan-data\">\n").append(data).append("</script>\n");
    sb.append("<script>\n").append(echarts()).append("\n</script>\n");
    sb.append("<script>\n").append(chartBuilders().replace("</script", "<\\/script")).append(JS).append("</script>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static void plan(StringBuilder sb, Plan p, int index, boolean titled) {
    sb.append("<section>\n");
    if (titled) {
      sb.append("<h2>Plan: ").append(esc(p.label())).append("</h2>\n");
      if (p.variant().isPresent() && !p.description().isEmpty()) {
        sb.append("<p>").append(esc(p.description())).append("</p>\n");
      }
    }
    sb.append("<h3>Summary</h3>\n<ul>\n");
    for (TrainingResult t : p.training()) {
      sb.append("<li>Training ").append(esc(Lines.training(t))).append("</li>\n");
    }
    for (OrderResult o : p.orders()) {
      sb.append("<li>Order ").append(esc(Lines.order(o))).append("</li>\n");
    }
    for (ServingResult s : p.serving()) {
      sb.append("<li>Serving ").append(esc(Lines.serving(s))).append("</li>\n");
    }
    sb.append("<li>Cost over the horizon: ").append(esc(Lines.cost(p))).append("</li>\n</ul>\n");
    String[][] charts = {
        {"capacity", "Capacity by pool (devices online on the first of each month)"},
        {"gantt", "Training runs against deadlines"},
        {"serving", "Serving demand against capacity (requests/s)"},
        {"cost", "Cost by month (USD)"}};
    if (p.outlook().isPresent()) {
      sb.append("<h3>Uncertainty</h3>\n<pre>").append(esc(String.join("\n", OutlookReport.lines(p.outlook().get()))))
          .append("</pre>\n<h3>Unmet serving demand over the samples (P10, P50, P90, requests/s)</h3>\n")
          .append("<div class=\"chart\" id=\"outlook-").append(index).append("\" data-plan=\"").append(index)
          .append("\" data-kind=\"outlook\"></div>\n");
    }
    for (String[] c : charts) {
      sb.append("<h3>").append(esc(c[1])).append("</h3>\n<div class=\"chart\" id=\"").append(c[0]).append('-').append(index)
          .append("\" data-plan=\"").append(index).append("\" data-kind=\"").append(c[0]).append("\"></div>\n");
      if (c[0].equals("serving")) {
        servingCurves(sb, p, index);
      }
    }
    if (!p.orders().isEmpty()) {
      sb.append("<h3>Compliance findings (rules in force on each arrival date)</h3>\n<table>\n<tr><th>order</th>"
          + "<th>promised</th><th>arrives</th><th>devices</th><th>to</th><th>verdict</th><th>outcome</th>"
          + "<th>reasons</th><th>import side</th></tr>\n");
      for (OrderResult o : p.orders()) {
        for (DeliveryResult d : o.deliveries()) {
          String cls = switch (d.finding().verdict()) {
            case CLEAR -> "clear";
            case AT_RISK -> "risk";
            case BLOCKED -> "blocked";
          };
          sb.append("<tr class=\"").append(cls).append("\"><td>").append(esc(o.id())).append("</td><td>")
              .append(d.promised()).append("</td><td>").append(d.arrives()).append("</td><td>")
              .append(Fmt.count(d.arriving())).append("</td><td>").append(esc(d.destination())).append("</td><td>")
              .append(Lines.verdict(d.finding().verdict())).append(d.received() ? "" : " (not received)")
              .append(d.arrives().isBefore(p.months().get(0).atDay(1)) ? " (delivered before the horizon: counted as received, not in the order's at-risk total)" : "")
              .append(d.arrives().isAfter(p.months().get(p.months().size() - 1).atEndOfMonth()) ? " (arrives after the horizon end: not received within the horizon)" : "")
              .append("</td><td>").append(esc(d.finding().outcome())).append("</td><td>")
              .append(reasons(d.finding().reasons())).append("</td><td>").append(reasons(d.finding().importSide()))
              .append("</td></tr>\n");
        }
      }
      sb.append("</table>\n");
    }
    List<String> notes = new java.util.ArrayList<>(p.notes());
    p.training().forEach(t -> t.notes().forEach(n -> notes.add(t.id() + ": " + n)));
    p.serving().forEach(s -> s.notes().forEach(n -> notes.add(s.id() + ": " + n)));
    if (!notes.isEmpty()) {
      sb.append("<h3>Notes</h3>\n<ul>\n");
      notes.forEach(n -> sb.append("<li>").append(esc(n)).append("</li>\n"));
      sb.append("</ul>\n");
    }
    sb.append("</section>\n");
  }

  /**
   * One serving-capacity chart per serving demand and pool chip (and replica layout): output tokens per
   * second per device against TPOT, batch by batch, from the plan's JSON ({@code capacity_curves}).
   */
  private static void servingCurves(StringBuilder sb, Plan p, int index) {
    for (int s = 0; s < p.serving().size(); s++) {
      ServingResult r = p.serving().get(s);
      for (int c = 0; c < r.curves().size(); c++) {
        Plan.ServingCurve curve = r.curves().get(c);
        sb.append("<h3>").append(esc("Serving capacity: " + r.model() + " on " + curve.chip() + " for " + r.id() + " (" + (curve.pools().size() == 1 ? "pool " : "pools ")
            + String.join(", ", curve.pools()) + "; one replica of " + curve.layout()
            + "): output tokens/s per device against TPOT")).append("</h3>\n<div class=\"chart\" id=\"serving-curve-")
            .append(index).append('-').append(s).append('-').append(c).append("\" data-plan=\"").append(index)
            .append("\" data-kind=\"servingCurve\" data-serving=\"").append(s).append("\" data-curve=\"").append(c)
            .append("\"></div>\n");
      }
    }
  }

  private static String reasons(List<Reason> reasons) {
    return reasons.stream().map(r -> esc(r.text()) + (r.citations().isEmpty() ? ""
        : " <span class=\"cite\">[" + esc(String.join(", ", r.citations())) + "]</span>"))
        .collect(Collectors.joining("<br>"));
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  /**
   * {@code text} as a link to {@code url} when the address is a web address (http or https with a
   * host); any other ({@code javascript:}, {@code data:}, {@code file:}, a bare word) is shown as
   * text beside it, never made clickable.
   */
  static String link(String url, String text) {
    if (isWebUrl(url)) {
      return "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer\">" + esc(text) + "</a>";
    }
    return esc(text) + (url == null || url.isBlank() ? "" : " <span class=\"cite\">(" + esc(url) + ")</span>");
  }

  /** Whether {@code url} is an absolute http or https address with a host (no spaces or control characters). */
  static boolean isWebUrl(String url) {
    return url != null && WEB_URL.matcher(url.strip()).matches();
  }

  private static final java.util.regex.Pattern WEB_URL =
      java.util.regex.Pattern.compile("(?i)https?://[^/?#\\s\\p{Cntrl}]+([/?#][^\\s\\p{Cntrl}]*)?");

  public static String echarts() {
    try (InputStream in = HtmlReport.class.getResourceAsStream(ECHARTS)) {
      if (in == null) {
        throw new IllegalStateException("Apache ECharts (" + ECHARTS + ") is missing from the classpath"
            + "\nMaybe the org.webjars.npm:echarts dependency or the shade filter in cli/pom.xml changed.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ECHARTS, e);
    }
  }

  private static final String CSS = """
      body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1300px; color: #222; }
      h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #ccc; margin-top: 2em; }
      .meta { color: #555; } .disclaimer { color: #8a4b00; font-style: italic; }
      .chart { width: 100%; height: 360px; }
      table { border-collapse: collapse; font-size: 0.85em; width: 100%; }
      td, th { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; }
      tr.blocked td { background: #fde2e2; } tr.risk td { background: #fff4d6; }
      table.compare th { background: #f3f5f9; white-space: nowrap; } table.compare tr.differs td { background: #eef4ff; font-weight: 600; }
      .note { color: #555; font-size: 0.85em; }
      .cite { color: #555; font-size: 0.9em; } pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; }
      footer { margin-top: 3em; color: #777; font-size: 0.8em; }
      """;

  /** Draws every chart of the page with the shared builders ({@link #CHART_BUILDERS}). */
  private static final String JS = """
      (function () {
        var data = JSON.parse(document.getElementById('plan-data').textContent);
        var builders = chipmixPlanCharts;
        document.querySelectorAll('.chart').forEach(function (el) {
          var p = data.plans[Number(el.dataset.plan)];
          var chart = echarts.init(el, null, {renderer: 'svg'});
          chart.setOption(builders[el.dataset.kind](p, el.dataset));
          window.addEventListener('resize', function () { chart.resize(); });
        });
      })();
      """;

  /** Classpath resource with the chart option builders, shared with the web UI. */
  public static final String CHART_BUILDERS = "/chipmix/scenario/report/plan-charts.js";

  /** The chart option builders (JavaScript defining {@code chipmixPlanCharts}), as the web UI serves them. */
  public static String chartBuilders() {
    return Resources.text(CHART_BUILDERS);
  }

  /** The comparison as a table; a measure on which the plans differ is highlighted. */
  static String comparisonTable(Compare.View v) {
    StringBuilder sb = new StringBuilder("<table class=\"compare\">\n<thead><tr><th></th>");
    v.labels().forEach(l -> sb.append("<th>").append(esc(l)).append("</th>"));
    sb.append("</tr></thead>\n<tbody>\n");
    for (Compare.Row row : v.rows()) {
      sb.append(row.differs() ? "<tr class=\"differs\">" : "<tr>").append("<th>").append(esc(row.measure().strip())).append("</th>");
      row.cells().forEach(c -> sb.append("<td>").append(esc(c)).append("</td>"));
      sb.append("</tr>\n");
    }
    return sb.append("</tbody></table>\n<p class=\"note\">Highlighted rows differ between the variants.</p>\n").toString();
  }
}
