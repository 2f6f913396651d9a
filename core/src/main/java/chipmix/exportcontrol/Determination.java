package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link Request}: the outcome and review policy (the most restrictive possible
 * one when a fact is unknown, flagged {@code uncertain}), the conditions attached, the chain of
 * reasons with citations, findings of other kinds (import side, guidance, pending rules), the
 * assumptions made, the rule data's as-of date and the not-legal-advice notice. {@code namedByDriver}:
 * the outcome is uncertain only in its review policy, and the drivers are rules that name the chip
 * and require a license in every possible case (the headline then names them, not the worst case).
 */
public record Determination(Request request, Classification classification, Verdict verdict, boolean uncertain,
    List<Possibility> possibilities, List<Condition> conditions, List<Reason> reasons, List<Finding> findings,
    List<String> caveats, LocalDate asOf, String notice, List<Driver> drivers, boolean namedByDriver) {

  /** A rule that sets the outcome, with its title: what the headline names. */
  public record Driver(String rule, String title) {}

  /** One outcome the facts allow, under which classification and when. */
  public record Possibility(String classification, Verdict verdict, String when) {}

  public static final String NOT_LEGAL_ADVICE = "Not legal advice: chipmix summarises public sources and may be incomplete"
      + " or out of date; confirm with trade-compliance counsel and the current EAR before acting.";

  public Determination {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(notice, "notice");
    possibilities = List.copyOf(possibilities);
    conditions = List.copyOf(conditions);
    reasons = List.copyOf(reasons);
    findings = List.copyOf(findings);
    caveats = List.copyOf(caveats);
    drivers = List.copyOf(drivers);
  }

  /** Whole days the date lies after the rule data's as-of date (0 when it does not). */
  public long staleDays() {
    return Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(asOf, request.date()));
  }

  public boolean stale() {
    return staleDays() > 0;
  }

  /**
   * The first line of an answer: the outcome, the rule that drives it, and a warning when the
   * date is after the rule data's as-of date.
   */
  public String headline() {
    if (namedByDriver) {
      return namedHeadline();
    }
    StringBuilder b = new StringBuilder(verdict.text().toUpperCase(java.util.Locale.ROOT));
    if (!drivers.isEmpty()) {
      b.append(" — ").append(String.join("; ", drivers.stream().map(d -> d.rule() + " (" + d.title() + ")").toList()));
    } else if (!classification.certain() || classification.mostRestrictive().paragraph().isEmpty()) {
      b.append(" — ").append(classification.mostRestrictive().paragraph().isEmpty()
          ? "not 3A090, and no rule chipmix holds applies" : "classification uncertain");
    } else {
      b.append(" — ").append(classification.label()).append(", and no license rule covers this destination");
    }
    if (uncertain) {
      b.append(" [uncertain: most restrictive possible outcome]");
    }
    appendStale(b);
    return b.toString();
  }

  /**
   * {@code LICENSE REQUIRED — R2025-MI308 (...), which names this chip [review policy uncertain:
   * presumption of denial or not published, depending on TPP (unknown)]}.
   */
  private String namedHeadline() {
    StringBuilder b = new StringBuilder(verdict.outcome().text().toUpperCase(java.util.Locale.ROOT));
    b.append(" — ").append(String.join("; ", drivers.stream().map(d -> d.rule() + " (" + d.title() + ")").toList()))
        .append(drivers.size() == 1 ? ", which names this chip" : ", which name this chip");
    List<String> policies = possibilities.stream().map(p -> p.verdict().reviewPolicy())
        .sorted(java.util.Comparator.reverseOrder()).distinct()
        .map(p -> p.text().replaceFirst("^review policy ", "")).toList();
    b.append(" [review policy uncertain: ").append(String.join(" or ", policies));
    if (!classification.decidingFacts().isEmpty()) {
      b.append(", depending on ").append(String.join(", ", classification.decidingFacts()));
    }
    b.append("]");
    appendStale(b);
    return b.toString();
  }

  private void appendStale(StringBuilder b) {
    if (stale()) {
      b.append(" [STALE: ").append(request.date()).append(" is ").append(staleDays())
          .append(" days after the rule data's as-of date ").append(asOf).append("; later rules are not included]");
    }
  }

  public List<Finding> findings(FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }
}
