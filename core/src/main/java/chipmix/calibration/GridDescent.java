package chipmix.calibration;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Deterministic coordinate descent over per-coordinate grids: for each coordinate in order, try
 * every grid value and keep it when the loss falls strictly; repeat for a number of passes or
 * until a pass changes nothing. Ties keep the earlier value, so the result depends only on the
 * start point, the grids, their order and the loss. A point with an infinite loss (one the loss refuses, such as
 * constants under which a case cannot be estimated) is never kept: from a finite point no step to it is a fall, and
 * from an infinite start the first finite point is.
 */
public final class GridDescent {
  private GridDescent() {}

  /**
   * @param x the point reached
   * @param loss the loss there
   * @param evaluations distinct points evaluated
   * @param passes passes run (a pass that changes nothing ends the descent)
   */
  public record Result(double[] x, double loss, int evaluations, int passes) {
    public Result {
      x = x.clone();
    }

    @Override
    public double[] x() {
      return x.clone();
    }
  }

  public static Result minimise(double[] start, List<List<Double>> grids, boolean[] frozen, ToDoubleFunction<double[]> loss,
      int maxPasses) {
    if (grids.size() != start.length || frozen.length != start.length) {
      throw new IllegalArgumentException("start, grids and frozen must have one entry per coordinate");
    }
    Map<List<Double>, Double> seen = new HashMap<>();
    ToDoubleFunction<double[]> cached = p -> seen.computeIfAbsent(Arrays.stream(p).boxed().toList(), k -> loss.applyAsDouble(p.clone()));
    double[] x = start.clone();
    double best = cached.applyAsDouble(x);
    int passes = 0;
    for (int pass = 0; pass < maxPasses; pass++) {
      passes++;
      boolean moved = false;
      for (int i = 0; i < x.length; i++) {
        if (frozen[i]) {
          continue;
        }
        for (double v : grids.get(i)) {
          double old = x[i];
          x[i] = v;
          double l = cached.applyAsDouble(x);
          if (l < best) {
            best = l;
            moved |= v != old;
          } else {
            x[i] = old;
          }
        }
      }
      if (!moved) {
        break;
      }
    }
    return new Result(x, best, seen.size(), passes);
  }
}
