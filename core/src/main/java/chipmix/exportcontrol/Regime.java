package chipmix.exportcontrol;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A version of the ECCN 3A090 text in force from {@code effectiveFrom} to {@code effectiveTo} (inclusive). */
public record Regime(String id, String title, LocalDate effectiveFrom, Optional<LocalDate> effectiveTo,
    String document, List<String> sources, List<Paragraph> paragraphs) {
  public Regime {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(effectiveTo, "effectiveTo");
    Objects.requireNonNull(document, "document");
    sources = List.copyOf(sources);
    paragraphs = List.copyOf(paragraphs);
  }

  public boolean inForce(LocalDate date) {
    return !date.isBefore(effectiveFrom) && effectiveTo.map(to -> !date.isAfter(to)).orElse(true);
  }

  public String citation() {
    return Citations.of(document, sources);
  }
}
