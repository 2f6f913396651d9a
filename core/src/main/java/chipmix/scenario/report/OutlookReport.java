package chipmix.scenario.report;

import chipmix.scenario.MonteCarlo;
import chipmix.scenario.MonteCarlo.DemandOutlook;
import chipmix.scenario.MonteCarlo.Outlook;
import chipmix.scenario.MonteCarlo.Percentiles;
import chipmix.scenario.MonteCarlo.RunOutlook;
import chipmix.scenario.Plan;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Monte Carlo outlook of a plan ({@code --samples}) as text lines and as JSON. */
final class OutlookReport {
  private OutlookReport() {}

  static List<String> lines(Outlook o) {
    List<String> out = new ArrayList<>();
    out.add("Uncertainty (" + Fmt.count(o.samples()) + " samples, seed " + o.seed() + "; P10 / P50 / P90)");
    for (RunOutlook r : o.runs()) {
      String dates = r.finishP50().isPresent()
          ? "finishes " + d(r.finishP10()) + " / " + d(r.finishP50()) + " / " + d(r.finishP90())
          : "does not finish in most samples";
      out.add("  " + r.id() + ": " + dates + "; finishes in " + pct(r.finishes()) + " of samples"
          + r.meetsDeadline().map(p -> "; meets its deadline in " + pct(p)).orElse(""));
    }
    for (DemandOutlook d : o.demands()) {
      out.add("  " + d.id() + ": up to " + rps(d.maxUnmetRps().p10()) + " / " + rps(d.maxUnmetRps().p50()) + " / "
          + rps(d.maxUnmetRps().p90()) + " requests/s unmet");
    }
    Percentiles c = o.costUsd();
    out.add("  cost over the horizon: " + Fmt.usd(c.p10()) + " / " + Fmt.usd(c.p50()) + " / " + Fmt.usd(c.p90()));
    o.assumptions().forEach(a -> out.add("  - " + a));
    return out;
  }

  private static String d(Optional<LocalDate> x) {
    return x.map(LocalDate::toString).orElse("not within 20 years");
  }

  private static String pct(double p) {
    return String.format(Locale.ROOT, "%.0f%%", p * 100);
  }

  private static String rps(double v) {
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  static ObjectNode json(Plan p, Outlook o) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("samples", o.samples());
    n.put("seed", o.seed());
    ArrayNode runs = n.putArray("training");
    for (RunOutlook r : o.runs()) {
      ObjectNode x = runs.addObject();
      x.put("id", r.id());
      ObjectNode fin = x.putObject("finish");
      put(fin, "p10", r.finishP10());
      put(fin, "p50", r.finishP50());
      put(fin, "p90", r.finishP90());
      x.put("probability_finishes", r.finishes());
      if (r.meetsDeadline().isPresent()) {
        x.put("probability_meets_deadline", r.meetsDeadline().get());
      } else {
        x.putNull("probability_meets_deadline");
      }
    }
    ArrayNode demands = n.putArray("serving");
    for (DemandOutlook d : o.demands()) {
      ObjectNode x = demands.addObject();
      x.put("id", d.id());
      x.set("max_unmet_requests_per_second", pct(f, d.maxUnmetRps()));
      ArrayNode months = x.putArray("unmet_requests_per_second_by_month");
      for (int m = 0; m < d.unmetByMonth().size(); m++) {
        ObjectNode mm = pct(f, d.unmetByMonth().get(m));
        mm.put("month", p.months().get(m).toString());
        months.add(mm);
      }
    }
    n.set("cost_usd", pct(f, o.costUsd()));
    ArrayNode errors = n.putArray("model_error");
    for (MonteCarlo.ChipError e : o.modelError()) {
      ObjectNode x = errors.addObject();
      x.put("chip", e.chipId());
      x.put("training_sigma", e.trainingSigma());
      x.put("training_basis", e.trainingBasis());
      x.put("serving_sigma", e.servingSigma());
      x.put("serving_basis", e.servingBasis());
    }
    ArrayNode a = n.putArray("assumptions");
    o.assumptions().forEach(a::add);
    return n;
  }

  private static void put(ObjectNode n, String key, Optional<LocalDate> d) {
    if (d.isPresent()) {
      n.put(key, d.get().toString());
    } else {
      n.putNull(key);
    }
  }

  private static ObjectNode pct(JsonNodeFactory f, MonteCarlo.Percentiles p) {
    ObjectNode n = f.objectNode();
    n.put("p10", p.p10());
    n.put("p50", p.p50());
    n.put("p90", p.p90());
    return n;
  }
}
