package chipmix.web;

import chipmix.cancel.CancelledException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded pool running long routes: a fixed number of threads, a bounded queue (a full
 * queue is a 503 {@code busy} answer, not an ever-growing backlog) and a time limit per task.
 * The future returned for a task cancels the task when it is cancelled itself (the client went
 * away) or when the time limit passes (504 {@code timeout}): a queued task is dropped before it
 * starts, a running one is interrupted, and the model, which checks the interrupt between units
 * of work ({@link chipmix.cancel.Cancellation}), stops within milliseconds.
 */
final class Workers implements AutoCloseable {
  /** The work of one request. */
  @FunctionalInterface
  interface Task<T> {
    T run() throws Exception;
  }

  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService timer;
  private final Duration limit;
  private final AtomicLong stopped = new AtomicLong();

  Workers(int threads, int queued, Duration limit) {
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, queued)),
        daemonThreads("chipmix-worker-"));
    this.pool.setRejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy());
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemonThreads("chipmix-timer-"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.limit = limit;
  }

  /**
   * Queues {@code task}; the future completes with its result or failure, or with a timeout
   * {@link Refusal} after the limit. Cancelling the future cancels the task.
   *
   * @throws Refusal (503) when the queue is full
   */
  <T> CompletableFuture<T> submit(Task<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    FutureTask<Void> work = new FutureTask<>(() -> {
      try {
        result.complete(task.run());
      } catch (CancelledException e) {
        stopped.incrementAndGet();
        result.completeExceptionally(e);
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
      return null;
    });
    try {
      pool.execute(work);
    } catch (RejectedExecutionException e) {
      throw Refusal.busy("the server is busy: " + pool.getQueue().size() + " long requests are waiting for "
          + pool.getMaximumPoolSize() + " workers (Limits.QUEUED_PER_WORKER); try again shortly");
    }
    var deadline = timer.schedule(() -> result.completeExceptionally(Refusal.timeout("the request took longer than the limit of "
        + limit.toSeconds() + " s (Limits.REQUEST_TIME_LIMIT) and was cancelled")), limit.toMillis(), TimeUnit.MILLISECONDS);
    result.whenComplete((r, t) -> {
      deadline.cancel(false);
      if (t != null) {
        work.cancel(true); // timed out or cancelled: drop it from the queue, or interrupt it
        pool.remove(work);
      }
    });
    return result;
  }

  /**
   * Tasks that stopped at a {@link chipmix.cancel.Cancellation#check()} after being cancelled while
   * running (a scenario run catches its cancellation to record the run failed, so it is not counted).
   */
  long cancelledWhileRunning() {
    return stopped.get();
  }

  /** Tasks being worked on now. */
  int running() {
    return pool.getActiveCount();
  }

  /** Tasks waiting for a worker, for tests and the load figures. */
  int queued() {
    return pool.getQueue().size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    timer.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
