package chipmix.exportcontrol;

import java.util.Objects;

/**
 * One test a rule applies to a chip. The set of kinds is closed: adding a rule with these
 * kinds is a data change; a new kind of test is a code change here and in {@link ChipFacts}.
 */
public sealed interface Criterion permits Criterion.Threshold, Criterion.Datacenter {

  /** Human text of the test ({@code TPP >= 4800}). */
  String describe();

  /** The opposite test ({@code TPP < 4800}): what must be true for this one to fail. */
  Criterion negated();

  /** {@code fact >= value} (atLeast) or {@code fact < value}: the EAR's "X or more" / "less than Y". */
  record Threshold(Fact fact, boolean atLeast, double value) implements Criterion {
    public Threshold {
      Objects.requireNonNull(fact, "fact");
      if (!Double.isFinite(value) || value < 0) {
        throw new IllegalArgumentException("threshold for " + fact + " must be a finite non-negative number, got " + value);
      }
    }

    @Override
    public Criterion negated() {
      return new Threshold(fact, !atLeast, value);
    }

    @Override
    public String describe() {
      return fact.label() + (atLeast ? " >= " : " < ") + Numbers.fmt(value) + (fact.unit().isEmpty() ? "" : " " + fact.unit());
    }
  }

  /** Designed or marketed for datacenters (true) or not (false). */
  record Datacenter(boolean required) implements Criterion {
    @Override
    public Criterion negated() {
      return new Datacenter(!required);
    }

    @Override
    public String describe() {
      return required ? "designed or marketed for datacenters" : "not designed or marketed for datacenters";
    }
  }
}
