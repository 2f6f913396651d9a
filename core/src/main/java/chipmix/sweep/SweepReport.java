package chipmix.sweep;

import chipmix.scenario.report.HtmlReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** A sweep's summary as text, JSON and a self-contained HTML page with a tornado chart per outcome. */
public final class SweepReport {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SweepReport() {}

  /**
   * What the summary rests on besides the rows.
   *
   * @param samples rows per grid point: Monte Carlo samples when {@code sampled}, else 1
   * @param sampled whether each point's plan was replayed against sampled futures
   * @param seed the samples' seed (present when sampled)
   */
  public record Context(String sweep, String scenario, java.util.Optional<String> variant, long points, int samples,
      boolean sampled, java.util.Optional<Long> seed, Map<String, String> asOf) {
    /** The context of a spec's sweep. */
    public static Context of(SweepSpec spec, String scenarioFile, Map<String, String> asOf) {
      return new Context(spec.name(), scenarioFile, spec.variant(), spec.points(), spec.samples(), spec.sampled(),
          spec.sampled() ? java.util.Optional.of(spec.seedOrDefault()) : java.util.Optional.empty(), asOf);
    }
  }

  /** What the samples are: every output carries it. */
  public static String samplingNote(Context c) {
    if (!c.sampled()) {
      return "No samples or seed in the sweep file: each point was planned once (its deterministic plan).";
    }
    return c.samples() + " Monte Carlo sample(s) per point, seed " + c.seed().orElseThrow() + ": each point's plan is"
        + " replayed against sampled futures (slip ranges, stopped at-risk deliveries, catalog ranges, model error) as"
        + " a sampled plan does; sample i of a point is sample i of that point's sampled plan with the same seed. Blocked and"
        + " at-risk devices are the plan's export findings.";
  }

  public static String text(Context c, Summary s) {
    StringBuilder sb = new StringBuilder();
    sb.append("Sweep ").append(c.sweep()).append(" over ").append(c.scenario()).append(c.variant().map(v -> "#" + v).orElse(""))
        .append(": ").append(c.points()).append(" points x ").append(c.samples()).append(" sample(s)");
    sb.append(s.failed() > 0 ? ", " + s.failed() + " point(s) not valid (see the rows' problem column)" : "").append('\n');
    String note = samplingNote(c);
    if (!note.isEmpty()) {
      sb.append("Note: ").append(note).append('\n');
    }
    sb.append("\nSensitivity: the range of each outcome's mean over each axis's values, the other axes averaged;\n")
        .append("the axis that moves it most first.\n");
    for (Summary.Sensitivity se : s.sensitivity()) {
      sb.append("\n  ").append(se.outcome()).append(" (mean ").append(num(se.overallMean())).append(")\n");
      for (Summary.AxisEffect e : se.axes()) {
        if (e.range() == 0) {
          sb.append(String.format(Locale.ROOT, "    %-32s range 0 (no effect)%n", e.axis()));
        } else {
          sb.append(String.format(Locale.ROOT, "    %-32s range %-14s %s at %s .. %s at %s%n", e.axis(), num(e.range()),
              num(e.low()), e.lowValue(), num(e.high()), e.highValue()));
        }
      }
    }
    sb.append("\nPer point (mean; P10 / P50 / P90 over samples):\n");
    for (Summary.PointStats p : s.points()) {
      sb.append("\n  #").append(p.point()).append(' ');
      for (int a = 0; a < s.axes().size(); a++) {
        sb.append(a == 0 ? "" : ", ").append(s.axes().get(a)).append('=').append(p.values().get(a));
      }
      sb.append('\n');
      for (Map.Entry<String, Summary.Stats> e : p.outcomes().entrySet()) {
        Summary.Stats st = e.getValue();
        sb.append(String.format(Locale.ROOT, "    %-36s %s", e.getKey(), num(st.mean())));
        if (st.n() > 1) {
          sb.append("; ").append(num(st.p10())).append(" / ").append(num(st.p50())).append(" / ").append(num(st.p90()));
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) d);
    }
    return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.3f", d);
  }

