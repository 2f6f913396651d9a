package chipmix.web.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ScenarioStore} over JDBC. Each operation opens a connection, runs in one transaction
 * and commits before returning; on any failure it rolls back, so nothing half-written is ever
 * visible. The SQL is standard (no SQLite-only syntax), so a PostgreSQL connection factory
 * could be passed instead. Opening the store applies pending {@link Migrations} and marks runs
 * left "running" by a stopped server as interrupted: only those whose owner's heartbeat is older
 * than {@link #STALE_AFTER}, so a second server on the same database never interrupts the runs
 * of a live one. Several processes may share the file: a transaction that finds it locked is
 * retried ({@link #BUSY_RETRIES}) before failing with {@link StoreException.Busy}.
 */
public final class JdbcScenarioStore implements ScenarioStore {
  private static final String SCENARIO_COLUMNS = "id, name, yaml, created_at, updated_at, version";
  private static final String RUN_COLUMNS =
      "id, scenario_id, scenario_version, started_at, finished_at, status, result_json";

  /** How often a server refreshes the heartbeat of its running runs ({@link #heartbeat()}). */
  public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);

  /** A running run whose heartbeat is older than this belongs to a stopped server. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(60);

  /** Attempts of a transaction that finds the database locked (after SQLite's own busy wait). */
  static final int BUSY_RETRIES = 5;

  private final ConnectionFactory connections;
  private final Clock clock;
  private final String owner;

  private JdbcScenarioStore(ConnectionFactory connections, Clock clock, String owner) {
    this.connections = connections;
    this.clock = clock;
    this.owner = owner;
  }

  /** Opens the store, applying pending migrations; this store's runs carry a fresh owner id (process id and a UUID). */
  public static JdbcScenarioStore open(ConnectionFactory connections, Clock clock) {
    String owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    JdbcScenarioStore store = new JdbcScenarioStore(connections, clock, owner);
    store.inTransaction(c -> {
      Migrations.apply(c);
      return null;
    });
    store.interruptStale();
    return store;
  }

  @Override
  public void heartbeat() {
    inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE runs SET heartbeat_at = ? WHERE owner = ? AND status = ?")) {
        p.setString(1, now().toString());
        p.setString(2, owner);
        p.setString(3, RunStatus.RUNNING.text());
        p.executeUpdate();
      }
      return null;
    });
    interruptStale();
  }

  /** Marks running runs whose heartbeat is older than {@link #STALE_AFTER} (or missing: older servers) as interrupted. */
  private void interruptStale() {
    Instant now = now();
    String staleBefore = now.minus(STALE_AFTER).toString();
    inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE runs SET status = ?, finished_at = ? WHERE status = ? AND (heartbeat_at IS NULL OR heartbeat_at < ?)")) {
        p.setString(1, RunStatus.INTERRUPTED.text());
        p.setString(2, now.toString());
        p.setString(3, RunStatus.RUNNING.text());
        p.setString(4, staleBefore);
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<StoredScenario> list(int limit, int offset) {
    return inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT " + SCENARIO_COLUMNS + " FROM scenarios ORDER BY updated_at DESC, name, id LIMIT ? OFFSET ?")) {
        p.setInt(1, limit);
        p.setInt(2, offset);
        try (ResultSet r = p.executeQuery()) {
          List<StoredScenario> out = new ArrayList<>();
          while (r.next()) {
            out.add(scenario(r));
          }
          return out;
        }
      }
    });
  }

  @Override
  public int count() {
    return inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM scenarios"); ResultSet r = p.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    });
  }

  @Override
  public int countRuns(String scenarioId) {
    return inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM runs WHERE scenario_id = ?")) {
        p.setString(1, scenarioId);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return r.getInt(1);
        }
      }
    });
  }

  @Override
  public Optional<StoredScenario> find(String id) {
    return inTransaction(c -> findScenario(c, id));
  }

  @Override
  public StoredScenario create(String name, String yaml) {
    Instant now = now();
    StoredScenario s = new StoredScenario(UUID.randomUUID().toString(), name, yaml, now, now, 1);
    return inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO scenarios (" + SCENARIO_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, s.id());
        p.setString(2, s.name());
        p.setString(3, s.yaml());
        p.setString(4, s.createdAt().toString());
        p.setString(5, s.updatedAt().toString());
        p.setInt(6, s.version());
        p.executeUpdate();
      }
      return s;
    });
  }

  @Override
  public StoredScenario update(String id, int expectedVersion, String name, String yaml) {
    Instant now = now();
    return inTransaction(c -> {
      int changed;
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE scenarios SET name = ?, yaml = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")) {
        p.setString(1, name);
        p.setString(2, yaml);
        p.setString(3, now.toString());
        p.setString(4, id);
        p.setInt(5, expectedVersion);
        changed = p.executeUpdate();
      }
      Optional<StoredScenario> after = findScenario(c, id);
      if (after.isEmpty()) {
        throw new StoreException.NotFound("scenario", id);
      }
      if (changed == 0) {
        throw new StoreException.StaleVersion(id, expectedVersion, after.get().version());
      }
      return after.get();
    });
  }

  @Override
  public boolean delete(String id) {
    return inTransaction(c -> {
      try (PreparedStatement runs = c.prepareStatement("DELETE FROM runs WHERE scenario_id = ?");
          PreparedStatement p = c.prepareStatement("DELETE FROM scenarios WHERE id = ?")) {
        runs.setString(1, id);
        runs.executeUpdate();
        p.setString(1, id);
        return p.executeUpdate() > 0;
      }
    });
  }

  @Override
  public ScenarioRun startRun(String scenarioId, int scenarioVersion) {
    ScenarioRun run = new ScenarioRun(UUID.randomUUID().toString(), scenarioId, scenarioVersion, now(),
        Optional.empty(), RunStatus.RUNNING, Optional.empty());
    return inTransaction(c -> {
      if (findScenario(c, scenarioId).isEmpty()) {
        throw new StoreException.NotFound("scenario", scenarioId);
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO runs (" + RUN_COLUMNS + ", owner, heartbeat_at) VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?)")) {
        p.setString(1, run.id());
        p.setString(2, run.scenarioId());
        p.setInt(3, run.scenarioVersion());
        p.setString(4, run.startedAt().toString());
        p.setString(5, run.status().text());
        p.setString(6, owner);
        p.setString(7, run.startedAt().toString());
        p.executeUpdate();
      }
      return run;
    });
  }

  @Override
  public ScenarioRun finishRun(String runId, RunStatus status, String resultJson) {
    if (status == RunStatus.RUNNING) {
      throw new IllegalArgumentException("a finished run needs a final status, got " + status + " (run " + runId + ")");
    }
    Instant now = now();
    return inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE runs SET status = ?, finished_at = ?, result_json = ? WHERE id = ?")) {
        p.setString(1, status.text());
        p.setString(2, now.toString());
        p.setString(3, resultJson);
        p.setString(4, runId);
        if (p.executeUpdate() == 0) {
          throw new StoreException.NotFound("run", runId);
        }
      }
      return findRun(c, runId).orElseThrow();
    });
  }

  @Override
  public List<ScenarioRun> runs(String scenarioId, int limit, int offset) {
    return inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT " + RUN_COLUMNS + " FROM runs WHERE scenario_id = ? ORDER BY started_at DESC, id LIMIT ? OFFSET ?")) {
        p.setString(1, scenarioId);
        p.setInt(2, limit);
        p.setInt(3, offset);
        try (ResultSet r = p.executeQuery()) {
          List<ScenarioRun> out = new ArrayList<>();
          while (r.next()) {
            out.add(run(r));
          }
          return out;
        }
      }
    });
  }

  @Override
  public Optional<ScenarioRun> findRun(String runId) {
    return inTransaction(c -> findRun(c, runId));
  }

  @Override
  public void close() {
    // Connections are per operation; nothing is held open between calls.
  }

  private Instant now() {
    return clock.instant();
  }

  private static Optional<StoredScenario> findScenario(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + SCENARIO_COLUMNS + " FROM scenarios WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(scenario(r)) : Optional.empty();
      }
    }
  }

  private static Optional<ScenarioRun> findRun(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(run(r)) : Optional.empty();
      }
    }
  }

  private static StoredScenario scenario(ResultSet r) throws SQLException {
    return new StoredScenario(r.getString("id"), r.getString("name"), r.getString("yaml"),
        Instant.parse(r.getString("created_at")), Instant.parse(r.getString("updated_at")), r.getInt("version"));
  }

  private static ScenarioRun run(ResultSet r) throws SQLException {
    String finished = r.getString("finished_at");
    return new ScenarioRun(r.getString("id"), r.getString("scenario_id"), r.getInt("scenario_version"),
        Instant.parse(r.getString("started_at")), Optional.ofNullable(finished).map(Instant::parse),
        RunStatus.ofText(r.getString("status")), Optional.ofNullable(r.getString("result_json")));
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: commit on return, roll back on any exception. A
   * transaction that finds the database locked by another process (after SQLite's busy wait) is
   * retried, with a growing pause, up to {@link #BUSY_RETRIES} times; then it fails with
   * {@link StoreException.Busy}.
   */
  private <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (SQLException e) {
        if (!isBusy(e)) {
          throw new StoreException.Failure("database error: " + e.getMessage(), e);
        }
        if (attempt >= BUSY_RETRIES) {
          throw new StoreException.Busy("the database is locked by another process (tried " + attempt
              + " times); try again shortly", e);
        }
        pause(attempt);
      }
    }
  }

  private <T> T once(Work<T> work) throws SQLException {
    try (Connection c = connections.open()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  /** SQLITE_BUSY (5) or SQLITE_LOCKED (6), with any extended code. */
  static boolean isBusy(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        int primary = s.getErrorCode() & 0xff;
        if (primary == 5 || primary == 6 || String.valueOf(s.getMessage()).contains("SQLITE_BUSY")) {
          return true;
        }
      }
    }
    return false;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(50L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException.Busy("interrupted while waiting for the database", e);
    }
  }
}
