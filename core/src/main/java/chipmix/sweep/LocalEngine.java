package chipmix.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a sweep's plans on a fixed-size pool of threads of this machine. Each (point, sample) is
 * independent, so the rows do not depend on the number of threads, only the order they finish in
 * does; rows whose key is in {@code done} are skipped (a resumed sweep). Rows are handed to the
 * sink one at a time, on the calling thread, as they finish.
 */
public final class LocalEngine {
  private final int threads;

  public LocalEngine(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  /** One engine thread per available processor. */
  public static LocalEngine allCores() {
    return new LocalEngine(Runtime.getRuntime().availableProcessors());
  }

  /** Progress after each row: rows done (including those skipped) of the total, and rows skipped. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total, long skipped);
  }

  /** A task: one point and one sample. */
  public record Task(Grid.Point point, int sample) {
    public Task {
      Objects.requireNonNull(point, "point");
    }
  }

  /** Every (point, sample) of the job, points in index order, samples within each point. */
  public static List<Task> tasks(SweepJob job) {
    List<Task> out = new ArrayList<>();
    for (Grid.Point p : Grid.expand(job.spec().axes())) {
      for (int s = 0; s < job.spec().samples(); s++) {
        out.add(new Task(p, s));
      }
    }
    return out;
  }

  /** Runs every task not in {@code done}; returns the number of rows computed. */
  public long run(SweepJob job, List<Task> tasks, Set<String> done, Consumer<Row> sink, Progress progress)
      throws InterruptedException {
    List<Task> todo = tasks.stream().filter(t -> !done.contains(job.key(t.point(), t.sample()))).toList();
    long skipped = tasks.size() - todo.size();
    progress.update(skipped, tasks.size(), skipped);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "chipmix-sweep");
      th.setDaemon(true);
      return th;
    });
    try {
      ExecutorCompletionService<Row> ecs = new ExecutorCompletionService<>(pool);
      for (Task t : todo) {
        ecs.submit(() -> job.run(t.point(), t.sample()));
      }
      for (int i = 0; i < todo.size(); i++) {
        Future<Row> f = ecs.take();
        try {
          sink.accept(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
        progress.update(skipped + i + 1, tasks.size(), skipped);
      }
      return todo.size();
    } finally {
      pool.shutdownNow();
    }
  }
}
