package chipmix.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import chipmix.cli.JarRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar plans the bundled example, as the README shows, and writes the HTML report. */
class PlanIT {
  @Test
  void plan_example_withHtml_runsFromThePackagedJar(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("report.html");
    JarRun r = JarRun.of("plan", Path.of("..", "examples", "bytedance-2025.yaml").toString(), "--html", html.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("chipmix plan: bytedance-2025").contains("Comparison").contains("Summary");
    assertThat(r.err()).contains("chipmix: planning base scenario").contains("wrote " + html);
    assertThat(Files.readString(html)).contains("echarts.init(").contains("Compliance findings");
  }

  @Test
  void plan_invalidFile_exitsWith2FromThePackagedJar(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "organisation: {name: X}\n");
    JarRun r = JarRun.of("plan", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    // a missing key is placed where the mapping that lacks it is written: the document, and the organisation key
    assertThat(r.err()).contains("settings (line 1, column 1): is required")
        .contains("organisation.headquarters (line 1, column 1): is required");
  }
}
