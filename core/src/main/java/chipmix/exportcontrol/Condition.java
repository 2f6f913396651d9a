package chipmix.exportcontrol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that must be true, or be accepted, for the outcome to hold (a notification, a
 * certification, a revenue share, a tariff), with the cost it puts on the transaction if any.
 */
public record Condition(String text, List<String> sources, Optional<Cost> cost) {
  public Condition {
    Objects.requireNonNull(text, "text");
    sources = List.copyOf(sources);
    Objects.requireNonNull(cost, "cost");
  }

  public Condition(String text, List<String> sources) {
    this(text, sources, Optional.empty());
  }

  public String citation() {
    return "[" + String.join(", ", sources) + "]";
  }
}
