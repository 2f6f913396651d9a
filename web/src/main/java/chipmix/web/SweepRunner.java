package chipmix.web;

import chipmix.sweep.LocalEngine;
import chipmix.sweep.Row;
import chipmix.sweep.Summary;
import chipmix.sweep.SweepJob;
import chipmix.sweep.SweepReport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps started from the web UI, run as background jobs on the local engine: one at a time (a
 * second start while one runs is refused with 503), on {@link Limits#SWEEP_THREADS} threads, for at
 * most {@link Limits#SWEEP_TIME_LIMIT} (then cancelled), the last {@link Limits#SWEEPS_KEPT} kept
 * in memory with their summaries (not in the database: a restart forgets them).
 */
final class SweepRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

  /** A sweep's state: running, then succeeded, failed or cancelled. */
  enum Status {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One sweep job: progress while it runs, the summary (JSON tree) and HTML page when it is done. */
  static final class Job {
    final String id;
    final String name;
    final long total;
    final long startedNanos = System.nanoTime();
    final AtomicLong done = new AtomicLong();
    volatile Status status = Status.RUNNING;
    volatile Optional<String> error = Optional.empty();
    volatile Optional<com.fasterxml.jackson.databind.JsonNode> summary = Optional.empty();
    volatile Optional<String> html = Optional.empty();
    volatile long finishedNanos;
    volatile Future<?> future;

    Job(String id, String name, long total) {
      this.id = id;
      this.name = name;
      this.total = total;
    }

    /** Plans per second so far (0 before the first). */
    double rate() {
      long end = status == Status.RUNNING ? System.nanoTime() : finishedNanos;
      double s = (end - startedNanos) / 1e9;
      return s > 0 ? done.get() / s : 0;
    }

    /** Seconds left at the rate so far; empty while unknown or when not running. */
    Optional<Double> secondsLeft() {
      double r = rate();
      return status == Status.RUNNING && r > 0 ? Optional.of((total - done.get()) / r) : Optional.empty();
    }
  }

  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "chipmix-sweep-runner");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chipmix-sweep-timer");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>());
  private final SecureRandom random = new SecureRandom();

  /**
   * Starts {@code job}'s sweep in the background.
   *
   * @throws Refusal 503 while another sweep runs
   */
  Job start(SweepJob job, SweepReport.Context context) {
    List<LocalEngine.Task> tasks = LocalEngine.tasks(job);
    Job j;
    synchronized (jobs) {
      if (jobs.values().stream().anyMatch(x -> x.status == Status.RUNNING)) {
        throw Refusal.busy("a sweep is running; one runs at a time (wait for it, or cancel it with DELETE /api/sweeps/{id})");
      }
      byte[] b = new byte[8];
      random.nextBytes(b);
      j = new Job(HexFormat.of().formatHex(b), context.sweep(), tasks.size());
      jobs.put(j.id, j);
      while (jobs.size() > Limits.SWEEPS_KEPT) {
        String oldest = jobs.keySet().iterator().next();
        jobs.remove(oldest);
      }
    }
    Job mine = j;
    mine.future = runner.submit(() -> run(mine, job, tasks, context));
    timer.schedule(() -> {
      if (mine.status == Status.RUNNING) {
        mine.error = Optional.of("the sweep took longer than the limit of " + Limits.SWEEP_TIME_LIMIT.toMinutes()
            + " minutes (Limits.SWEEP_TIME_LIMIT) and was cancelled; sweep fewer points or samples");
        mine.future.cancel(true);
      }
    }, Limits.SWEEP_TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    return mine;
  }

  private static void run(Job j, SweepJob job, List<LocalEngine.Task> tasks, SweepReport.Context context) {
    List<Row> rows = new ArrayList<>();
    try {
      new LocalEngine(Limits.SWEEP_THREADS).run(job, tasks, java.util.Set.of(), rows::add, (d, t, s) -> j.done.set(d));
      rows.sort(java.util.Comparator.comparingInt(Row::point).thenComparingInt(Row::sample));
      Summary summary = Summary.of(job.spec().axes(), job.spec().keep(), rows);
      j.summary = Optional.of(SweepReport.tree(context, summary));
      j.html = Optional.of(SweepReport.html(context, summary));
      j.status = Status.SUCCEEDED;
    } catch (InterruptedException e) {
      j.status = Status.CANCELLED;
      if (j.error.isEmpty()) {
        j.error = Optional.of("cancelled");
      }
    } catch (RuntimeException | Error e) {
      LOG.error("sweep {} failed", j.id, e);
      j.error = Optional.of(String.valueOf(e.getMessage()));
      j.status = Status.FAILED;
    } finally {
      j.finishedNanos = System.nanoTime();
    }
  }

  Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** Cancels a running sweep; false when there is no such sweep. */
  boolean cancel(String id) {
    Job j = jobs.get(id);
    if (j == null) {
      return false;
    }
    if (j.status == Status.RUNNING && j.future != null) {
      j.future.cancel(true);
    }
    return true;
  }

  @Override
  public void close() {
    runner.shutdownNow();
    timer.shutdownNow();
  }
}
