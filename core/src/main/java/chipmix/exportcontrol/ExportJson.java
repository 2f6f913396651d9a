package chipmix.exportcontrol;

import chipmix.catalog.Chip;
import chipmix.catalog.Spec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON views of export answers (a documented contract, docs/export-control.md), shared by
 * {@code chipmix export ... --format json} and the web API so both give the same document.
 * Views only: every figure comes from the {@link Determination}.
 */
public final class ExportJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ExportJson() {}

  public static ObjectNode check(ExportControl ec, Determination d) {
    ObjectNode o = F.objectNode();
    Request r = d.request();
    o.put("headline", d.headline());
    o.put("stale", d.stale());
    o.put("stale_days", d.staleDays());
    o.set("chip", chipJson(r.chip()));
    o.put("destination", r.destination());
    o.put("destination_name", ec.book().countries().get(r.destination()));
    if (r.buyerHq().isPresent()) {
      o.put("buyer_hq", r.buyerHq().get());
    } else {
      o.putNull("buyer_hq");
    }
    o.put("export_from", r.exportFrom());
    ArrayNode parties = o.putArray("parties");
    r.parties().forEach(parties::add);
    ArrayNode owners = o.putArray("owners");
    r.owners().forEach(owners::add);
    o.put("date", r.date().toString());
    o.put("classification", d.classification().mostRestrictive().label());
    o.put("classification_certain", d.classification().certain());
    ArrayNode possible = o.putArray("possible_classifications");
    d.classification().candidates().forEach(c -> possible.addObject().put("classification", c.label())
        .put("when", String.join(" and ", c.conditions())));
    ArrayNode deciding = o.putArray("deciding_facts");
    d.classification().decidingFacts().forEach(deciding::add);
    o.put("regime", d.classification().regime().map(g -> g.id()).orElse(null));
    var f = d.classification().facts();
    spec(o, "tpp", f.tpp());
    spec(o, "performance_density", f.performanceDensity());
    spec(o, "die_area_mm2", f.dieArea());
    spec(o, "io_bandwidth_gbs", f.ioBandwidth());
    o.put("io_basis", f.ioBasis());
    spec(o, "memory_bandwidth_gbs", f.memoryBandwidth());
    o.put("datacenter", f.datacenter());
    verdict(o, d.verdict());
    o.put("uncertain", d.uncertain());
    ArrayNode outcomes = o.putArray("possible_outcomes");
    for (var p : d.possibilities()) {
      ObjectNode n = outcomes.addObject();
      n.put("classification", p.classification());
      verdict(n, p.verdict());
      n.put("when", p.when());
    }
    ArrayNode drivers = o.putArray("driving_rules");
    d.drivers().forEach(x -> drivers.addObject().put("rule", x.rule()).put("title", x.title()));
    ArrayNode conditions = o.putArray("conditions");
    d.conditions().forEach(c -> {
      ObjectNode n = conditions.addObject().put("text", c.text()).put("citation", c.citation());
      c.cost().ifPresentOrElse(k -> n.putObject("cost").put("kind", k.kind().key()).put("percent", k.percent())
          .put("basis", k.basis()), () -> n.putNull("cost"));
    });
    ArrayNode reasons = o.putArray("reasons");
    d.reasons().forEach(x -> reasons.addObject().put("rule", x.rule()).put("text", x.text()).put("citation", x.citation()));
    findings(o.putArray("import_side"), d, FindingKind.IMPORT_SIDE, FindingKind.THIRD_COUNTRY);
    findings(o.putArray("us_guidance"), d, FindingKind.US_GUIDANCE);
    findings(o.putArray("pending"), d, FindingKind.PENDING);
    findings(o.putArray("notes"), d, FindingKind.INFO);
    ArrayNode caveats = o.putArray("caveats");
    d.caveats().forEach(caveats::add);
    o.put("as_of", d.asOf().toString());
    o.put("notice", d.notice());
    return o;
  }

  private static ObjectNode chipJson(Chip c) {
    ObjectNode n = F.objectNode();
    n.put("id", c.id()).put("name", c.name()).put("vendor", c.vendor()).put("design_origin", c.designOrigin());
    ArrayNode s = n.putArray("sources");
    c.sources().forEach(s::add);
    return n;
  }

  private static void verdict(ObjectNode o, Verdict v) {
    o.put("outcome", v.outcome().key());
    o.put("review_policy", v.reviewPolicy().key());
    o.put("outcome_text", v.text());
  }

  private static void spec(ObjectNode o, String key, Optional<Spec> s) {
    if (s.isEmpty()) {
      o.putNull(key);
      return;
    }
    ObjectNode n = o.putObject(key);
    n.put("value", round(s.get().nominal())).put("low", round(s.get().low())).put("high", round(s.get().high()));
    ArrayNode src = n.putArray("sources");
    s.get().sources().forEach(src::add);
    n.put("confidence", s.get().confidence().name().toLowerCase(Locale.ROOT));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void findings(ArrayNode a, Determination d, FindingKind... kinds) {
    for (Finding x : d.findings()) {
      if (List.of(kinds).contains(x.kind())) {
        a.addObject().put("kind", x.kind().key()).put("rule", x.rule()).put("text", x.text()).put("citation", x.citation());
      }
    }
  }

  public static ObjectNode timeline(ExportControl ec, Request base, List<ExportControl.TimelineEntry> entries) {
    ObjectNode o = F.objectNode();
    o.set("chip", chipJson(base.chip()));
    o.put("destination", base.destination());
    o.put("export_from", base.exportFrom());
    if (base.buyerHq().isPresent()) {
      o.put("buyer_hq", base.buyerHq().get());
    } else {
      o.putNull("buyer_hq");
    }
    o.put("until", base.date().toString());
    o.put("stale", ec.book().staleDays(base.date()) > 0);
    o.put("stale_days", ec.book().staleDays(base.date()));
    ArrayNode a = o.putArray("entries");
    for (var e : entries) {
      ObjectNode n = a.addObject();
      n.put("date", e.date().toString());
      n.put("headline", e.determination().headline());
      n.put("stale", e.determination().stale());
      n.put("stale_days", e.determination().staleDays());
      n.put("classification", e.determination().classification().mostRestrictive().label());
      verdict(n, e.determination().verdict());
      n.put("uncertain", e.determination().uncertain());
      ArrayNode started = n.putArray("started");
      e.started().forEach(started::add);
      ArrayNode stopped = n.putArray("stopped");
      e.stopped().forEach(stopped::add);
      ArrayNode reasons = n.putArray("reasons");
      e.determination().reasons().forEach(x -> reasons.addObject().put("rule", x.rule()).put("text", x.text())
          .put("citation", x.citation()));
      findings(n.putArray("import_side"), e.determination(), FindingKind.IMPORT_SIDE, FindingKind.THIRD_COUNTRY);
    }
    o.put("as_of", ec.book().asOf().toString());
    o.put("notice", Determination.NOT_LEGAL_ADVICE);
    return o;
  }

  public static String cell(Determination d) {
    boolean imports = d.findings().stream().anyMatch(f -> f.kind() == FindingKind.IMPORT_SIDE || f.kind() == FindingKind.THIRD_COUNTRY);
    return d.verdict().shortLabel() + (d.uncertain() ? "?" : "") + (imports ? "!" : "");
  }

  public static ObjectNode matrix(ExportControl ec, ExportControl.Matrix m) {
    ObjectNode o = F.objectNode();
    o.put("date", m.date().toString());
    o.put("stale", ec.book().staleDays(m.date()) > 0);
    o.put("stale_days", ec.book().staleDays(m.date()));
    ArrayNode dests = o.putArray("destinations");
    m.destinations().forEach(dests::add);
    ArrayNode rows = o.putArray("rows");
    for (int i = 0; i < m.chips().size(); i++) {
      ObjectNode row = rows.addObject();
      row.put("chip", m.chips().get(i).id());
      ArrayNode cells = row.putArray("cells");
      for (Determination d : m.cells().get(i)) {
        ObjectNode c = cells.addObject();
        c.put("destination", d.request().destination());
        c.put("classification", d.classification().mostRestrictive().label());
        verdict(c, d.verdict());
        c.put("label", cell(d));
        c.put("uncertain", d.uncertain());
        c.put("import_side", d.findings().stream()
            .filter(f -> f.kind() == FindingKind.IMPORT_SIDE || f.kind() == FindingKind.THIRD_COUNTRY).count());
      }
    }
    ObjectNode legend = o.putObject("legend");
    for (Outcome oc : Outcome.values()) {
      legend.put(oc.shortLabel(), oc.text());
    }
    for (ReviewPolicy p : ReviewPolicy.values()) {
      if (p != ReviewPolicy.NONE) {
        legend.put(":" + p.shortLabel(), p.text());
      }
    }
    legend.put("?", "uncertain: most restrictive possible outcome shown");
    legend.put("!", "import-side or third-country finding");
    o.put("as_of", ec.book().asOf().toString());
    o.put("notice", Determination.NOT_LEGAL_ADVICE);
    return o;
  }
}
