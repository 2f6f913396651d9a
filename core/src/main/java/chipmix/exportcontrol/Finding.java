package chipmix.exportcontrol;

import java.util.Objects;

/** A finding that is not a US license requirement: import-side, third-country, guidance, pending, note. */
public record Finding(FindingKind kind, String rule, String text, String citation) {
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(citation, "citation");
  }
}
