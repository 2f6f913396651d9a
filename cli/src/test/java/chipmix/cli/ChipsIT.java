package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged jar ({@code -Dchipmix.jar}, set by Failsafe) as users do. */
class ChipsIT {
  @TempDir Path home;

  private JarRun run(String... args) {
    return JarRun.withEnv(Map.of("CHIPMIX_HOME", home.toString()), args);
  }

  @Test
  void compare_printsTheSourcedComparison() {
    JarRun r = run("chips", "compare", "h20", "ascend-910b", "h100-sxm");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(CliRun.of("chips", "compare", "h20", "ascend-910b", "h100-sxm").out());
    assertThat(r.out()).contains("5120 (5120–6016)**", "S19  [compilation] SGLang");
  }

  @Test
  void show_unknownId_exitsTwoWithSuggestion() {
    JarRun r = run("chips", "show", "h2000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown chip 'h2000'; did you mean 'h20' or 'h200'");
  }

  @Test
  void userCatalogDirectory_isRead() throws IOException {
    Path dir = Files.createDirectories(home.resolve("catalog"));
    Files.writeString(dir.resolve("lab.yaml"), """
        sources:
          - {id: LAB1, title: "Lab sheet", publisher: "Our lab", url: "https://example.org/lab", date: "2026-02-01"}
        chips:
          - id: lab-npu
            vendor: LabCo
            name: Lab NPU
            design_origin: DE
            market: datacenter
            sources: [LAB1]
            specs:
              bf16_tflops: {value: 200, source: LAB1, confidence: low}
        """);
    JarRun r = run("chips", "list", "--vendor", "labco", "--format", "csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().skip(1).toList()).hasSize(1).allMatch(l -> l.startsWith("lab-npu,LabCo,Lab NPU,DE,datacenter,"));
  }

  @Test
  void badUserCatalog_listsEveryProblem() throws IOException {
    Path dir = Files.createDirectories(home.resolve("catalog"));
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        chips:
          - id: x
            vendor: X
            name: X
            design_origin: US
            market: datacenter
            sources: [S01]
            specs:
              memory_bandwidth_tbs: {value: -2, source: S01, confidence: high}
              tdp_w: {value: 300, source: S01}
        """);
    JarRun r = run("chips", "list");
    assertThat(r.exitCode()).isEqualTo(2);
    // Each problem names its path and its line in the file (specs on lines 9 and 10).
    assertThat(r.err()).contains("2 problems",
        bad + ": chips[0].specs.memory_bandwidth_tbs.value (line 9, column 30): must be a number above 0 and at most 100,000 TB/s, got -2",
        bad + ": chips[0].specs.tdp_w.confidence (line 10, column 7): is required (one of high, medium, low)");
  }
}
