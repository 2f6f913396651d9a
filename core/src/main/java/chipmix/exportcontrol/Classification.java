package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The 3A090 classification of a chip on a date. With every needed fact known there is one
 * candidate; with an unknown or ranged fact there are several, each with the conditions that
 * would make it the answer, listed most restrictive first (the paragraphs' order in the data).
 */
public record Classification(LocalDate date, Optional<Regime> regime, ChipFacts facts, List<Candidate> candidates,
    List<String> decidingFacts, List<Reason> reasons) {

  /** A possible classification: a paragraph, or none (not controlled), and when it applies. */
  public record Candidate(Optional<Paragraph> paragraph, List<String> conditions) {
    public Candidate {
      Objects.requireNonNull(paragraph, "paragraph");
      conditions = List.copyOf(conditions);
    }

    public Optional<String> licenseClass() {
      return paragraph.map(Paragraph::licenseClass);
    }

    public String label() {
      return paragraph.map(Paragraph::label).orElse("not 3A090");
    }
  }

  public Classification {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(regime, "regime");
    Objects.requireNonNull(facts, "facts");
    candidates = List.copyOf(candidates);
    decidingFacts = List.copyOf(decidingFacts);
    reasons = List.copyOf(reasons);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a classification needs at least one candidate");
    }
  }

  public boolean certain() {
    return candidates.size() == 1;
  }

  /** The paragraph (or "not controlled") if certain; otherwise the most restrictive candidate. */
  public Candidate mostRestrictive() {
    return candidates.get(0);
  }

  /** {@code 3A090.a.1}, {@code not controlled}, or {@code 3A090.a.2 (most restrictive of: 3A090.a.2, 3A090.b.1, not controlled)}. */
  public String label() {
    if (certain()) {
      return candidates.get(0).label();
    }
    return candidates.get(0).label() + " (most restrictive of: "
        + String.join(", ", candidates.stream().map(Candidate::label).toList()) + ")";
  }
}
