package chipmix.cli;

import chipmix.exportcontrol.Condition;
import chipmix.exportcontrol.Determination;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.ExportJson;
import chipmix.exportcontrol.Finding;
import chipmix.exportcontrol.FindingKind;
import chipmix.exportcontrol.Numbers;
import chipmix.exportcontrol.Outcome;
import chipmix.exportcontrol.Reason;
import chipmix.exportcontrol.Request;
import java.util.List;
import java.util.Locale;

/** Text and JSON renderings of export answers. JSON keys are a documented contract (docs/export-control.md). */
final class ExportRender {
  private ExportRender() {}

  private static String place(ExportControl ec, String code) {
    return ec.book().countries().getOrDefault(code, code) + " (" + code + ")";
  }

  // ---------------------------------------------------------------------------------------- check

  static String checkText(ExportControl ec, Determination d) {
    StringBuilder b = new StringBuilder();
    Request r = d.request();
    b.append(d.headline()).append("\n\n");
    b.append(r.chip().name()).append(" (").append(r.chip().id()).append(") to ").append(place(ec, r.destination()))
        .append(", exported from ").append(place(ec, r.exportFrom())).append(", on ").append(r.date()).append('\n');
    b.append("Buyer headquarters: ").append(r.buyerHq().map(h -> place(ec, h)).orElse("not given"));
    b.append(". Parties: ").append(r.parties().isEmpty() ? "none given" : String.join(", ", r.parties()));
    if (!r.owners().isEmpty()) {
      b.append(". Owners (50% or more): ").append(String.join(", ", r.owners()));
    }
    b.append(".\n\n");
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
    if (d.conditions().isEmpty()) {
      b.append("\nConditions: none\n");
    } else {
      b.append("\nConditions (must hold for this outcome):\n");
    }
    for (Condition c : d.conditions()) {
      b.append("  - ").append(c.text()).append(' ').append(c.citation()).append('\n');
      c.cost().ifPresent(k -> b.append("      Cost: ").append(Numbers.fmt(k.percent())).append("% ")
          .append(k.kind() == chipmix.exportcontrol.Cost.Kind.TARIFF ? "tariff" : "revenue share").append(" on the ")
          .append(k.basis()).append('\n'));
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

  // ------------------------------------------------------------------------------------- timeline

  static String timelineText(ExportControl ec, Request base, List<ExportControl.TimelineEntry> entries) {
    StringBuilder b = new StringBuilder();
    long stale = ec.book().staleDays(base.date());
    if (stale > 0) {
      b.append("STALE: the timeline runs to ").append(base.date()).append(", ").append(stale)
          .append(" days after the rule data's as-of date ").append(ec.book().asOf())
          .append("; later rules are not included.\n");
    }
    b.append("Timeline: ").append(base.chip().name()).append(" (").append(base.chip().id()).append(") to ")
        .append(place(ec, base.destination())).append(", exported from ").append(place(ec, base.exportFrom()))
        .append(", buyer headquarters ").append(base.buyerHq().map(h -> place(ec, h)).orElse("not given"))
        .append(", until ").append(base.date()).append("\n\n");
    for (var e : entries) {
      Determination d = e.determination();
      b.append(e.date()).append("  ").append(d.verdict().text().toUpperCase(Locale.ROOT))
          .append(d.uncertain() ? " [uncertain]" : "").append(" — classification ").append(d.classification().label())
          .append(d.drivers().isEmpty() ? "" : "; by " + String.join(", ", d.drivers().stream()
              .map(chipmix.exportcontrol.Determination.Driver::rule).toList()))
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

  // --------------------------------------------------------------------------------------- matrix

  static String matrixText(ExportControl ec, ExportControl.Matrix m) {
    StringBuilder b = new StringBuilder();
    long stale = ec.book().staleDays(m.date());
    if (stale > 0) {
      b.append("STALE: ").append(m.date()).append(" is ").append(stale).append(" days after the rule data's as-of date ")
          .append(ec.book().asOf()).append("; later rules are not included.\n");
    }
    b.append("Export outcomes on ").append(m.date()).append(" (rows: chips; columns: destinations)\n\n");
    int w0 = Math.max(4, m.chips().stream().mapToInt(c -> c.id().length()).max().orElse(4));
    int w = 13;
    StringBuilder header = new StringBuilder(pad("chip", w0));
    m.destinations().forEach(d -> header.append("  ").append(pad(d, w)));
    b.append(header.toString().stripTrailing()).append('\n');
    for (int i = 0; i < m.chips().size(); i++) {
      StringBuilder row = new StringBuilder(pad(m.chips().get(i).id(), w0));
      for (Determination d : m.cells().get(i)) {
        row.append("  ").append(pad(ExportJson.cell(d), w));
      }
      b.append(row.toString().stripTrailing()).append('\n');
    }
    b.append("\nLegend:\n");
    b.append("  -            not controlled (not 3A090 and no chip-specific, vendor-letter or party rule)\n");
    b.append("  NLR          no license required (classified, but no rule covers the destination)\n");
    b.append("  ACA / NAC    license exception ACA (no notification) / NAC (prior notification to BIS)\n");
    b.append("  LIC:approval license required, presumption of approval;  LIC:case  case-by-case review\n");
    b.append("  LIC:unpub    license required, review policy not published;  LIC:denial  presumption of denial\n");
    b.append("  EL:denial    license required (Entity List), presumption of denial (EL:case: case-by-case)\n");
    b.append("  ?            uncertain: a deciding fact is unknown; the most restrictive outcome is shown\n");
    b.append("  !            import-side or third-country finding (see 'chipmix export check')\n");
    b.append("\nRule data as of ").append(ec.book().asOf()).append(". ").append(Determination.NOT_LEGAL_ADVICE).append('\n');
    return b.toString();
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }

}
