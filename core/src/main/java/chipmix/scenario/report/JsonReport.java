package chipmix.scenario.report;

import chipmix.io.Node;
import chipmix.scenario.Engines.Finding;
import chipmix.scenario.Engines.Reason;
import chipmix.scenario.Plan.DeliveryResult;
import chipmix.scenario.Plan.MonthCost;
import chipmix.scenario.Plan.OrderResult;
import chipmix.scenario.Plan.Placement;
import chipmix.scenario.Plan.PoolTimeline;
import chipmix.scenario.Plan.Segment;
import chipmix.scenario.Plan.ServingMonth;
import chipmix.scenario.Plan.ServingResult;
import chipmix.scenario.Plan.TrainingResult;
import chipmix.scenario.Plan;
import chipmix.scenario.Scenario;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --format json} contract: stable snake_case keys (documented in docs/scenarios.md).
 * Dates are ISO strings, months {@code YYYY-MM}, money in US dollars, energy in kWh, rates per
 * second. The inputs' as-of data (catalog and rule versions) are recorded under {@code as_of}.
 */
public final class JsonReport {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(Scenario scenario, List<Plan> plans) {
    return write(tree(scenario, plans));
  }

  static String write(ObjectNode tree) {
    try {
      return MAPPER.writeValueAsString(chipmix.io.OutputCheck.checked(tree)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON report", e);
    }
  }

  public static ObjectNode tree(Scenario scenario, List<Plan> plans) {
    ObjectNode root = F.objectNode();
    root.put("scenario", scenario.name());
    root.put("description", scenario.description());
    root.put("disclaimer", TextReport.DISCLAIMER);
    root.set("as_of", asOf(plans.get(0).asOf()));
    ObjectNode org = root.putObject("organisation");
    org.put("name", scenario.organisation().name());
    org.put("headquarters", scenario.organisation().headquarters());
    ArrayNode dcs = org.putArray("data_centres");
    scenario.organisation().dataCentres().forEach(dcs::add);
    ArrayNode parties = org.putArray("parties");
    scenario.organisation().parties().forEach(parties::add);
    ObjectNode settings = root.putObject("settings");
    Scenario.Settings s = scenario.settings();
    settings.put("start", s.start().toString());
    settings.put("end", s.end().toString());
    settings.put("pue", s.pue());
    settings.put("electricity_usd_per_kwh", s.electricityUsdPerKwh());
    s.amortizationYears().ifPresent(y -> settings.put("amortization_years", y));
    settings.put("objective", s.objective().name().toLowerCase(Locale.ROOT));
    ArrayNode arr = root.putArray("plans");
    plans.forEach(p -> arr.add(plan(p)));
    ArrayNode sources = root.putArray("sources");
    for (chipmix.catalog.Source src : TextReport.sources(plans)) {
      ObjectNode o = sources.addObject();
      o.put("id", src.id());
      o.put("title", src.title());
      o.put("publisher", src.publisher());
      o.put("url", src.url());
      o.put("date", src.date());
    }
    return chipmix.io.OutputCheck.checked(root);
  }

  static ObjectNode asOf(Map<String, String> asOf) {
    ObjectNode n = F.objectNode();
    new TreeMap<>(asOf).forEach(n::put);
    return n;
  }

  static ObjectNode plan(Plan p) {
    ObjectNode n = F.objectNode();
    n.put("variant", p.label());
    n.put("description", p.description());
    ObjectNode totals = n.putObject("totals");
    totals.put("cost_usd", p.totalCost());
    totals.put("capital_usd", p.totalCapital());
    totals.put("electricity_usd", p.totalEnergyCost());
    totals.put("rental_usd", p.totalRental());
    totals.put("devices_blocked", p.orders().stream().mapToInt(OrderResult::blocked).sum());
    totals.put("devices_at_risk", p.orders().stream().mapToInt(OrderResult::atRisk).sum());
    ArrayNode months = n.putArray("months");
    p.months().forEach(m -> months.add(m.toString()));
    ArrayNode pools = n.putArray("pools");
    for (PoolTimeline t : p.pools()) {
      ObjectNode o = pools.addObject();
      o.put("id", t.id());
      o.put("kind", t.kind());
      o.put("chip", t.chipId());
      o.put("chip_name", t.chipName());
      o.put("vendor", t.vendor());
      ArrayNode online = o.putArray("online");
      t.online().forEach(online::add);
    }
    ArrayNode orders = n.putArray("orders");
    p.orders().forEach(o -> orders.add(order(o)));
    ArrayNode training = n.putArray("training");
    p.training().forEach(t -> training.add(training(t)));
    ArrayNode serving = n.putArray("serving");
    p.serving().forEach(s -> serving.add(serving(s)));
    ArrayNode costs = n.putArray("costs");
    for (MonthCost c : p.costs()) {
      ObjectNode o = costs.addObject();
      o.put("month", c.month().toString());
      o.put("capital_usd", c.capital());
      o.put("electricity_usd", c.energy());
      o.put("rental_usd", c.rental());
      o.put("total_usd", c.total());
    }
    ArrayNode notes = n.putArray("notes");
    p.notes().forEach(notes::add);
    if (p.withoutAtRisk().isPresent()) {
      n.set("without_at_risk", plan(p.withoutAtRisk().get()));
    } else {
      n.putNull("without_at_risk");
    }
    if (p.outlook().isPresent()) {
      n.set("uncertainty", OutlookReport.json(p, p.outlook().get()));
    } else {
      n.putNull("uncertainty");
    }
    return n;
  }

  static ObjectNode order(OrderResult o) {
    ObjectNode n = F.objectNode();
    n.put("id", o.id());
    n.put("chip", o.chipId());
    n.put("chip_name", o.chipName());
    n.put("quantity", o.quantity());
    n.put("scheduled", o.scheduled());
    n.put("received", o.received());
    n.put("blocked", o.blocked());
    n.put("at_risk", o.atRisk());
    n.put("lost_to_slip", o.lostToSlip());
    n.put("never_scheduled", o.neverScheduled());
    n.put("paid_usd", o.spendUsd());
    ArrayNode ds = n.putArray("deliveries");
    for (DeliveryResult d : o.deliveries()) {
      ObjectNode x = ds.addObject();
      x.put("promised", d.promised().toString());
      x.put("arrives", d.arrives().toString());
      x.put("promised_count", d.promisedCount());
      x.put("arriving", d.arriving());
      x.put("destination", d.destination());
      x.put("received", d.received());
      Finding f = d.finding();
      x.put("verdict", Node.enumText(f.verdict()));
      x.put("outcome", f.outcome());
      x.set("reasons", reasons(f.reasons()));
      x.set("import_side", reasons(f.importSide()));
    }
    return n;
  }

  static ArrayNode reasons(List<Reason> reasons) {
    ArrayNode a = F.arrayNode();
    for (Reason r : reasons) {
      ObjectNode o = a.addObject();
      o.put("text", r.text());
      ArrayNode c = o.putArray("citations");
      r.citations().forEach(c::add);
    }
    return a;
  }

  static ObjectNode training(TrainingResult t) {
    ObjectNode n = F.objectNode();
    n.put("id", t.id());
    n.put("model", t.model());
    n.put("tokens", t.tokens());
    if (t.deadline().isPresent()) {
      n.put("deadline", t.deadline().get().toString());
    } else {
      n.putNull("deadline");
    }
    n.put("placed", t.placement().isPresent());
    if (t.daysLate().isPresent()) {
      n.put("days_late", t.daysLate().get());
    } else {
      n.putNull("days_late");
    }
    if (t.placement().isPresent()) {
      Placement p = t.placement().get();
      ObjectNode o = n.putObject("placement");
      o.put("chip", p.chipId());
      o.put("chip_name", p.chipName());
      o.put("vendor", p.vendor());
      ArrayNode pools = o.putArray("pools");
      p.pools().forEach(pools::add);
      o.put("start", p.start().toString());
      o.put("finish", p.finish().toString());
      o.put("finishes_in_horizon", p.finishesInHorizon());
      o.put("peak_devices", p.peakDevices());
      o.put("device_hours", p.deviceHours());
      if (p.energyKwh().isPresent()) {
        o.put("energy_kwh", p.energyKwh().get());
      } else {
        o.putNull("energy_kwh");
      }
      o.put("electricity_usd", p.energyUsd());
      o.put("amortised_devices_usd", p.capitalUsd());
      o.put("rental_usd", p.rentalUsd());
      ArrayNode segs = o.putArray("segments");
      for (Segment s : p.segments()) {
        ObjectNode x = segs.addObject();
        x.put("from", s.from().toString());
        x.put("to", s.to().toString());
        x.put("devices", s.devices());
        x.put("tokens_per_second", s.tokensPerSecond());
        x.put("layout", s.layout());
      }
    } else {
      n.putNull("placement");
    }
    ArrayNode notes = n.putArray("notes");
    t.notes().forEach(notes::add);
    return n;
  }

  static ObjectNode serving(ServingResult s) {
    ObjectNode n = F.objectNode();
    n.put("id", s.id());
    n.put("model", s.model());
    n.put("max_unmet_requests_per_second", s.maxUnmet());
    ArrayNode months = n.putArray("months");
    for (ServingMonth m : s.months()) {
      ObjectNode o = months.addObject();
      o.put("month", m.month().toString());
      o.put("demand_requests_per_second", m.demandRps());
      o.put("capacity_requests_per_second", m.capacityRps());
      o.put("served_requests_per_second", m.servedRps());
      o.put("unmet_requests_per_second", m.unmetRps());
      o.put("devices", m.devices());
      ObjectNode byPool = o.putObject("devices_by_pool");
      m.devicesByPool().forEach(byPool::put);
      o.put("energy_kwh", m.energyKwh());
    }
    ArrayNode notes = n.putArray("notes");
    s.notes().forEach(notes::add);
    ArrayNode curves = n.putArray("capacity_curves");
    for (Plan.ServingCurve c : s.curves()) {
      ObjectNode o = curves.addObject();
      ArrayNode pools = o.putArray("pools");
      c.pools().forEach(pools::add);
      o.put("chip", c.chip());
      o.put("layout", c.layout());
      ArrayNode points = o.putArray("points");
      c.points().forEach(pt -> points.addObject().put("batch", pt.batch()).put("tpot_ms", pt.tpotMs())
          .put("output_tokens_per_s_per_device", pt.outputTokensPerSecondPerDevice()));
    }
    return n;
  }

  /** Two scenario files side by side (for {@code chipmix compare}). */
  public static String compare(List<Scenario> scenarios, List<List<Plan>> plans) {
    ObjectNode root = F.objectNode();
    root.put("disclaimer", TextReport.DISCLAIMER);
    ArrayNode arr = root.putArray("scenarios");
    for (int i = 0; i < scenarios.size(); i++) {
      arr.add(tree(scenarios.get(i), plans.get(i)));
    }
    return write(root);
  }
}
