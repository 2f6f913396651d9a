package chipmix.comparison;

import chipmix.comparison.TrainCompareResult.BeyondCap;
import chipmix.comparison.TrainCompareResult.Dropped;
import chipmix.comparison.TrainCompareResult.Estimated;
import chipmix.comparison.TrainCompareResult.Needed;
import chipmix.comparison.TrainCompareResult.NoEstimate;
import chipmix.comparison.TrainCompareResult.Row;
import chipmix.scenario.engines.ComplianceScreen.Screened;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The JSON document of a training comparison (a documented contract, docs/planner.md), shared by
 * {@code chipmix train compare --format json} and {@code POST /api/train/compare}. A view only:
 * every figure comes from the {@link TrainCompareResult}.
 */
public final class TrainCompareJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Said under every comparison. */
  public static final String NOTE = "Estimates from the training model (docs/training-model.md), calibrated per chip;"
      + " export findings are not legal advice.";

  private TrainCompareJson() {}

  public static ObjectNode of(TrainCompareResult r) {
    ObjectNode n = F.objectNode();
    n.put("model", r.model());
    n.put("devices", r.devices());
    r.tokens().ifPresentOrElse(t -> n.put("tokens", t), () -> n.putNull("tokens"));
    r.start().ifPresentOrElse(d -> n.put("start", d.toString()), () -> n.putNull("start"));
    r.finishBy().ifPresentOrElse(d -> n.put("finish_by", d.toString()), () -> n.putNull("finish_by"));
    n.put("ranked_by", "tokens_per_second on the devices asked for");
    ArrayNode rows = n.putArray("chips");
    for (Row row : r.rows()) {
      ObjectNode x = rows.addObject();
      x.put("chip", row.chipId());
      x.put("chip_name", row.chipName());
      row.rank().ifPresentOrElse(k -> x.put("rank", k), () -> x.putNull("rank"));
      row.screen().ifPresent(s -> screen(x, s));
      x.put("dropped", row.outcome() instanceof Dropped);
      switch (row.outcome()) {
        case Estimated e -> {
          x.put("devices_used", e.rate().devicesUsed());
          x.put("tokens_per_second", e.rate().tokensPerSecond());
          x.put("layout", e.rate().layout());
          e.days().ifPresentOrElse(d -> x.put("days", d), () -> x.putNull("days"));
          if (r.finishBy().isPresent()) {
            switch (e.devicesNeeded().orElseThrow()) {
              case Needed k -> x.put("devices_needed", k.devices());
              case BeyondCap b -> {
                x.putNull("devices_needed");
                x.put("devices_needed_over", b.cap());
              }
            }
          }
        }
        case NoEstimate ne -> x.put("problem", ne.reason());
        case Dropped d -> x.put("problem", "dropped: " + d.reason());
      }
    }
    r.compliance().ifPresent(c -> {
      ObjectNode cn = n.putObject("compliance");
      cn.put("mode", c.drop() ? "drop" : "mark");
      cn.put("buyer_hq", c.buyer().headquarters());
      cn.put("to", c.buyer().destination());
      cn.put("date", c.buyer().date().toString());
      ArrayNode arr = cn.putArray("chips");
      for (Screened s : c.screened()) {
        ObjectNode x = arr.addObject();
        x.put("chip", s.chip().id());
        screen(x, s);
        x.put("dropped", c.drop() && s.mayNotGet());
      }
      cn.put("first_ranked_may_not_be_obtained", c.firstRankedMayNotBeObtained());
      cn.put("disclaimer", chipmix.scenario.report.TextReport.DISCLAIMER);
    });
    n.put("note", NOTE);
    return n;
  }

  private static void screen(ObjectNode x, Screened s) {
    x.put("verdict", s.finding().verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    x.put("outcome", s.finding().outcome());
    x.put("may_not_get", s.mayNotGet());
    x.put("reason", s.reason());
  }
}
