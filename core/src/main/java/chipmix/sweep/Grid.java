package chipmix.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Cartesian product of a sweep's axes, numbered: point {@code k} is the mixed-radix number
 * whose digits are the value indices, the first axis the most significant digit and the last
 * axis the fastest-changing (as an odometer). With axes of sizes 3 and 2 the points are
 * (0,0) (0,1) (1,0) (1,1) (2,0) (2,1), numbered 0 to 5.
 */
public final class Grid {
  private Grid() {}

  /** One grid point: its number and the index of its value on each axis, in axis order. */
  public record Point(int index, List<Integer> values) {
    public Point {
      values = List.copyOf(values);
      if (index < 0) {
        throw new IllegalArgumentException("a point's index is at least 0, got " + index);
      }
    }

    /** The value labels of this point, in axis order. */
    public List<String> labels(List<Axis> axes) {
      List<String> out = new ArrayList<>(axes.size());
      for (int a = 0; a < axes.size(); a++) {
        out.add(axes.get(a).label(values.get(a)));
      }
      return out;
    }
  }

  /** Every point of the product, in index order; as many as the product of the axis sizes. */
  public static List<Point> expand(List<Axis> axes) {
    Objects.requireNonNull(axes, "axes");
    long total = 1;
    for (Axis a : axes) {
      total = Math.multiplyExact(total, a.size());
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a sweep of " + total + " points is more than this engine numbers");
    }
    List<Point> out = new ArrayList<>((int) total);
    for (int k = 0; k < total; k++) {
      out.add(point(axes, k));
    }
    return out;
  }

  /** Point number {@code k} (mixed radix, the last axis fastest). */
  public static Point point(List<Axis> axes, int k) {
    Integer[] digits = new Integer[axes.size()];
    int rest = k;
    for (int a = axes.size() - 1; a >= 0; a--) {
      int size = axes.get(a).size();
      digits[a] = rest % size;
      rest /= size;
    }
    if (rest != 0) {
      throw new IllegalArgumentException("point " + k + " is beyond the grid");
    }
    return new Point(k, List.of(digits));
  }
}
