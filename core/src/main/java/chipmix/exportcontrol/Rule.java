package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule as data: id, dates, citation, where it applies, to which chips, and its effect.
 * {@code complianceFrom}: before this date the rule is in force but not binding (reported as pending).
 * {@code letter}: present when the rule is a letter to one vendor. {@code origin}: where the rule
 * was loaded from ({@code bundled}, or a user rule file's path).
 */
public record Rule(String id, String title, LocalDate effectiveFrom, Optional<LocalDate> effectiveTo,
    Optional<LocalDate> complianceFrom, String document, List<String> sources, Scope scope, ItemSelector items,
    Effect effect, String text, Optional<Letter> letter, String origin) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(effectiveTo, "effectiveTo");
    Objects.requireNonNull(complianceFrom, "complianceFrom");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(letter, "letter");
    Objects.requireNonNull(origin, "origin");
    sources = List.copyOf(sources);
    if (effectiveTo.isPresent() && effectiveTo.get().isBefore(effectiveFrom)) {
      throw new IllegalArgumentException("rule " + id + " ends (" + effectiveTo.get() + ") before it starts (" + effectiveFrom + ")");
    }
  }

  public boolean inForce(LocalDate date) {
    return !date.isBefore(effectiveFrom) && effectiveTo.map(to -> !date.isAfter(to)).orElse(true);
  }

  public String citation() {
    return Citations.of(document, sources);
  }
}
