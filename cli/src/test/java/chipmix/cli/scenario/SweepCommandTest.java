package chipmix.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.CliRun;
import chipmix.cli.ExitCode;
import chipmix.cli.Golden;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
  static final Path EXAMPLE = Path.of("..", "examples", "bytedance-2025.yaml").toAbsolutePath().normalize();

  /** A tiny sweep over the bundled example: 2 x 2 = 4 plans. */
  private static Path tinySweep(Path dir) throws Exception {
    Path sweep = dir.resolve("tiny-sweep.yaml");
    Files.writeString(sweep, """
        scenario: %s
        axes:
          - name: frac
            path: orders[ascend-910b].slip.delivered_fraction
            values: [0.5, 1]
          - name: demand
            path: serving[chatbot].requests_per_second
            multiply: [1, 8]
        """.formatted(EXAMPLE.toString().replace("\\", "/")));
    return sweep;
  }

  @Test
  void help_matchesGolden() {
    Golden.assertMatches("sweep-help.txt", CliRun.of("sweep", "--help").out());
  }

  @Test
  void sweep_writesOneRowPerPlan_inPointOrder_andResumeSkipsFinishedRows(@TempDir Path dir) throws Exception {
    Path sweep = tinySweep(dir);
    Path rows = dir.resolve("rows.csv");
    CliRun first = CliRun.of("sweep", sweep.toString(), "--rows", rows.toString(), "--threads", "2");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).contains("planned 4 of 4 plans");
    List<String> lines = Files.readAllLines(rows);
    assertThat(lines).hasSize(1 + 2 * 2);
    assertThat(lines.get(0)).startsWith("point,sample,key,frac,demand,next-llm.finish,next-llm.deadline_met,next-llm.days_late,"
        + "chatbot.max_unmet_rps,cost_usd,devices_blocked,devices_at_risk,problem");
    assertThat(lines.subList(1, 5)).extracting(l -> l.substring(0, l.indexOf(','))).containsExactly("0", "1", "2", "3");

    // Stopped after two rows: the rerun plans only the other two and ends with the same file.
    Files.write(rows, lines.subList(0, 3));
    CliRun resumed = CliRun.of("sweep", sweep.toString(), "--rows", rows.toString(), "--threads", "1");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("planned 2 of 4 plans").contains("2 kept from");
    assertThat(Files.readAllLines(rows)).isEqualTo(lines);
    assertThat(resumed.out()).isEqualTo(first.out());

    CliRun again = CliRun.of("sweep", sweep.toString(), "--rows", rows.toString());
    assertThat(again.err()).contains("planned 0 of 4 plans");
    assertThat(again.out()).isEqualTo(first.out());
  }

  @Test
  void sweep_json_samplesEachPoint_withPercentilesPerPoint(@TempDir Path dir) throws Exception {
    Path sweep = tinySweep(dir);
    Files.writeString(sweep, Files.readString(sweep) + "samples: 20\nseed: 7\n");
    CliRun r = CliRun.of("sweep", sweep.toString(), "--format", "json", "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("grid_points").asInt()).isEqualTo(2 * 2);
    assertThat(json.get("points")).hasSize(2 * 2);
    assertThat(json.get("samples").asInt()).isEqualTo(20);
    assertThat(json.get("sampled").asBoolean()).isTrue();
    assertThat(json.get("seed").asLong()).isEqualTo(7);
    assertThat(json.get("note").asText()).contains("Monte Carlo");
    for (JsonNode p : json.get("points")) {
      assertThat(p.get("samples").asInt()).isEqualTo(20);
      JsonNode c = p.get("outcomes").get("cost_usd");
      // the samples differ (sampled model error and catalog ranges move the energy bill): a spread, in order
      assertThat(c.get("p10").asDouble()).isLessThan(c.get("p90").asDouble());
      assertThat(c.get("p50").asDouble()).isBetween(c.get("p10").asDouble(), c.get("p90").asDouble());
    }
    JsonNode cost = null;
    for (JsonNode s : json.get("sensitivity")) {
      if (s.get("outcome").asText().equals("cost_usd")) {
        cost = s;
      }
    }
    assertThat(cost).isNotNull();
    JsonNode axes = cost.get("axes");
    assertThat(axes).hasSize(2);
    // largest range first
    assertThat(axes.get(0).get("range").asDouble()).isGreaterThanOrEqualTo(axes.get(1).get("range").asDouble());
    for (JsonNode a : axes) {
      if (a.get("axis").asText().equals("demand")) {
        // eight times the demand keeps more devices busy, so more electricity is paid for
        assertThat(a.get("means").get("x8").asDouble()).isGreaterThan(a.get("means").get("x1").asDouble());
        assertThat(a.get("range").asDouble()).isEqualTo(a.get("high").asDouble() - a.get("low").asDouble());
      }
    }
  }

  @Test
  void sweep_csv_isOneRowPerPoint_withTheJsonsPercentiles(@TempDir Path dir) throws Exception {
    Path sweep = tinySweep(dir);
    Files.writeString(sweep, Files.readString(sweep) + "samples: 20\nseed: 7\n");
    JsonNode json = new ObjectMapper().readTree(CliRun.of("sweep", sweep.toString(), "--format", "json", "-q").out());
    CliRun r = CliRun.of("sweep", sweep.toString(), "--format", "csv", "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(1 + json.get("points").size());
    java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
    int p90 = header.indexOf("outcomes.cost_usd.p90");
    assertThat(p90).isNotNegative();
    for (int i = 0; i < json.get("points").size(); i++) {
      String[] cells = lines.get(1 + i).split(",");
      assertThat(Double.parseDouble(cells[p90]))
          .isEqualTo(json.get("points").get(i).get("outcomes").get("cost_usd").get("p90").asDouble());
    }
  }

  @Test
  void sweep_resume_replansOnlyThePointsWhoseAxisDetailChanged(@TempDir Path dir) throws Exception {
    Path sweep = tinySweep(dir);
    Path rows = dir.resolve("rows.csv");
    CliRun first = CliRun.of("sweep", sweep.toString(), "--rows", rows.toString(), "-q");
    assertThat(first.exitCode()).as(first.err()).isZero();
    // the demand axis keeps its name and its first factor; its second factor changes from 8 to 6
    Files.writeString(sweep, Files.readString(sweep).replace("multiply: [1, 8]", "multiply: [1, 6]"));
    CliRun changed = CliRun.of("sweep", sweep.toString(), "--rows", rows.toString());
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    assertThat(changed.err()).contains("planned 2 of 4 plans");
    // unchanged: nothing is planned again
    CliRun same = CliRun.of("sweep", sweep.toString(), "--rows", rows.toString());
    assertThat(same.err()).contains("planned 0 of 4 plans");
  }

  @Test
  void sweep_sparkEngineWithoutItsJar_exitsWithInvalidInput_sayingWhereItIs(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("sweep", tinySweep(dir).toString(), "--engine", "spark", "--master", "local[2]");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--engine").contains("chipmix-spark-job.jar").doesNotContain("Exception");
  }

  @Test
  void sweep_engineOptionsThatDoNotFit_areAllListed(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("sweep", tinySweep(dir).toString(), "--engine", "local", "--master", "local[2]",
        "--parquet", dir.resolve("p").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--master").contains("--parquet");
    CliRun noMaster = CliRun.of("sweep", tinySweep(dir).toString(), "--engine", "spark", "--threads", "2");
    assertThat(noMaster.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(noMaster.err()).contains("--master").contains("spark-submit").contains("--threads");
    CliRun unknown = CliRun.of("sweep", tinySweep(dir).toString(), "--engine", "ray");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(unknown.err()).contains("unknown engine 'ray'").contains("local, spark");
  }

  @Test
  void sweep_badAxes_exitsWithInvalidInput_listingEveryProblemWithLines(@TempDir Path dir) throws Exception {
    Path sweep = dir.resolve("bad.yaml");
    Files.writeString(sweep, """
        scenario: %s
        axes:
          - path: orders[ascend-910c].quantity
            values: [1]
          - path: pools[h20-fleet].count
            values: [-5]
        """.formatted(EXAMPLE.toString().replace("\\", "/")));
    CliRun r = CliRun.of("sweep", sweep.toString(), "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("axes[0].path (line 3").contains("did you mean 'ascend-910b'")
        .contains("axes[1].values[0] (line 6").contains("pools[0].count").doesNotContain("Exception");
  }

  @Test
  void sweep_rowsOfAnotherSweep_areNotOverwritten(@TempDir Path dir) throws Exception {
    Path rows = dir.resolve("rows.csv");
    Files.writeString(rows, "a,b\n1,2\n");
    CliRun r = CliRun.of("sweep", tinySweep(dir).toString(), "--rows", rows.toString(), "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--rows").contains("another sweep");
    assertThat(Files.readString(rows)).isEqualTo("a,b\n1,2\n");
  }

  @Test
  void sweep_rowsNamingTheSweepFile_isRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
    Path sweep = tinySweep(dir);
    String before = Files.readString(sweep);
    CliRun r = CliRun.of("sweep", sweep.toString(), "--rows", sweep.toString(), "-q");
    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--rows").contains("input file");
    assertThat(Files.readString(sweep)).isEqualTo(before);
  }

  @Test
  void sweep_keep_writesOnlyTheColumnsOfTheKeptGroups(@TempDir Path dir) throws Exception {
    Path sweep = tinySweep(dir);
    Files.writeString(sweep, Files.readString(sweep) + "keep: [cost]\n");
    Path rows = dir.resolve("rows.csv");
    CliRun r = CliRun.of("sweep", sweep.toString(), "--rows", rows.toString(), "--format", "json", "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(rows).get(0)).isEqualTo("point,sample,key,frac,demand,cost_usd,problem");
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("sensitivity")).hasSize(1);
    assertThat(json.get("sensitivity").get(0).get("outcome").asText()).isEqualTo("cost_usd");
  }
}
