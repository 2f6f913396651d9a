package chipmix.web.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcScenarioStoreTest {
  @TempDir Path dir;

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  private JdbcScenarioStore open() {
    return JdbcScenarioStore.open(Sqlite.at(dir.resolve("sub/chipmix.db")), CLOCK);
  }

  @Test
  void open_createsFolderAndAppliesMigrationsOnce() throws SQLException {
    open();
    open();
    try (Connection c = Sqlite.at(dir.resolve("sub/chipmix.db")).open(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(Migrations.ALL.size());
      assertThat(Migrations.currentVersion(c)).isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
    }
  }

  @Test
  void database_usesWriteAheadLogAndFullSync() throws SQLException {
    open();
    try (Connection c = Sqlite.at(dir.resolve("sub/chipmix.db")).open(); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
        r.next();
        assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
      }
      try (ResultSet r = s.executeQuery("PRAGMA synchronous")) {
        r.next();
        assertThat(r.getInt(1)).as("2 = FULL").isEqualTo(2);
      }
    }
  }

  @Test
  void everyMigrationFile_isListedInOrder() throws IOException {
    Path folder = Path.of("src/main/resources/db/migration");
    List<String> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.map(p -> "db/migration/" + p.getFileName()).sorted().toList();
    }
    assertThat(Migrations.ALL).extracting(Migration::resource).containsExactlyInAnyOrderElementsOf(files);
    for (int i = 0; i < Migrations.ALL.size(); i++) {
      assertThat(Migrations.ALL.get(i).version()).isEqualTo(i + 1);
    }
  }

  @Test
  void migrationStatements_splitAtLineEndingSemicolons() {
    assertThat(Migrations.statements("-- c\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\n  ON a (x)");
  }

  @Test
  void failedWrite_rollsBackAndKeepsEarlierSaves() {
    JdbcScenarioStore store = open();
    StoredScenario a = store.create("a", "name: a");
    assertThatThrownBy(() -> store.startRun("missing", 1)).isInstanceOf(StoreException.NotFound.class);
    assertThatThrownBy(() -> store.update(a.id(), 7, "b", "name: b")).isInstanceOf(StoreException.StaleVersion.class);
    assertThat(store.find(a.id())).contains(a);
    assertThat(store.runs(a.id())).isEmpty();
  }

  @Test
  void delete_removesRunsToo() {
    JdbcScenarioStore store = open();
    StoredScenario a = store.create("a", "name: a");
    ScenarioRun run = store.startRun(a.id(), a.version());
    assertThat(store.delete(a.id())).isTrue();
    assertThat(store.findRun(run.id())).isEmpty();
    assertThat(store.delete(a.id())).isFalse();
  }

  @Test
  @DisplayName("a run left 'running' by a stopped server is marked interrupted at the next start")
  void reopen_marksUnfinishedRunsInterrupted() {
    JdbcScenarioStore store = open();
    StoredScenario a = store.create("a", "name: a");
    ScenarioRun run = store.startRun(a.id(), 1);
    ScenarioRun after = open().findRun(run.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(after.finishedAt()).isPresent();
  }

  @Test
  void finishRun_storesOutcome() {
    JdbcScenarioStore store = open();
    StoredScenario a = store.create("a", "name: a");
    ScenarioRun run = store.finishRun(store.startRun(a.id(), 1).id(), RunStatus.SUCCEEDED, "{\"x\":1}");
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.resultJson()).contains("{\"x\":1}");
    assertThat(run.finishedAt()).contains(CLOCK.instant());
  }
}
