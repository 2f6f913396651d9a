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
  List<StoredScenario> list();

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
  List<ScenarioRun> runs(String scenarioId);

  Optional<ScenarioRun> findRun(String runId);

  @Override
  void close();
}