  public static ObjectNode tree(Context c, Summary s) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("sweep", c.sweep());
    root.put("scenario", c.scenario());
    c.variant().ifPresent(v -> root.put("variant", v));
    root.put("grid_points", c.points());
    root.put("samples", c.samples());
    root.put("sampled", c.sampled());
    c.seed().ifPresent(v -> root.put("seed", v));
    root.put("note", samplingNote(c));
    root.put("failed_points", s.failed());
    ObjectNode asOf = root.putObject("as_of");
    c.asOf().forEach(asOf::put);
    ArrayNode axes = root.putArray("axes");
    s.axes().forEach(axes::add);
    ArrayNode sens = root.putArray("sensitivity");
    for (Summary.Sensitivity se : s.sensitivity()) {
      ObjectNode o = sens.addObject();
      o.put("outcome", se.outcome());
      o.put("mean", se.overallMean());
      ArrayNode effects = o.putArray("axes");
      for (Summary.AxisEffect e : se.axes()) {
        ObjectNode x = effects.addObject();
        x.put("axis", e.axis());
        x.put("range", e.range());
        x.put("low", e.low());
        x.put("low_value", e.lowValue());
        x.put("high", e.high());
        x.put("high_value", e.highValue());
        ObjectNode means = x.putObject("means");
        e.means().forEach(means::put);
      }
    }
    ArrayNode points = root.putArray("points");
    for (Summary.PointStats p : s.points()) {
      ObjectNode o = points.addObject();
      o.put("point", p.point());
      ObjectNode values = o.putObject("values");
      for (int a = 0; a < s.axes().size(); a++) {
        values.put(s.axes().get(a), p.values().get(a));
      }
      o.put("samples", p.samples());
      ObjectNode outcomes = o.putObject("outcomes");
      p.outcomes().forEach((k, st) -> {
        ObjectNode x = outcomes.putObject(k);
        x.put("mean", st.mean());
        x.put("p10", st.p10());
        x.put("p50", st.p50());
        x.put("p90", st.p90());
      });
    }
    return root;
  }

  public static String json(Context c, Summary s) {
    try {
      return MAPPER.writeValueAsString(tree(c, s)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the sweep summary as JSON", e);
    }
  }

  /** A page that opens offline: the sensitivity tables, a tornado chart per outcome, and the per-point table. */
  public static String html(Context c, Summary s) {
    String data = json(c, s).replace("</", "<\\/");
    StringBuilder sb = new StringBuilder(1_100_000);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>chipmix sweep: ")
        .append(esc(c.sweep())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    sb.append("<h1>chipmix sweep: ").append(esc(c.sweep())).append("</h1>\n<p>").append(esc(c.scenario()))
        .append(esc(c.variant().map(v -> "#" + v).orElse(""))).append(": ").append(c.points()).append(" points x ")
        .append(c.samples()).append(" sample(s)").append(s.failed() > 0 ? ", " + s.failed() + " not valid" : "")
        .append(".</p>\n");
    String note = samplingNote(c);
    if (!note.isEmpty()) {
      sb.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
    }
    sb.append("<p>Each bar spans the outcome's mean at the axis value that gives the lowest mean and at the one that gives"
        + " the highest, the other axes averaged; bars are drawn from the mean over every plan (zero). The longest bar is the"
        + " assumption that matters most.</p>\n");
    for (int i = 0; i < s.sensitivity().size(); i++) {
      Summary.Sensitivity se = s.sensitivity().get(i);
      sb.append("<section><h2>").append(esc(se.outcome())).append("</h2>\n<div class=\"chart\" id=\"tornado-").append(i)
          .append("\"></div>\n<table><tr><th>axis</th><th>range</th><th>low</th><th>at</th><th>high</th><th>at</th></tr>\n");
      for (Summary.AxisEffect e : se.axes()) {
        sb.append("<tr><td>").append(esc(e.axis())).append("</td><td>").append(num(e.range())).append("</td><td>")
            .append(num(e.low())).append("</td><td>").append(esc(e.lowValue())).append("</td><td>").append(num(e.high()))
            .append("</td><td>").append(esc(e.highValue())).append("</td></tr>\n");
      }
      sb.append("</table></section>\n");
    }
    sb.append(pointTable(s));
    sb.append("<footer>Charts: Apache ECharts ").append(HtmlReport.ECHARTS_VERSION)
        .append(" (Apache License 2.0), inlined so this page works offline. As of: ")
        .append(esc(c.asOf().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + "; " + b)
            .orElse(""))).append("</footer>\n");
    sb.append("<script type=\"application/json\" id=\"sweep-data\">\n").append(data).append("</script>\n");
    sb.append("<script>\n").append(HtmlReport.echarts().replace("</script", "<\\/script")).append("\n</script>\n");
    sb.append("<script>\n").append(JS).append("</script>\n</body>\n</html>\n");
    return sb.toString();
  }

  /** Per point: the axis values and, per outcome, the mean and P10 / P50 / P90 over the point's samples. */
  private static String pointTable(Summary s) {
    StringBuilder sb = new StringBuilder("<section><h2>Per point</h2>\n<p>Mean; P10 / P50 / P90 over the point's samples."
        + "</p>\n<table><tr><th>#</th>");
    s.axes().forEach(a -> sb.append("<th>").append(esc(a)).append("</th>"));
    s.outcomes().forEach(o -> sb.append("<th>").append(esc(o)).append("</th>"));
    sb.append("</tr>\n");
    for (Summary.PointStats p : s.points()) {
      sb.append("<tr><td>").append(p.point()).append("</td>");
      p.values().forEach(v -> sb.append("<td>").append(esc(v)).append("</td>"));
      for (String o : s.outcomes()) {
        Summary.Stats st = p.outcomes().get(o);
        sb.append("<td>");
        if (st != null) {
          sb.append(num(st.mean()));
          if (st.n() > 1) {
            sb.append("; ").append(num(st.p10())).append(" / ").append(num(st.p50())).append(" / ").append(num(st.p90()));
          }
        }
        sb.append("</td>");
      }
      sb.append("</tr>\n");
    }
    return sb.append("</table></section>\n").toString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = """
      body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
      table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
      th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
      .chart { width: 100%; height: 260px; }
      .note { background: #fff6d5; padding: 0.5em; }
      footer { color: #666; font-size: 0.85em; margin-top: 2em; }
      """;

  private static final String JS = """
      const data = JSON.parse(document.getElementById('sweep-data').textContent);
      data.sensitivity.forEach((s, i) => {
        const el = document.getElementById('tornado-' + i);
        if (!el) return;
        const axes = s.axes.slice().reverse();
        const chart = echarts.init(el);
        chart.setOption({
          animation: false,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
            formatter: ps => { const a = axes[ps[0].dataIndex];
              return a.axis + '<br>low ' + a.low.toPrecision(4) + ' at ' + a.low_value
                + '<br>high ' + a.high.toPrecision(4) + ' at ' + a.high_value; } },
          grid: { left: 260, right: 40, top: 20, bottom: 30 },
          xAxis: { type: 'value', name: 'difference from the mean ' + s.mean.toPrecision(4) },
          yAxis: { type: 'category', data: axes.map(a => a.axis) },
          series: [
            { type: 'bar', stack: 't', name: 'lowest mean', itemStyle: { color: '#4a78b5' }, data: axes.map(a => a.low - s.mean) },
            { type: 'bar', stack: 't', name: 'highest mean', itemStyle: { color: '#c8553d' }, data: axes.map(a => a.high - s.mean) }
          ]
        });
      });
      """;
}
