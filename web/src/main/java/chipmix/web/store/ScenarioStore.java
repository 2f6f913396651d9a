package chipmix.web.store;

import java.util.List;
import java.util.Optional;

/**
 * Saved scenarios and their runs. Every write is one transaction: after a write returns it is
 * durable, and a crash during a write leaves the store as it was before. Implementations:
 * {@link JdbcScenarioStore} (SQLite by default; the SQL is kept portable for PostgreSQL).
 */
public interface ScenarioStore extends AutoCloseable {

  /** All scenarios, most recently updated first. */
  default List<StoredScenario> list() {
    return list(Integer.MAX_VALUE, 0);
  }

  /** A page of the scenarios, most recently updated first: at most {@code limit}, skipping {@code offset}. */
  List<StoredScenario> list(int limit, int offset);

  /** How many scenarios there are. */
  int count();

  Optional<StoredScenario> find(String id);

  StoredScenario create(String name, String yaml);

  /**
   * Replaces name and YAML if the stored version is still {@code expectedVersion}.
   *
   * @throws StoreException.NotFound when there is no such scenario
   * @throws StoreException.StaleVersion when someone saved in between
   */
  StoredScenario update(String id, int expectedVersion, String name, String yaml);

  /** Deletes the scenario and its runs; false when there was none. */
  boolean delete(String id);

  /** Records a run as started, at the scenario's current version. */
  ScenarioRun startRun(String scenarioId, int scenarioVersion);

  /** Records the outcome of a started run. */
  ScenarioRun finishRun(String runId, RunStatus status, String resultJson);

  /** The runs of a scenario, newest first. */
  default List<ScenarioRun> runs(String scenarioId) {
    return runs(scenarioId, Integer.MAX_VALUE, 0);
  }

  /** A page of the runs of a scenario, newest first: at most {@code limit}, skipping {@code offset}. */
  List<ScenarioRun> runs(String scenarioId, int limit, int offset);

  /** How many runs a scenario has. */
  int countRuns(String scenarioId);

  Optional<ScenarioRun> findRun(String runId);

  /**
   * Says that this process is still working on its running runs (their heartbeat is now), and
   * marks as interrupted the running runs of other processes whose heartbeat is older than the
   * stale limit (their server stopped). Called regularly by the server.
   */
  void heartbeat();

  @Override
  void close();
}
