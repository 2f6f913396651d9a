package chipmix.web.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the schema migrations that a database has not seen yet, each in its own transaction
 * together with its row in {@code schema_version}, so a crash leaves either the whole change or
 * none of it. New migrations are appended to {@link #ALL} with the next version number; a test
 * checks that every {@code db/migration/V*.sql} file is listed.
 */
public final class Migrations {
  /** Every migration, in version order. */
  public static final List<Migration> ALL = List.of(
      Migration.of(1, "scenarios"),
      Migration.of(2, "run_owner"));

  private Migrations() {}

  /** Applies pending migrations; returns the versions applied now (empty when up to date). */
  public static List<Integer> apply(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)");
      }
      c.commit();
      int current = currentVersion(c);
      List<Integer> applied = new ArrayList<>();
      for (Migration m : ALL) {
        if (m.version() <= current) {
          continue;
        }
        try (Statement s = c.createStatement()) {
          for (String sql : statements(read(m.resource()))) {
            s.execute(sql);
          }
          try (PreparedStatement p = c.prepareStatement(
              "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            p.setInt(1, m.version());
            p.setString(2, m.description());
            p.setString(3, java.time.Instant.now().toString());
            p.executeUpdate();
          }
          c.commit();
          applied.add(m.version());
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw new SQLException("migration V" + m.version() + " (" + m.resource() + ") failed: " + e.getMessage(), e);
        }
      }
      return applied;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The highest applied version, 0 for a new database. */
  public static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** Splits a migration file into statements at semicolons ending a line; drops {@code --} comment lines. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        String stmt = cur.toString().strip();
        out.add(stmt.substring(0, stmt.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration " + resource, e);
    }
  }
}
