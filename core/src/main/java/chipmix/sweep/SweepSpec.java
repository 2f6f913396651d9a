package chipmix.sweep;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sweep as its file declares it: the base scenario (a path relative to the sweep file) and
 * optionally one of its variants, the axes in file order, the Monte Carlo sample count and seed,
 * and the outcome groups the result rows keep.
 *
 * @param samples Monte Carlo samples per grid point (1 when not given)
 * @param seed the samples' seed; without it, and with one sample, nothing is sampled and each
 *     point is its deterministic plan
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

  /** The seed of {@code plan --seed} when the file gives none. */
  public static final long DEFAULT_SEED = 1;

  /**
   * Whether the points are sampled (the planner's Monte Carlo, one row per sample): when the file
   * asks for more than one sample or gives a seed. Otherwise each point is planned once and its
   * row is the deterministic plan's.
   */
  public boolean sampled() {
    return samples > 1 || seed.isPresent();
  }

  /** The seed the samples are drawn from: the file's, or {@link #DEFAULT_SEED}. */
  public long seedOrDefault() {
    return seed.orElse(DEFAULT_SEED);
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
