package chipmix.spark;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkEngineTest {
  static final Path EXAMPLE = Path.of("..", "examples", "bytedance-2025.yaml").toAbsolutePath().normalize();

  /** 2 x 2 points x 3 samples = 12 plans of the bundled example. */
  private static Path smallSweep(Path dir) throws Exception {
    Path sweep = dir.resolve("small-sweep.yaml");
    Files.writeString(sweep, """
        scenario: %s
        samples: 3
        seed: 5
        axes:
          - name: frac
            path: orders[ascend-910b].slip.delivered_fraction
            values: [0.5, 1]
          - name: demand
            path: serving[chatbot].requests_per_second
            multiply: [1, 8]
        """.formatted(EXAMPLE.toString().replace("\\\\", "/")));
    return sweep;
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run chipmix(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void sparkAndLocalEngines_writeIdenticalRows_andSparkWritesThemAsParquet(@TempDir Path dir) throws Exception {
    Path sweep = smallSweep(dir);
    Path local = dir.resolve("local.csv");
    Path spark = dir.resolve("spark.csv");
    Path parquet = dir.resolve("rows.parquet");
    Run l = chipmix("sweep", sweep.toString(), "--rows", local.toString(), "--threads", "2", "-q");
    assertThat(l.exitCode()).as(l.err()).isZero();
    Run s = chipmix("sweep", sweep.toString(), "--engine", "spark", "--master", "local[2]", "--rows", spark.toString(),
        "--parquet", parquet.toString(), "-q");
    assertThat(s.exitCode()).as(s.err()).isZero();

    List<String> localRows = Files.readAllLines(local);
    assertThat(localRows).hasSize(1 + 2 * 2 * 3);
    assertThat(Files.readAllLines(spark)).isEqualTo(localRows);
    assertThat(s.out()).isEqualTo(l.out());

    SparkSession session = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> back = session.read().parquet(parquet.toString());
      assertThat(back.count()).isEqualTo(2 * 2 * 3);
      List<String> header = List.of(localRows.get(0).split(","));
      assertThat(back.columns()).containsExactlyElementsOf(header);
      // the typed columns hold the CSV's values: the cost of the first row, to the cent
      Row first = back.orderBy("point", "sample").first();
      String[] cells = localRows.get(1).split(",");
      int cost = header.indexOf("cost_usd");
      assertThat(first.getDecimal(cost)).isEqualByComparingTo(new java.math.BigDecimal(cells[cost]));
      assertThat(first.getInt(header.indexOf("sample"))).isZero();
    } finally {
      session.stop();
    }
  }

  @Test
  void resumedOnSpark_plansOnlyTheMissingRows(@TempDir Path dir) throws Exception {
    Path sweep = smallSweep(dir);
    Path rows = dir.resolve("rows.csv");
    Run first = chipmix("sweep", sweep.toString(), "--rows", rows.toString(), "--threads", "1", "-q");
    assertThat(first.exitCode()).as(first.err()).isZero();
    List<String> all = Files.readAllLines(rows);
    Files.write(rows, all.subList(0, 1 + 5));
    Run resumed = chipmix("sweep", sweep.toString(), "--engine", "spark", "--master", "local[2]", "--rows", rows.toString());
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("planned 7 of 12 plans");
    assertThat(Files.readAllLines(rows)).isEqualTo(all);
  }
}
