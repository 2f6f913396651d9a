package chipmix.web.store;

import java.util.Objects;

/**
 * One schema change: a version number, a description and the classpath resource holding its
 * SQL ({@code db/migration/V1__scenarios.sql}). Applied once, in version order.
 */
public record Migration(int version, String description, String resource) {
  public Migration {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(resource, "resource");
    if (version < 1) {
      throw new IllegalArgumentException("migration version must be at least 1, got " + version);
    }
  }

  /** The resource name for a version and description, {@code db/migration/V<n>__<description>.sql}. */
  public static Migration of(int version, String description) {
    return new Migration(version, description, "db/migration/V" + version + "__" + description + ".sql");
  }
}
