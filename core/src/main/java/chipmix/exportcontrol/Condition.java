package chipmix.exportcontrol;

import java.util.List;
import java.util.Objects;

/** Something the exporter must do or accept for the outcome to hold (a notification, a certification, a revenue share). */
public record Condition(String text, List<String> sources) {
  public Condition {
    Objects.requireNonNull(text, "text");
    sources = List.copyOf(sources);
  }

  public String citation() {
    return "[" + String.join(", ", sources) + "]";
  }
}
