package chipmix.web.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A saved scenario: the YAML as the user wrote it (drafts may be invalid; a run validates),
 * with its timestamps and a version that grows by one on every update (optimistic locking).
 */
public record StoredScenario(String id, String name, String yaml, Instant createdAt, Instant updatedAt, int version) {
  public StoredScenario {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (version < 1) {
      throw new IllegalArgumentException("scenario version must be at least 1, got " + version + " (scenario " + id + ")");
    }
  }
}
