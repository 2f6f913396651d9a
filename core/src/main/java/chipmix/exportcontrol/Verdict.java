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

  /** {@code license required (presumption of denial)}. */
  public String text() {
    return reviewPolicy == ReviewPolicy.NONE ? outcome.text() : outcome.text() + " (" + reviewPolicy.text() + ")";
  }

  /** A short label for tables: {@code LIC:denial}, {@code NAC}, {@code -}. */
  public String shortLabel() {
    return reviewPolicy == ReviewPolicy.NONE ? outcome.shortLabel() : outcome.shortLabel() + ":" + reviewPolicy.shortLabel();
  }
}
