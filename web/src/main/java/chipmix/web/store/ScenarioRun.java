package chipmix.web.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a saved scenario, at the scenario version it ran. {@code resultJson} is the
 * planner's JSON report when it succeeded, or the error body when it did not.
 */
public record ScenarioRun(
    String id,
    String scenarioId,
    int scenarioVersion,
    Instant startedAt,
    Optional<Instant> finishedAt,
    RunStatus status,
    Optional<String> resultJson) {
  public ScenarioRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scenarioId, "scenarioId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(resultJson, "resultJson");
  }
}
