package chipmix.exportcontrol;

import chipmix.io.Node;
import java.util.Objects;

/**
 * A cost a condition puts on a transaction: a tariff on the chip's value, or a share of the
 * revenue remitted to the US government, as a percentage of {@code basis}.
 */
public record Cost(Kind kind, double percent, String basis) {
  /** The two kinds of cost the rules know. */
  public enum Kind {
    /** An import duty (the Jan 2026 Section 232 tariff on chips routed through the US). */
    TARIFF,
    /** A share of sales remitted to the US government (the Aug 2025 H20/MI308 arrangement). */
    REVENUE_SHARE;

    public String key() {
      return Node.enumText(this);
    }
  }

  public Cost {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(basis, "basis");
    if (!Double.isFinite(percent) || percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("cost percent must be in (0, 100], got " + percent);
    }
  }

  /** The share of the basis as a fraction (0.25 for 25%). */
  public double fraction() {
    return percent / 100.0;
  }
}
