package chipmix.cli;

import chipmix.catalog.Chip;
import chipmix.catalog.Spec;
import chipmix.exportcontrol.Condition;
import chipmix.exportcontrol.Determination;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.Finding;
import chipmix.exportcontrol.FindingKind;
import chipmix.exportcontrol.Numbers;
import chipmix.exportcontrol.Outcome;
import chipmix.exportcontrol.Reason;
import chipmix.exportcontrol.Request;
import chipmix.exportcontrol.ReviewPolicy;
import chipmix.exportcontrol.Verdict;
import chipmix.validation.Issues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Text and JSON renderings of export answers. JSON keys are a documented contract (docs/export-control.md). */
final class ExportRender {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ExportRender() {}

  static void checkFormat(Issues issues, OutputFormat format) {
    if (format != OutputFormat.TEXT && format != OutputFormat.JSON) {
      issues.add("--format", "'" + format.name().toLowerCase(Locale.ROOT) + "' is not offered here; use text or json");
    }
  }

  static String json(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private static String place(ExportControl ec, String code) {
    return ec.book().countries().getOrDefault(code, code) + " (" + code + ")";
  }

  // ---------------------------------------------------------------------------------------- check

  static String checkText(ExportControl ec, Determination d) {
    StringBuilder b = new StringBuilder();
    Request r = d.request();
    b.append(r.chip().name()).append(" (").append(r.chip().id()).append(") to ").append(place(ec, r.destination()))
        .append(", exported from ").append(place(ec, r.exportFrom())).append(", on ").append(r.date()).append('\n');
    b.append("Buyer headquarters: ").append(r.buyerHq().map(h -> place(ec, h)).orElse("not given"));
    b.append(". Parties: ").append(r.parties().isEmpty() ? "none given" : String.join(", ", r.parties())).append(".\n\n");
    b.append("Outcome:        ").append(d.verdict().text().toUpperCase(Locale.ROOT));
    b.append(d.uncertain() ? "  [UNCERTAIN: most restrictive of the possible outcomes]\n" : "\n");
    b.append("Classification: ").append(d.classification().label())
        .append(d.classification().regime().map(g -> " (" + g.id() + " text)").orElse("")).append('\n');
    var f = d.classification().facts();
    b.append("TPP:            ").append(f.tpp().map(Numbers::fmt).orElse("unknown")).append('\n');
    b.append("Perf. density:  ").append(f.performanceDensity().map(Numbers::fmt).orElse("unknown (no applicable die area)"))
        .append('\n');
    b.append("\nWhy:\n");
    int i = 1;
    for (Reason reason : d.reasons()) {
      b.append(String.format(Locale.ROOT, "%2d. [%s] %s%n      Citation: %s%n", i++, reason.rule(), reason.text(),
          reason.citation()));
    }
    if (d.uncertain()) {
      b.append("\nPossible outcomes:\n");
      for (var p : d.possibilities()) {
        b.append("  - ").append(p.verdict().text()).append(" under ").append(p.classification())
            .append(p.when().isEmpty() ? "" : ", " + p.when()).append('\n');
      }
    }
    b.append("\nConditions:\n");
    if (d.conditions().isEmpty()) {
      b.append("  none\n");
    }
    for (Condition c : d.conditions()) {
      b.append("  - ").append(c.text()).append(' ').append(c.citation()).append('\n');
    }
    section(b, "Import side and third countries (not US license requirements)", d, FindingKind.IMPORT_SIDE,
        FindingKind.THIRD_COUNTRY);
    section(b, "US guidance (not a license requirement)", d, FindingKind.US_GUIDANCE);
    section(b, "Pending US rules (in force but not binding on this date)", d, FindingKind.PENDING);
    section(b, "Notes", d, FindingKind.INFO);
    if (!d.caveats().isEmpty()) {
      b.append("\nAssumptions and caveats:\n");
      d.caveats().forEach(c -> b.append("  - ").append(c).append('\n'));
    }
    b.append("\nRule data as of ").append(d.asOf()).append(". ").append(d.notice()).append('\n');
    return b.toString();
  }

  private static void section(StringBuilder b, String title, Determination d, FindingKind... kinds) {
    List<Finding> list = d.findings().stream().filter(x -> List.of(kinds).contains(x.kind())).toList();
    if (list.isEmpty()) {
      return;
    }
    b.append('\n').append(title).append(":\n");
    for (Finding x : list) {
      b.append("  - [").append(x.rule()).append("] ").append(x.text()).append("\n      Citation: ").append(x.citation())
          .append('\n');
    }
  }

  static ObjectNode checkJson(ExportControl ec, Determination d) {
    ObjectNode o = JSON.createObjectNode();
    Request r = d.request();
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
    ArrayNode conditions = o.putArray("conditions");
    d.conditions().forEach(c -> conditions.addObject().put("text", c.text()).put("citation", c.citation()));
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
    ObjectNode n = JSON.createObjectNode();
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

  // ------------------------------------------------------------------------------------- timeline

  static String timelineText(ExportControl ec, Request base, List<ExportControl.TimelineEntry> entries) {
    StringBuilder b = new StringBuilder();
    b.append("Timeline: ").append(base.chip().name()).append(" (").append(base.chip().id()).append(") to ")
        .append(place(ec, base.destination())).append(", exported from ").append(place(ec, base.exportFrom()))
        .append(", buyer headquarters ").append(base.buyerHq().map(h -> place(ec, h)).orElse("not given"))
        .append(", until ").append(base.date()).append("\n\n");
    for (var e : entries) {
      Determination d = e.determination();
      b.append(e.date()).append("  ").append(d.verdict().text().toUpperCase(Locale.ROOT))
          .append(d.uncertain() ? " [uncertain]" : "").append(" — classification ").append(d.classification().label())
          .append('\n');
      for (String s : e.started()) {
        b.append("    + ").append(describe(ec, s)).append('\n');
      }
      for (String s : e.stopped()) {
        b.append("    - ").append(describe(ec, s)).append(" (no longer applies)").append('\n');
      }
    }
    b.append("\nEach date is when the outcome or the applicable rules changed; '+' rules started applying, '-'"
        + " stopped.\nRule data as of ").append(ec.book().asOf()).append(". ")
        .append(Determination.NOT_LEGAL_ADVICE).append('\n');
    return b.toString();
  }

  /** {@code R2025-H20 (import-side)} to {@code R2025-H20: title [citation]}. */
  private static String describe(ExportControl ec, String active) {
    String id = active.contains(" (") ? active.substring(0, active.indexOf(" (")) : active;
    String kind = active.contains(" (") ? active.substring(active.indexOf(" (")) : "";
    var rule = ec.book().rule(id);
    if (rule.isPresent()) {
      return id + kind + ": " + rule.get().title() + " — " + rule.get().citation();
    }
    var regime = ec.book().regimes().stream().filter(g -> g.id().equals(id)).findFirst();
    if (regime.isPresent()) {
      return id + ": " + regime.get().title() + " — " + regime.get().citation();
    }
    return active;
  }

  static ObjectNode timelineJson(ExportControl ec, Request base, List<ExportControl.TimelineEntry> entries) {
    ObjectNode o = JSON.createObjectNode();
    o.set("chip", chipJson(base.chip()));
    o.put("destination", base.destination());
    o.put("export_from", base.exportFrom());
    if (base.buyerHq().isPresent()) {
      o.put("buyer_hq", base.buyerHq().get());
    } else {
      o.putNull("buyer_hq");
    }
    o.put("until", base.date().toString());
    ArrayNode a = o.putArray("entries");
    for (var e : entries) {
      ObjectNode n = a.addObject();
      n.put("date", e.date().toString());
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

  // --------------------------------------------------------------------------------------- matrix

  static String matrixText(ExportControl ec, ExportControl.Matrix m) {
    StringBuilder b = new StringBuilder();
    b.append("Export outcomes on ").append(m.date()).append(" (rows: chips; columns: destinations)\n\n");
    int w0 = Math.max(4, m.chips().stream().mapToInt(c -> c.id().length()).max().orElse(4));
    int w = 13;
    StringBuilder header = new StringBuilder(pad("chip", w0));
    m.destinations().forEach(d -> header.append("  ").append(pad(d, w)));
    b.append(header.toString().stripTrailing()).append('\n');
    for (int i = 0; i < m.chips().size(); i++) {
      StringBuilder row = new StringBuilder(pad(m.chips().get(i).id(), w0));
      for (Determination d : m.cells().get(i)) {
        row.append("  ").append(pad(cell(d), w));
      }
      b.append(row.toString().stripTrailing()).append('\n');
    }
    b.append("\nLegend:\n");
    b.append("  -            not controlled (no 3A090 paragraph and no chip-specific or party rule)\n");
    b.append("  NLR          no license required (classified, but no rule covers the destination)\n");
    b.append("  ACA / NAC    license exception ACA (no notification) / NAC (prior notification to BIS)\n");
    b.append("  LIC:approval license required, presumption of approval;  LIC:case  case-by-case review\n");
    b.append("  LIC:unpub    license required, review policy not published;  LIC:denial  presumption of denial\n");
    b.append("  EL:denial    a party is on the Entity List (presumption of denial, no exceptions)\n");
    b.append("  ?            uncertain: a deciding fact is unknown; the most restrictive outcome is shown\n");
    b.append("  !            import-side or third-country finding (see 'chipmix export check')\n");
    b.append("\nRule data as of ").append(ec.book().asOf()).append(". ").append(Determination.NOT_LEGAL_ADVICE).append('\n');
    return b.toString();
  }

  static String cell(Determination d) {
    boolean imports = d.findings().stream().anyMatch(f -> f.kind() == FindingKind.IMPORT_SIDE || f.kind() == FindingKind.THIRD_COUNTRY);
    return d.verdict().shortLabel() + (d.uncertain() ? "?" : "") + (imports ? "!" : "");
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }

  static ObjectNode matrixJson(ExportControl ec, ExportControl.Matrix m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("date", m.date().toString());
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
