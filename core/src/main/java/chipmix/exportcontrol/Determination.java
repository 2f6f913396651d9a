package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link Request}: the outcome and review policy (the most restrictive possible
 * one when a fact is unknown, flagged {@code uncertain}), the conditions attached, the chain of
 * reasons with citations, findings of other kinds (import side, guidance, pending rules), the
 * assumptions made, the rule data's as-of date and the not-legal-advice notice.
 */
public record Determination(Request request, Classification classification, Verdict verdict, boolean uncertain,
    List<Possibility> possibilities, List<Condition> conditions, List<Reason> reasons, List<Finding> findings,
    List<String> caveats, LocalDate asOf, String notice) {

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
  }

  public List<Finding> findings(FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }
}
