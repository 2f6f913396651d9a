package chipmix.web.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) in the middle of saving loses nothing it had saved before: a child
 * JVM saves scenarios in a loop, printing each id once {@code create} has returned; the test
 * kills it after a number of saves, reopens the database and finds every printed id.
 */
class CrashSafetyTest {
  @TempDir Path dir;

  /** The child process: saves scenarios until killed. */
  public static final class Writer {
    public static void main(String[] args) {
      JdbcScenarioStore store = JdbcScenarioStore.open(Sqlite.at(Path.of(args[0])), Clock.systemUTC());
      String yaml = "name: crash\n" + "# padding\n".repeat(2000);
      for (int i = 0; ; i++) {
        System.out.println(store.create("s" + i, yaml).id());
        System.out.flush();
      }
    }
  }

  @Test
  @DisplayName("a writer killed mid-save keeps every scenario whose save had returned, and the file stays intact")
  void killedWriter_keepsEverySavedScenario() throws Exception {
    Path db = dir.resolve("crash.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(), db.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> saved = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (saved.size() < 40 && (line = out.readLine()) != null) {
        saved.add(line.strip());
      }
      p.destroyForcibly(); // SIGKILL while the loop is writing the next scenarios
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(saved).as("the writer saved 40 scenarios before the kill").hasSize(40);

    JdbcScenarioStore reopened = JdbcScenarioStore.open(Sqlite.at(db), Clock.systemUTC());
    for (String id : saved) {
      assertThat(reopened.find(id)).as("scenario %s saved before the kill", id).isPresent();
    }
    try (Connection c = Sqlite.at(db).open(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo("ok");
    }
  }
}
