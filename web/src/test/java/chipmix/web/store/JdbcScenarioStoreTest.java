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

  private JdbcScenarioStore openAt(Instant now) {
    return JdbcScenarioStore.open(Sqlite.at(dir.resolve("sub/chipmix.db")), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  @DisplayName("a run left 'running' by a stopped server (no heartbeat for longer than the stale limit) is marked interrupted at the next start")
  void reopen_marksStaleRunsInterrupted() {
    JdbcScenarioStore store = open();
    StoredScenario a = store.create("a", "name: a");
    ScenarioRun run = store.startRun(a.id(), 1);
    ScenarioRun after = openAt(CLOCK.instant().plus(JdbcScenarioStore.STALE_AFTER).plusSeconds(1))
        .findRun(run.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(after.finishedAt()).isPresent();
  }

  /** A clock the test moves forward. */
  static final class StepClock extends Clock {
    Instant now = CLOCK.instant();

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  @DisplayName("a second server starting on the same database leaves the live runs of the first one running, as long as the first beats")
  void secondServer_leavesLiveRunsOfTheFirstRunning() {
    StepClock time = new StepClock();
    JdbcScenarioStore first = JdbcScenarioStore.open(Sqlite.at(dir.resolve("sub/chipmix.db")), time);
    StoredScenario a = first.create("a", "name: a");
    ScenarioRun run = first.startRun(a.id(), 1);
    time.now = time.now.plusSeconds(5);
    JdbcScenarioStore second = JdbcScenarioStore.open(Sqlite.at(dir.resolve("sub/chipmix.db")), time);
    assertThat(second.findRun(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    // the first beats every HEARTBEAT_EVERY; the second's checks, long after the run started, leave it alone
    for (int i = 0; i < 20; i++) {
      time.now = time.now.plus(JdbcScenarioStore.HEARTBEAT_EVERY);
      first.heartbeat();
      second.heartbeat();
    }
    assertThat(second.findRun(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    // the first stops beating: after the stale limit the second marks its run interrupted
    time.now = time.now.plus(JdbcScenarioStore.STALE_AFTER).plusSeconds(1);
    second.heartbeat();
    assertThat(second.findRun(run.id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
  }

  @Test
  @DisplayName("two stores (two server processes) writing to one database at once: every save succeeds, none fails with SQLITE_BUSY")
  void twoStores_concurrentSaves_allSucceed() throws Exception {
    JdbcScenarioStore a = open();
    JdbcScenarioStore b = open();
    int perThread = 12;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
    for (int t = 0; t < 8; t++) {
      JdbcScenarioStore s = t % 2 == 0 ? a : b;
      done.add(pool.submit(() -> {
        int saved = 0;
        for (int i = 0; i < perThread; i++) {
          StoredScenario x = s.create("s" + i, "name: s");
          s.update(x.id(), 1, "t" + i, "name: t");
          s.finishRun(s.startRun(x.id(), 2).id(), RunStatus.SUCCEEDED, "{}");
          saved++;
        }
        return saved;
      }));
    }
    int total = 0;
    for (var f : done) {
      total += f.get();
    }
    pool.shutdown();
    assertThat(total).isEqualTo(8 * perThread);
    assertThat(a.count()).isEqualTo(8 * perThread);
  }

  @Test
  void list_pages_newestFirst() {
    JdbcScenarioStore store = open();
    for (int i = 0; i < 5; i++) {
      store.create("s" + i, "name: s");
    }
    assertThat(store.count()).isEqualTo(5);
    assertThat(store.list(2, 0)).hasSize(2);
    assertThat(store.list(2, 4)).hasSize(1);
    List<String> all = store.list().stream().map(StoredScenario::id).toList();
    assertThat(store.list(2, 2).stream().map(StoredScenario::id).toList()).isEqualTo(all.subList(2, 4));
  }

  @Test
  void busyError_isRecognisedByItsCode() {
    assertThat(JdbcScenarioStore.isBusy(new SQLException("[SQLITE_BUSY] The database file is locked", null, 5))).isTrue();
    assertThat(JdbcScenarioStore.isBusy(new SQLException("[SQLITE_BUSY_SNAPSHOT]", null, 517))).isTrue();
    assertThat(JdbcScenarioStore.isBusy(new SQLException("[SQLITE_CONSTRAINT]", null, 19))).isFalse();
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
