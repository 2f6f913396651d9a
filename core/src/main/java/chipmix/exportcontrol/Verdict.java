package chipmix.exportcontrol;

import java.util.Comparator;
import java.util.Objects;

/** An outcome with its review policy; ordered from least to most restrictive. */
public record Verdict(Outcome outcome, ReviewPolicy reviewPolicy) implements Comparable<Verdict> {
  private static final Comparator<Verdict> ORDER =
      Comparator.comparing(Verdict::outcome).thenComparing(Verdict::reviewPolicy);

  public Verdict {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reviewPolicy, "reviewPolicy");
  }

  public static Verdict of(Outcome outcome) {
    return new Verdict(outcome, ReviewPolicy.NONE);
  }

  @Override
  public int compareTo(Verdict o) {
    return ORDER.compare(this, o);
  }

  public Verdict max(Verdict o) {
    return compareTo(o) >= 0 ? this : o;
  }

  /** {@code license required (presumption of denial)}; {@code license required (Entity List), presumption of denial}. */
  public String text() {
    if (reviewPolicy == ReviewPolicy.NONE) {
      return outcome.text();
    }
    // "license required (Entity List), presumption of denial": the list is the reason, the policy its review.
    return outcome == Outcome.ENTITY_LIST ? outcome.text() + ", " + reviewPolicy.text()
        : outcome.text() + " (" + reviewPolicy.text() + ")";
  }

  /** A short label for tables: {@code LIC:denial}, {@code NAC}, {@code -}. */
  public String shortLabel() {
    return reviewPolicy == ReviewPolicy.NONE ? outcome.shortLabel() : outcome.shortLabel() + ":" + reviewPolicy.shortLabel();
  }
}
