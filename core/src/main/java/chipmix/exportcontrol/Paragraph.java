package chipmix.exportcontrol;

import java.util.List;
import java.util.Objects;

/**
 * One classification paragraph of a 3A090 regime ({@code 3A090.a.2}). All its criteria must
 * hold. {@code licenseClass} ({@code regular}, {@code nac-eligible}) is what license rules select.
 */
public record Paragraph(String id, String label, String licenseClass, List<Criterion> criteria, String text,
    List<String> sources) {
  public Paragraph {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(licenseClass, "licenseClass");
    Objects.requireNonNull(text, "text");
    criteria = List.copyOf(criteria);
    sources = List.copyOf(sources);
    if (criteria.isEmpty()) {
      throw new IllegalArgumentException("paragraph " + id + " needs at least one criterion");
    }
  }
}
