package chipmix.scenario.engines;

import chipmix.catalog.Chip;
import chipmix.exportcontrol.Condition;
import chipmix.exportcontrol.Determination;
import chipmix.exportcontrol.ExportControl;
import chipmix.exportcontrol.FindingKind;
import chipmix.exportcontrol.Outcome;
import chipmix.exportcontrol.Request;
import chipmix.exportcontrol.ReviewPolicy;
import chipmix.scenario.Engines;
import chipmix.scenario.ImportSidePolicy;
import chipmix.scenario.Engines.Reason;
import chipmix.scenario.Engines.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * The planner's compliance check, answered by the export-control engine ({@code
 * chipmix.exportcontrol}). This class only translates: the engine's outcome and review policy
 * become the planner's three-way verdict, and its reasons, conditions and findings become cited
 * sentences. Mapping:
 * <ul>
 *   <li>a licence with a presumption of denial (Entity List or not), or an import-side finding
 *       under {@code import_side: block}: {@link Verdict#BLOCKED};</li>
 *   <li>any other licence requirement (an Entity List case-by-case entry such as SMIC's too), a
 *       notification (NAC), a condition, or an import-side measure of the destination unless
 *       {@code import_side: ignore}: {@link Verdict#AT_RISK};</li>
 *   <li>otherwise (not controlled, no licence, ACA without conditions): {@link Verdict#CLEAR}.</li>
 * </ul>
 * One planning assumption is added, and said in the reasons: a delivery that does not cross a
 * border ({@code ships_from} equals the destination, such as Ascend 910B made and delivered in
 * China) cannot be stopped at a US export; a US licence requirement then makes it at risk, not
 * blocked.
 */
public final class ExportCompliance implements Engines.Compliance {
  private final ExportControl export;
  // shared by the web server's concurrent plan runs, hence concurrent
  private final Map<Request, Determination> cache = new ConcurrentHashMap<>();

  public ExportCompliance(ExportControl export) {
    this.export = export;
  }

  /**
   * The costs the conditions of a delivery's answer put on it (the Jan 2026 25% tariff, the 15%
   * revenue share), for the planner's cost lines; empty when none applies. Same question as
   * {@link #check}.
   */
  public List<chipmix.exportcontrol.Cost> costs(Chip chip, String shipsFrom, String destination, String buyerHeadquarters,
      List<String> parties, LocalDate date) {
    Determination d = cache.computeIfAbsent(new Request(chip, destination, Optional.of(buyerHeadquarters), shipsFrom,
        parties, date), export::determine);
    return d.conditions().stream().map(Condition::cost).flatMap(Optional::stream).toList();
  }

  @Override
  public Engines.Finding check(Chip chip, String shipsFrom, String destination, String buyerHeadquarters,
      List<String> parties, LocalDate date) {
    return check(chip, shipsFrom, destination, buyerHeadquarters, parties, date, ImportSidePolicy.AT_RISK);
  }

  /** @param importSide what an import-side finding of the destination does to the delivery ({@code settings.import_side}) */
  @Override
  public Engines.Finding check(Chip chip, String shipsFrom, String destination, String buyerHeadquarters,
      List<String> parties, LocalDate date, ImportSidePolicy importSide) {
    Request request = new Request(chip, destination, Optional.of(buyerHeadquarters), shipsFrom, parties, date);
    return translate(cache.computeIfAbsent(request, export::determine), shipsFrom.equals(destination), importSide);
  }

  static Engines.Finding translate(Determination d, boolean domestic) {
    return translate(d, domestic, ImportSidePolicy.AT_RISK);
  }

  static Engines.Finding translate(Determination d, boolean domestic, ImportSidePolicy importPolicy) {
    Outcome outcome = d.verdict().outcome();
    ReviewPolicy policy = d.verdict().reviewPolicy();
    // Import-side measures of the destination (not third-country notes, which are shown only).
    boolean importSide = importPolicy != ImportSidePolicy.IGNORE && !d.findings(FindingKind.IMPORT_SIDE).isEmpty();
    Verdict verdict;
    if (outcome == Outcome.ENTITY_LIST && policy == ReviewPolicy.PRESUMPTION_OF_DENIAL
        || (outcome == Outcome.LICENSE_REQUIRED && policy == ReviewPolicy.PRESUMPTION_OF_DENIAL)
        || (importSide && importPolicy == ImportSidePolicy.BLOCK)) {
      verdict = Verdict.BLOCKED;
    } else if (outcome == Outcome.LICENSE_REQUIRED || outcome == Outcome.ENTITY_LIST || outcome == Outcome.LICENSE_EXCEPTION_NAC
        || !d.conditions().isEmpty() || importSide) {
      verdict = Verdict.AT_RISK;
    } else {
      verdict = Verdict.CLEAR;
    }
    List<Reason> reasons = new ArrayList<>();
    for (chipmix.exportcontrol.Reason r : d.reasons()) {
      reasons.add(reason(r.text(), r.citation()));
    }
    if (domestic && verdict == Verdict.BLOCKED) {
      verdict = Verdict.AT_RISK;
      reasons.add(new Reason("Planning assumption: the delivery does not leave " + d.request().destination()
          + ", so no US export stops it; the plan counts it as received but at risk (the US requirement above still"
          + " applies to anyone subject to the EAR who deals in it).", List.of()));
    }
    for (Condition c : d.conditions()) {
      reasons.add(new Reason("Condition: " + c.text() + c.cost().map(k -> " (cost: " + chipmix.exportcontrol.Numbers.fmt(k.percent())
          + "% " + (k.kind() == chipmix.exportcontrol.Cost.Kind.TARIFF ? "tariff" : "revenue share") + " on the " + k.basis() + ")")
          .orElse(""), c.sources()));
    }
    if (importSide && importPolicy == ImportSidePolicy.BLOCK) {
      reasons.add(new Reason("Planning setting import_side: block: an import-side finding of the destination makes the"
          + " delivery count as not arriving.", List.of()));
    }
    List<Reason> imports = new ArrayList<>();
    for (chipmix.exportcontrol.Finding f : d.findings()) {
      if (f.kind() == FindingKind.IMPORT_SIDE) {
        imports.add(reason(f.text(), f.citation()));
        continue;
      }
      Reason r = reason(f.kind().text() + ": " + f.text(), f.citation());
      if (f.kind() == FindingKind.THIRD_COUNTRY) {
        imports.add(r);
      } else if (f.kind() != FindingKind.INFO) {
        reasons.add(r);
      }
    }
    String text = d.verdict().text() + (d.uncertain() ? " (uncertain: the most restrictive reading)" : "");
    List<Engines.ConditionCost> costs = new ArrayList<>();
    for (Condition c : d.conditions()) {
      c.cost().ifPresent(k -> costs.add(new Engines.ConditionCost(k.kind() == chipmix.exportcontrol.Cost.Kind.TARIFF,
          k.fraction(), chipmix.exportcontrol.Numbers.fmt(k.percent()) + "% " + (k.kind() == chipmix.exportcontrol.Cost.Kind.TARIFF
          ? "tariff" : "revenue share") + " on the " + k.basis(), c.sources())));
    }
    return new Engines.Finding(verdict, text, reasons, imports, costs);
  }

  /** The engine's citation {@code 88 FR 73458, FR Doc 2023-23055 [R03, R21]}: the ids in the last brackets. */
  static List<String> citations(String citation) {
    String s = citation.strip();
    int open = s.lastIndexOf('[');
    if (open >= 0 && s.endsWith("]")) {
      s = s.substring(open + 1, s.length() - 1);
    }
    return Arrays.stream(s.split("[,;]")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  /** The document named before the ids ({@code 88 FR 73458, FR Doc 2023-23055}), if any. */
  static String document(String citation) {
    String s = citation.strip();
    int open = s.lastIndexOf('[');
    return open > 0 && s.endsWith("]") ? s.substring(0, open).strip() : "";
  }

  /** A reason sentence with the document it cites appended, and the source ids as citations. */
  static Reason reason(String text, String citation) {
    String doc = document(citation);
    return new Reason(doc.isEmpty() ? text : text + " (" + doc + ")", citations(citation));
  }
}
