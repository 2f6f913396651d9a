package chipmix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the packaged jar: the done-when commands. */
class ExportIT {

  @Test
  void check_h20China_differsBetween2024And2025() {
    JarRun before = JarRun.of("export", "check", "--chip", "h20", "--to", "CN", "--date", "2024-06-01");
    JarRun after = JarRun.of("export", "check", "--chip", "h20", "--to", "CN", "--date", "2025-06-01");
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(before.out()).contains("Outcome:        NOT CONTROLLED", "FR Doc 2023-23055");
    assertThat(after.out()).contains("Outcome:        LICENSE REQUIRED", "[R2025-H20]", "[NVDA-8K-2025-04, R10]");
  }

  @Test
  void timelineAndMatrix_run() {
    JarRun t = JarRun.of("export", "timeline", "--chip", "h20", "--to", "CN", "--until", "2026-06-30");
    assertThat(t.exitCode()).as(t.err()).isZero();
    assertThat(t.out()).contains("2025-04-09");
    JarRun m = JarRun.of("export", "matrix", "--date", "2026-03-01", "--chips", "h20,h200", "--format", "json");
    assertThat(m.exitCode()).as(m.err()).isZero();
    assertThat(m.out()).contains("\"rows\"", "\"legend\"");
  }

  @Test
  void check_badCountry_exitsWithInvalidInput() {
    JarRun r = JarRun.of("export", "check", "--chip", "h20", "--to", "XX");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--to: unknown country code 'XX'");
  }
}
