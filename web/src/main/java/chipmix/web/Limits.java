package chipmix.web;

import java.time.Duration;

/**
 * The bounds on the work one request may cause, documented in docs/web.md ("Limits"). A request
 * over a limit is refused before the work starts, with 413 ({@code payload_too_large}: the body)
 * or 422 ({@code limit_exceeded}: a list or a result), and the message names the limit.
 */
public final class Limits {
  private Limits() {}

  /** Largest request body: 1 MiB (a scenario is a few kilobytes). */
  public static final long MAX_BODY_BYTES = 1L << 20;

  /** Most validation issues listed in one error answer; the rest are counted in {@code omitted}. */
  public static final int MAX_ISSUES = 100;

  /** Longest message of one issue, in characters (an echoed value is cut, not the explanation's start). */
  public static final int MAX_MESSAGE_CHARS = 1_000;

  /** Most distinct chips in an export matrix (the bundled catalog has about 40). */
  public static final int MAX_MATRIX_CHIPS = 100;

  /** Most distinct destinations in an export matrix (the default list has 14). */
  public static final int MAX_MATRIX_DESTINATIONS = 60;

  /** Most cells (chips × destinations) in one export matrix. */
  public static final int MAX_MATRIX_CELLS = 2_500;

  /** Most distinct entries in any other list field ({@code parties}, serving {@code chips}). */
  public static final int MAX_LIST_ITEMS = 50;

  /**
   * Most distinct chips in one training comparison: each chip costs a layout search at the devices
   * asked for and, with {@code finish_by}, a bisection of about twenty more.
   */
  public static final int MAX_COMPARE_CHIPS = 8;

  /** Largest stored result of a scenario run (its JSON report): 8 MiB. */
  public static final int MAX_RESULT_BYTES = 8 << 20;

  /** Longest a long-running request (search, sizing, matrix, scenario run) may take before it is cancelled. */
  public static final Duration REQUEST_TIME_LIMIT = Duration.ofSeconds(60);

  /** Long-running requests that may wait for a worker, per worker thread; beyond that the server answers 503. */
  public static final int QUEUED_PER_WORKER = 16;

  /** Most grid points of a sweep started from the web (each is a plan: tens of milliseconds of CPU). */
  public static final int MAX_SWEEP_POINTS = 1_000;

  /** Most rows (points x samples) of a sweep started from the web (a sample's replay is microseconds; rows are kept in memory). */
  public static final int MAX_SWEEP_ROWS = 100_000;

  /** Longest a web sweep may run before it is cancelled. */
  public static final Duration SWEEP_TIME_LIMIT = Duration.ofMinutes(10);

  /** Threads of a web sweep: half the processors (at least one), so the other routes keep answering. */
  public static final int SWEEP_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  /** Finished sweeps kept in memory with their summaries (the oldest is forgotten first). */
  public static final int SWEEPS_KEPT = 20;

  /** Page size of list routes ({@code GET /api/scenarios}, runs) when {@code limit} is not given. */
  public static final int DEFAULT_PAGE = 100;

  /** Largest page a list route returns. */
  public static final int MAX_PAGE = 1_000;
}
