package chipmix.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.JarRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's sweep killed part-way (as a crash or Ctrl-C would stop it) and run again. */
class SweepIT {
  static final Path EXAMPLE = Path.of("..", "examples", "bytedance-2025.yaml").toAbsolutePath().normalize();
  static final int FRACTIONS = 10;
  static final int DEMANDS = 4;

  @Test
  void aKilledSweep_resumesWithoutPlanningItsFinishedRowsAgain(@TempDir Path dir) throws Exception {
    Path sweep = dir.resolve("long-sweep.yaml");
    Files.writeString(sweep, """
        scenario: %s
        axes:
          - {name: frac, path: "orders[ascend-910b].slip.delivered_fraction",
             values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]}
          - {name: demand, path: "serving[chatbot].requests_per_second", multiply: [1, 2, 4, 8]}
        """.formatted(EXAMPLE.toString().replace("\\", "/")));
    Path rows = dir.resolve("rows.csv");
    int total = FRACTIONS * DEMANDS;

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = System.getProperty("chipmix.jar", "target/chipmix.jar");
    Process p = new ProcessBuilder(java, "-jar", jar, "sweep", sweep.toString(), "--rows", rows.toString(), "--threads", "1",
        "-q").redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    // Kill it once it has written two rows (header + 2 lines).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()
        && (!Files.exists(rows) || Files.readAllLines(rows, StandardCharsets.UTF_8).size() < 3)) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the sweep of %d plans was still running after its first rows", total).isTrue();
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    List<String> before = Files.readAllLines(rows, StandardCharsets.UTF_8);
    assertThat(before.size() - 1).as("rows written before the kill").isBetween(2, total - 1);
    // rows complete at the kill (a last line may be cut short; it is planned again)
    List<String> complete = new ArrayList<>(before.subList(1, before.size() - 1));

    JarRun again = JarRun.of("sweep", sweep.toString(), "--rows", rows.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    Matcher m = Pattern.compile("planned (\\d+) of (\\d+) plans").matcher(again.err());
    assertThat(m.find()).as(again.err()).isTrue();
    int planned = Integer.parseInt(m.group(1));
    assertThat(Integer.parseInt(m.group(2))).isEqualTo(total);
    // at least the complete rows were kept, so at most the rest were planned
    assertThat(planned).isLessThanOrEqualTo(total - complete.size()).isLessThan(total);
    List<String> after = Files.readAllLines(rows, StandardCharsets.UTF_8);
    assertThat(after).hasSize(1 + total);
    assertThat(after).containsAll(complete);
    List<String> points = after.subList(1, after.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
    for (int i = 0; i < total; i++) {
      assertThat(points.get(i)).isEqualTo(Integer.toString(i));
    }
  }
}
