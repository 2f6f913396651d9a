package chipmix.sweep;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The plans of the points a sweep is sampling now, so that a point's samples share one plan
 * instead of planning it once per sample (a plan costs tens of milliseconds, a Monte Carlo draw
 * microseconds). Bounded: the points planned longest ago are dropped beyond {@link #CAPACITY}
 * (tasks go point by point, so a dropped point is rarely asked again, and if it is it is planned
 * again, giving the same plan). A point being planned makes later askers for it wait.
 *
 * @param <T> what a point plans to (the plan, or the problem of a point that cannot be planned)
 */
final class PointPlans<T> {
  /** Points kept: a few per thread of the largest machine this runs on. */
  static final int CAPACITY = 256;

  private final Map<Integer, FutureTask<T>> byPoint = new ConcurrentHashMap<>();
  private final Queue<Integer> order = new ConcurrentLinkedQueue<>();

  /** The value of point {@code point}, computed by {@code compute} on the first ask. */
  T get(int point, Supplier<T> compute) {
    FutureTask<T> mine = new FutureTask<>(compute::get);
    FutureTask<T> known = byPoint.putIfAbsent(point, mine);
    if (known == null) {
      order.add(point);
      mine.run();
      while (byPoint.size() > CAPACITY) {
        Integer oldest = order.poll();
        if (oldest == null) {
          break;
        }
        byPoint.remove(oldest);
      }
      known = mine;
    }
    try {
      return known.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for point " + point + " to be planned", e);
    } catch (ExecutionException e) {
      // the failure belongs to this point's plan: drop it so that a retry plans again, and rethrow as it was
      byPoint.remove(point, known);
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
