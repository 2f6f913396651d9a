package chipmix.exportcontrol;

import java.util.Objects;

/** One step of the justification: the rule (or paragraph) id, one plain sentence, the citation. */
public record Reason(String rule, String text, String citation) {
  public Reason {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(citation, "citation");
    if (text.isBlank()) {
      throw new IllegalArgumentException("reason for rule " + rule + " needs a sentence");
    }
  }
}
