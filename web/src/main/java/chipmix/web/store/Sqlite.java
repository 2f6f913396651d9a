package chipmix.web.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Connections to an SQLite file, set up for durable transactional writes: write-ahead log
 * (readers do not block the writer), {@code synchronous=FULL} (a committed transaction survives
 * a power cut), foreign keys enforced, a busy timeout instead of immediate lock errors, and
 * {@code BEGIN IMMEDIATE} transactions (a writer takes the lock up front, so two writers queue
 * instead of deadlocking on a lock upgrade).
 */
public final class Sqlite {
  private static final int BUSY_TIMEOUT_MS = 10_000;

  private Sqlite() {}

  /** A factory for connections to {@code file}, creating its folder if needed. */
  public static ConnectionFactory at(Path file) {
    Path abs = file.toAbsolutePath();
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the database folder " + abs.getParent(), e);
    }
    String url = "jdbc:sqlite:" + abs;
    Properties props = new Properties();
    props.setProperty("transaction_mode", "IMMEDIATE");
    props.setProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MS));
    props.setProperty("foreign_keys", "true");
    props.setProperty("synchronous", "FULL");
    props.setProperty("journal_mode", "WAL");
    return () -> {
      Connection c = DriverManager.getConnection(url, props);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA foreign_keys = ON");
        s.execute("PRAGMA synchronous = FULL");
        s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return c;
    };
  }
}
