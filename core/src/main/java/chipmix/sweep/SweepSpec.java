package chipmix.sweep;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sweep as its file declares it: the base scenario (a path relative to the sweep file) and
 * optionally one of its variants, the axes in file order, the Monte Carlo sample count and seed,
 * and the outcome groups the result rows keep.
 *
 * @param samples samples per grid point as requested (1 when not given); recorded, and applied
 *     only once the planner samples (see docs/sweeps.md)
 */
public record SweepSpec(String name, String scenario, Optional<String> variant, List<Axis> axes, int samples,
    Optional<Long> seed, List<Outcome.Group> keep) {
  public SweepSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(variant, "variant");
    axes = List.copyOf(axes);
    Objects.requireNonNull(seed, "seed");
    keep = List.copyOf(keep);
    if (axes.isEmpty()) {
      throw new IllegalArgumentException("a sweep has at least one axis");
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + samples);
    }
  }

  /** The number of grid points: the product of the axis sizes. */
  public long points() {
    long n = 1;
    for (Axis a : axes) {
      n = Math.multiplyExact(n, a.size());
    }
    return n;
  }
}
